/**
 * The HTTP client handed to the twilio SDK. The SDK has no base-URL setting, so to talk to a
 * Twilio-compatible double (tests, local rehearsal) this client rewrites every request for a
 * twilio.com host to the given base URL, keeping path and query. It never retries: a 429 or a
 * lost connection is reported once, because a retried send could deliver a second text.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/** How the SDK's HTTP client behaves. */
export type TwilioHttpOptions = Readonly<{
  /** Per-request timeout in milliseconds (the cardholder's page waits on the send). */
  timeoutMs: number;
  /** Send api.twilio.com requests here instead (a double); undefined for the real service. */
  apiBaseUrl: string | undefined;
}>;

/** `uri` with its twilio.com origin replaced by `baseUrl` (path prefix kept); others unchanged. */
export function rewriteTwilioUri(uri: string, baseUrl: string): string {
  const target = new URL(uri);
  if (target.hostname !== 'twilio.com' && !target.hostname.endsWith('.twilio.com')) return uri;
  const base = new URL(baseUrl);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}${target.pathname}${target.search}`;
}

class RewritingRequestClient extends twilio.RequestClient {
  readonly #baseUrl: string;

  constructor(options: RequestClient.RequestClientOptions, baseUrl: string) {
    super(options);
    this.#baseUrl = baseUrl;
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: rewriteTwilioUri(opts.uri, this.#baseUrl) });
  }
}

/** The SDK HTTP client: no automatic retries, a bounded timeout, optionally pointed at a double. */
export function twilioHttpClient(options: TwilioHttpOptions): RequestClient {
  const clientOptions: RequestClient.RequestClientOptions = { autoRetry: false, timeout: options.timeoutMs };
  return options.apiBaseUrl === undefined
    ? new twilio.RequestClient(clientOptions)
    : new RewritingRequestClient(clientOptions, options.apiBaseUrl);
}
