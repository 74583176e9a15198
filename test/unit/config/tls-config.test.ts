/**
 * The HTTPS settings (docs/configuration.md, "HTTPS"): certificate files come in pairs, the
 * sandbox certificate only in sandbox mode and never with files, an ACS serving TLS hands out
 * https URLs, and a configuration that cannot give a 2.3.1 ARes an https acsURL is refused
 * outside the sandbox and only warned about inside it.
 */
import { describe, expect, it } from 'vitest';
import { checkAcsUrlScheme, httpAcsUrlWarning } from '../../../src/config/acs-url-scheme.ts';
import { ConfigError, loadConfig } from '../../../src/config/load.ts';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('TLS configuration', () => {
  it('serves plain HTTP by default', () => {
    const config = loadConfig({});
    expect(config.tls).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:8080');
  });

  it('takes a certificate and key pair, and refuses one without the other', () => {
    const config = loadConfig({
      ACS_TLS_CERT_PATH: '/etc/acs/tls.crt',
      ACS_TLS_KEY_PATH: '/etc/acs/tls.key',
      ACS_PUBLIC_URL: 'https://acs.example.test',
    });
    expect(config.tls).toEqual({
      source: 'files',
      certPath: '/etc/acs/tls.crt',
      keyPath: '/etc/acs/tls.key',
    });
    expect(refusal({ ACS_TLS_CERT_PATH: '/etc/acs/tls.crt' })).toContain(
      'set both ACS_TLS_CERT_PATH and ACS_TLS_KEY_PATH, or neither',
    );
    expect(refusal({ ACS_TLS_KEY_PATH: '/etc/acs/tls.key' })).toContain('ACS_TLS_CERT_PATH');
  });

  it('makes https://localhost:8080 the default public URL when the sandbox certificate is on', () => {
    const config = loadConfig({ ACS_TLS_SANDBOX_CERT: 'true' });
    expect(config.tls).toEqual({ source: 'sandbox' });
    expect(config.publicUrl).toBe('https://localhost:8080');
  });

  it('refuses the sandbox certificate outside sandbox mode, or together with certificate files', () => {
    expect(
      refusal({ ACS_TLS_SANDBOX_CERT: 'true', ACS_SANDBOX: 'false', ACS_PUBLIC_URL: 'https://acs.test' }),
    ).toMatch(/ACS_TLS_SANDBOX_CERT: ACS_TLS_SANDBOX_CERT needs ACS_SANDBOX=true/);
    expect(
      refusal({ ACS_TLS_SANDBOX_CERT: 'true', ACS_TLS_CERT_PATH: '/a.crt', ACS_TLS_KEY_PATH: '/a.key' }),
    ).toContain('exclude each other');
    expect(refusal({ ACS_TLS_SANDBOX_CERT: 'maybe' })).toContain('ACS_TLS_SANDBOX_CERT');
  });

  it('refuses an http public URL when the ACS serves TLS itself', () => {
    expect(refusal({ ACS_TLS_SANDBOX_CERT: 'true', ACS_PUBLIC_URL: 'http://localhost:8080' })).toContain(
      'ACS_PUBLIC_URL: the ACS serves TLS (ACS_TLS_*), so ACS_PUBLIC_URL must be an https URL',
    );
  });
});

describe('the https acsURL rule (2.3.1)', () => {
  it('accepts an https public URL, served directly or by a TLS-terminating proxy', () => {
    expect(checkAcsUrlScheme(loadConfig({ ACS_TLS_SANDBOX_CERT: 'true' }))).toEqual({ outcome: 'ok' });
    const proxied = loadConfig({
      ACS_SANDBOX: 'false',
      ACS_PUBLIC_URL: 'https://acs.example.test',
      ACS_TRUST_PROXY: '1',
    });
    expect(proxied.tls).toBeUndefined();
    expect(checkAcsUrlScheme(proxied)).toEqual({ outcome: 'ok' });
  });

  it('warns in sandbox mode about an http public URL, so npm start keeps working on http', () => {
    expect(checkAcsUrlScheme(loadConfig({}))).toEqual({ outcome: 'warn', message: httpAcsUrlWarning });
  });

  it('refuses an http public URL outside sandbox mode, naming the variable and the fix', () => {
    const check = checkAcsUrlScheme(loadConfig({ ACS_SANDBOX: 'false', ACS_PUBLIC_URL: 'http://acs.test' }));
    expect(check.outcome).toBe('refuse');
    expect(check).toMatchObject({
      message: expect.stringMatching(
        /^ACS_PUBLIC_URL: must be https outside sandbox mode.*ACS_TLS_CERT_PATH/,
      ),
    });
  });
});
