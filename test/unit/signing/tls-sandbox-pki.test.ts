/**
 * The sandbox TLS PKI (ACS_TLS_SANDBOX_CERT): a CA and a server certificate it signs for the
 * loopback names and the public URL's host, in 0600 files under the keys directory, kept
 * across restarts and re-issued when the public host changes.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { tlsCredentials } from '../../../src/signing/tls-credentials.ts';
import { loadOrCreateSandboxTls, sandboxTlsHosts } from '../../../src/signing/tls-sandbox-pki.ts';

const dir = fs.mkdtempSync(path.join(tmpdir(), 'acs-tls-pki-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const files = [
  'tls-sandbox-ca.key.pem',
  'tls-sandbox-ca.crt.pem',
  'tls-server.key.pem',
  'tls-server.crt.pem',
];

describe('sandbox TLS PKI', () => {
  it('names loopback and the public host', () => {
    expect(sandboxTlsHosts('https://localhost:8080')).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(sandboxTlsHosts('https://acs.lab.test')).toEqual([
      'localhost',
      '127.0.0.1',
      '::1',
      'acs.lab.test',
    ]);
    expect(sandboxTlsHosts('https://[::1]:8443')).toEqual(['localhost', '127.0.0.1', '::1']);
  });

  it('creates a CA and a server certificate it signs, in 0600 files, and keeps them on restart', async () => {
    const keysDir = path.join(dir, 'one');
    const keys = await loadOrCreateKeys({
      keysDir,
      resultSigningAlg: 'ES256',
      publicUrl: 'https://acs.lab.test:8443',
      tls: { source: 'sandbox' },
    });
    for (const file of files) {
      expect(fs.statSync(path.join(keysDir, file)).mode & 0o777, file).toBe(0o600);
    }
    const caPem = keys.tlsSandboxCaPem;
    expect(caPem).toBe(fs.readFileSync(path.join(keysDir, 'tls-sandbox-ca.crt.pem'), 'utf8'));
    const ca = new X509Certificate(caPem ?? '');
    expect(ca.ca).toBe(true);
    const credentials = tlsCredentials(keys);
    if (credentials === undefined) throw new Error('no TLS credentials');
    const server = new X509Certificate(credentials.certificatePem);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkHost('acs.lab.test')).toBe('acs.lab.test');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(server.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth
    // Nothing secret is visible on the public object.
    expect(JSON.stringify(keys)).not.toContain('PRIVATE KEY');

    const again = await loadOrCreateKeys({
      keysDir,
      resultSigningAlg: 'ES256',
      publicUrl: 'https://acs.lab.test:8443',
      tls: { source: 'sandbox' },
    });
    expect(again.tlsSandboxCaPem).toBe(caPem);
    expect(tlsCredentials(again)?.certificatePem).toBe(credentials.certificatePem);
    expect(again.warnings).toEqual([]);
  });

  it('re-issues the server certificate (same CA) when the public host changes', async () => {
    const keysDir = path.join(dir, 'two');
    const warnings: string[] = [];
    fs.mkdirSync(keysDir, { mode: 0o700 });
    const first = await loadOrCreateSandboxTls({
      keysDir,
      publicUrl: 'https://localhost:8080',
      now: new Date(),
      warnings,
    });
    const moved = await loadOrCreateSandboxTls({
      keysDir,
      publicUrl: 'https://acs.moved.test',
      now: new Date(),
      warnings,
    });
    expect(moved.caPem).toBe(first.caPem);
    expect(moved.certificatePem).not.toBe(first.certificatePem);
    expect(new X509Certificate(moved.certificatePem).checkHost('acs.moved.test')).toBe('acs.moved.test');
    expect(warnings).toEqual([expect.stringMatching(/does not name acs\.moved\.test; issued a new one$/)]);
  });

  it('creates no TLS files and no CA when TLS is off', async () => {
    const keysDir = path.join(dir, 'three');
    const keys = await loadOrCreateKeys({
      keysDir,
      resultSigningAlg: 'ES256',
      publicUrl: 'http://localhost:8080',
    });
    expect(keys.tlsSandboxCaPem).toBeUndefined();
    expect(tlsCredentials(keys)).toBeUndefined();
    for (const file of files) expect(fs.existsSync(path.join(keysDir, file))).toBe(false);
  });
});
