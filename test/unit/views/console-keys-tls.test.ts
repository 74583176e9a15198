/** The keys page offers the sandbox TLS CA (ACS_TLS_SANDBOX_CERT) as a PEM download, and only then. */
import { describe, expect, it } from 'vitest';
import { keyDownloads, renderKeysPage } from '../../../views/console/keys.ts';

const base = {
  operator: 'admin',
  csrfToken: 'csrf',
  resultSigningAlg: 'ES256',
  resultKid: 'kid-1',
  acsContentSigningAlg: 'PS256',
  dsRootCa: undefined,
} as const;

describe('keys page: sandbox TLS CA', () => {
  it('links the PEM download and shows the certificate facts when the sandbox certificate is served', () => {
    const page = renderKeysPage({
      ...base,
      tlsSandboxCa: {
        facts: {
          subject: 'CN=ACS Simulator Sandbox TLS Root CA',
          validFrom: 'a',
          validTo: 'b',
          fingerprint256: 'AA:BB',
        },
      },
    });
    expect(keyDownloads.tlsSandboxCa).toBe('/console/keys/tls-sandbox-ca.pem');
    expect(page).toContain(
      '<a class="button" href="/console/keys/tls-sandbox-ca.pem" download="tls-sandbox-ca.pem">Download the sandbox TLS CA (PEM)</a>',
    );
    expect(page).toContain('<code>AA:BB</code>');
  });

  it('says nothing about it otherwise', () => {
    expect(renderKeysPage(base)).not.toContain('tls-sandbox-ca');
  });
});
