/**
 * The start-up rule for the scheme of the acsURL (and of every absolute URL the ACS hands
 * out, all built from ACS_PUBLIC_URL). EMV 3DS 2.3.1 requires an https acsURL, and a strict
 * 3DS Server rejects an ARes whose acsURL is http. Outside sandbox mode the ACS therefore
 * refuses to start with an http ACS_PUBLIC_URL; in sandbox mode it starts (so `npm start`
 * keeps working on http://localhost:8080) and says once, as a warning, what testers on 2.3.1
 * should expect. docs/configuration.md ("HTTPS") records the decision.
 */
import type { Config } from './schema.ts';

/** What the start-up check found: nothing, a warning to log, or a refusal to start. */
export type AcsUrlSchemeCheck =
  | Readonly<{ outcome: 'ok' }>
  | Readonly<{ outcome: 'warn'; message: string }>
  | Readonly<{ outcome: 'refuse'; message: string }>;

/** The log message of the sandbox warning (stable: tests and operators match on it). */
export const httpAcsUrlWarning = 'acsURL is http: 2.3.1 requestors may reject it';

/** Whether this configuration can give a 2.3.1 ARes an https acsURL. */
export function checkAcsUrlScheme(config: Pick<Config, 'publicUrl' | 'sandbox'>): AcsUrlSchemeCheck {
  if (config.publicUrl.startsWith('https:')) return { outcome: 'ok' };
  if (config.sandbox) return { outcome: 'warn', message: httpAcsUrlWarning };
  return {
    outcome: 'refuse',
    message:
      'ACS_PUBLIC_URL: must be https outside sandbox mode (2.3.1 requires an https acsURL); serve TLS with ACS_TLS_CERT_PATH and ACS_TLS_KEY_PATH, or give the https address of a TLS-terminating proxy',
  };
}
