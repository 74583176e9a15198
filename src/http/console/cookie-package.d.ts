/**
 * The types of the `cookie` package (0.7.x, which express 5 brings and which ships no types of
 * its own), for the parts the console uses (src/http/console/console-cookies.ts).
 */
declare module 'cookie' {
  /** Attributes of a Set-Cookie line. */
  export type SerializeOptions = {
    /** Seconds until the cookie expires (Max-Age). */
    maxAge?: number;
    expires?: Date;
    path?: string;
    domain?: string;
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: boolean | 'lax' | 'strict' | 'none';
  };

  /** The pairs of a Cookie header, by name (the first of a repeated name wins), values decoded. */
  export function parse(header: string): Record<string, string | undefined>;

  /** One Set-Cookie line; throws a TypeError for a name or attribute that is not valid. */
  export function serialize(name: string, value: string, options?: SerializeOptions): string;
}
