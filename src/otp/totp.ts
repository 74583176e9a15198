/**
 * Authenticator-app codes (TOTP, RFC 6238) for the challenge-app scenario: secret generation,
 * the otpauth:// enrolment URI, and verification with one step of past tolerance and replay
 * protection (docs/flows.md, "Challenge methods"). Pure apart from the injected clock value and
 * random source.
 *
 * otplib v13 does the HOTP/TOTP arithmetic and the constant-time comparison
 * (`crypto.constantTimeEqual`, XOR-accumulated over equal-length codes). Two things are done
 * here instead: the otpauth URI (otplib's `generateURI` leaves colons inside the issuer or
 * account unencoded and drops the default algorithm/digits/period parameters) and telling a
 * replayed code from a wrong one (otplib's `afterTimeStep` skips old steps silently, so both
 * look like `{ valid: false }`, and it throws when the bound lies beyond the current step).
 */

import { generateSync, ScureBase32Plugin, verifySync } from 'otplib';

/** The parameters every authenticator app understands (RFC 6238 defaults); fixed for this ACS. */
export const totpParameters = { algorithm: 'SHA1', digits: 6, periodSeconds: 30, secretBytes: 20 } as const;

/** The outcome of checking a TOTP code; `step` is RFC 6238's T = floor(unixSeconds / 30). */
export type TotpVerdict =
  | { valid: true; step: number }
  | { valid: false; reason: 'malformed' | 'wrong' | 'replayed' };

/** otplib refuses shorter secrets (RFC 4226 section 4, R6); so do we, with our own message. */
const minSecretBytes = 16;
const base32 = new ScureBase32Plugin();
const base32Pattern = /^[A-Z2-7]+=*$/;
const codePattern = /^[0-9]{6}$/;
/** One period in the past, none in the future: otplib checks [now - 30 s, now] by time step. */
const pastOnlyTolerance: [number, number] = [totpParameters.periodSeconds, 0];

/** A new TOTP secret: 20 random bytes (RFC 4226's recommended 160 bits) as unpadded base32. */
export function generateTotpSecret(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(totpParameters.secretBytes);
  if (bytes.length !== totpParameters.secretBytes) {
    throw new RangeError(
      `random source returned ${bytes.length} bytes, expected ${totpParameters.secretBytes}`,
    );
  }
  return base32.encode(bytes, { padding: false });
}

/**
 * The otpauth:// URI an authenticator app scans (Key URI Format). The label is
 * `issuer:account`, each part percent-encoded on its own (a colon inside a name becomes %3A so
 * the separator stays unambiguous), and every parameter is spelled out. The URI carries the
 * secret: it belongs in a QR code shown once, never in a log or a link.
 */
export function otpauthUri(input: { secret: string; issuer: string; accountName: string }): string {
  decodeSecret(input.secret);
  if (input.issuer.trim() === '') throw new RangeError('otpauth issuer must not be empty');
  if (input.accountName.trim() === '') throw new RangeError('otpauth account name must not be empty');
  const label = `${encodeRfc3986(input.issuer)}:${encodeRfc3986(input.accountName)}`;
  const query = [
    `secret=${input.secret.toUpperCase().replace(/=+$/, '')}`,
    `issuer=${encodeRfc3986(input.issuer)}`,
    `algorithm=${totpParameters.algorithm}`,
    `digits=${totpParameters.digits}`,
    `period=${totpParameters.periodSeconds}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}

/** The code an authenticator app shows at `nowMs` (for tests and the sandbox's "bank app"). */
export function currentTotp(secret: string, nowMs: number): string {
  return generateSync({ ...otplibOptions(secret), epoch: epochSeconds(nowMs) });
}

/** RFC 6238's time step T at `nowMs` (the value verifyTotp reports and expects back). */
export function totpStepAt(nowMs: number): number {
  return Math.floor(epochSeconds(nowMs) / totpParameters.periodSeconds);
}

/**
 * Checks a typed code against the current step and the one before it (never a future step),
 * refusing any step at or before `lastAcceptedStep`. A caller that gets `valid: true` must store
 * `step` as the new `lastAcceptedStep` before accepting, so the same code never counts twice.
 */
export function verifyTotp(input: {
  secret: string;
  code: string;
  nowMs: number;
  lastAcceptedStep: number | undefined;
}): TotpVerdict {
  const { code, lastAcceptedStep } = input;
  if (lastAcceptedStep !== undefined && !(Number.isSafeInteger(lastAcceptedStep) && lastAcceptedStep >= 0)) {
    throw new RangeError('lastAcceptedStep must be a non-negative integer');
  }
  const options = { ...otplibOptions(input.secret), epoch: epochSeconds(input.nowMs) };
  if (typeof code !== 'string' || !codePattern.test(code)) return { valid: false, reason: 'malformed' };

  // otplib throws when afterTimeStep lies beyond the window (our clock went back, or another
  // instance's ran ahead); then no step in the window is acceptable at all.
  if (lastAcceptedStep === undefined || lastAcceptedStep <= totpStepAt(input.nowMs)) {
    const fresh = verifySync({
      ...options,
      token: code,
      epochTolerance: pastOnlyTolerance,
      afterTimeStep: lastAcceptedStep,
    });
    if (fresh.valid && 'timeStep' in fresh) return { valid: true, step: fresh.timeStep };
  }
  if (lastAcceptedStep === undefined) return { valid: false, reason: 'wrong' };
  // A code that matches the window only at an already used step is a replay, not a typo.
  const any = verifySync({ ...options, token: code, epochTolerance: pastOnlyTolerance });
  return { valid: false, reason: any.valid ? 'replayed' : 'wrong' };
}

/** The otplib options shared by generation and verification (secret already decoded). */
function otplibOptions(secret: string) {
  return {
    secret: decodeSecret(secret),
    algorithm: 'sha1',
    digits: totpParameters.digits,
    period: totpParameters.periodSeconds,
  } as const;
}

/** Decodes a base32 secret (case-insensitive, padding optional); the error never quotes it. */
function decodeSecret(secret: string): Uint8Array {
  const problem = new RangeError(`TOTP secret must be base32 of at least ${minSecretBytes} bytes`);
  const normalised = typeof secret === 'string' ? secret.toUpperCase() : '';
  if (!base32Pattern.test(normalised)) throw problem;
  let bytes: Uint8Array;
  try {
    bytes = base32.decode(normalised.replace(/=+$/, ''));
  } catch {
    throw problem;
  }
  if (bytes.length < minSecretBytes) throw problem;
  return bytes;
}

/** Unix seconds from a millisecond clock reading (otplib counts in whole seconds). */
function epochSeconds(nowMs: number): number {
  if (!Number.isFinite(nowMs) || nowMs < 0)
    throw new RangeError('nowMs must be a non-negative finite number');
  return Math.floor(nowMs / 1000);
}

/** encodeURIComponent plus the sub-delimiters it leaves alone, so the URI is RFC 3986 strict. */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
