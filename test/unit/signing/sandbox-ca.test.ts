/**
 * The two sandbox CAs (the app channel's DS root CA and the sandbox TLS CA) share how they are
 * checked on start (src/signing/sandbox-ca.ts): a CA certificate that does not fit its key stops
 * the start, a leaf certificate from another CA is issued again, and the two CAs never stand in
 * for each other.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { loadOrCreateSandboxTls } from '../../../src/signing/tls-sandbox-pki.ts';
import { cleanUpTempDirs, tempDir } from './temp-keys.ts';

afterAll(cleanUpTempDirs);

const sandboxTls = (keysDir: string, warnings: string[]) =>
  loadOrCreateSandboxTls({ keysDir, publicUrl: 'https://localhost:8080', now: new Date(), warnings });

describe('sandbox CAs', () => {
  it('refuses to start when a CA certificate does not match its key', async () => {
    const keysDir = tempDir();
    const other = tempDir();
    await sandboxTls(keysDir, []);
    await sandboxTls(other, []);
    fs.copyFileSync(path.join(other, 'tls-sandbox-ca.crt.pem'), path.join(keysDir, 'tls-sandbox-ca.crt.pem'));
    await expect(sandboxTls(keysDir, [])).rejects.toThrow(
      /sandbox TLS CA certificate \(.*tls-sandbox-ca\.crt\.pem\) does not match its key .*remove both/,
    );
  });

  it('issues a new server certificate when the one on disk comes from another CA', async () => {
    const keysDir = tempDir();
    const other = tempDir();
    const first = await sandboxTls(keysDir, []);
    await sandboxTls(other, []);
    // Same server key, certificate signed by the other directory's CA.
    fs.copyFileSync(path.join(keysDir, 'tls-server.key.pem'), path.join(other, 'tls-server.key.pem'));
    fs.rmSync(path.join(other, 'tls-server.crt.pem'));
    await sandboxTls(other, []);
    fs.copyFileSync(path.join(other, 'tls-server.crt.pem'), path.join(keysDir, 'tls-server.crt.pem'));

    const warnings: string[] = [];
    const again = await sandboxTls(keysDir, warnings);
    expect(warnings).toEqual([expect.stringMatching(/was not issued by the CA; issued a new one$/)]);
    const certificate = new X509Certificate(again.certificatePem);
    expect(certificate.verify(new X509Certificate(first.caPem).publicKey)).toBe(true);
  });

  it('keeps the DS root CA and the TLS CA apart: different keys, names and uses', async () => {
    const keys = await loadOrCreateKeys({
      keysDir: tempDir(),
      resultSigningAlg: 'ES256',
      acsContentSigningAlg: 'ES256',
      publicUrl: 'https://localhost:8080',
      tls: { source: 'sandbox' },
    });
    const dsRoot = new X509Certificate(keys.dsRootCaPem);
    const tlsCa = new X509Certificate(keys.tlsSandboxCaPem ?? '');
    expect(dsRoot.subject).toContain('CN=ACS Simulator Sandbox DS Root CA');
    expect(tlsCa.subject).toContain('CN=ACS Simulator Sandbox TLS Root CA');
    expect(dsRoot.publicKey.equals(tlsCa.publicKey)).toBe(false);
    const acsCertificate = new X509Certificate(keys.acsCertificatePem);
    expect(acsCertificate.checkIssued(dsRoot)).toBe(true);
    expect(acsCertificate.checkIssued(tlsCa)).toBe(false);
    // The content-signing certificate is not a TLS server certificate.
    expect(acsCertificate.keyUsage ?? []).not.toContain('1.3.6.1.5.5.7.3.1');
  });
});
