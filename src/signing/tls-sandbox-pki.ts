/**
 * The sandbox TLS PKI (ACS_TLS_SANDBOX_CERT): on first start a sandbox TLS root CA (EC P-256,
 * self-signed, 10 years) and a server certificate it signs (EC P-256, 397 days, serverAuth) for
 * localhost, 127.0.0.1, ::1 and the host of ACS_PUBLIC_URL, so a tester trusts one CA (the
 * console's keys page offers it) and runs the ACS on https://localhost in one step. It is made
 * as the app channel's DS root CA is (sandbox-ca.ts), in files of its own: the two CAs serve
 * different trust decisions and are never interchangeable.
 *
 * On every start the server certificate is checked against its key, the CA, the clock and the
 * hosts it must name; one that no longer fits is re-issued with a warning (e.g. after
 * ACS_PUBLIC_URL moved to another host). 397 days: the longest leaf lifetime browsers accept.
 */

import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import { createPrivateFile, readPrivateFile, readRequiredPrivateFile } from './key-files.ts';
import { loadOrCreateCa, loadOrIssueLeaf, tlsSandboxCa } from './sandbox-ca.ts';
import { generatePrivateKeyPem } from './signing-key.ts';

/** The sandbox TLS material: the CA to publish, and the server's certificate and key for node:https. */
export type SandboxTls = Readonly<{
  /** The sandbox TLS root CA certificate (PEM): what testers trust. */
  caPem: string;
  /** The server certificate (PEM). */
  certificatePem: string;
  /** The server's private key (PKCS#8 PEM); only for the TLS listener. */
  keyPem: string;
  /** The names the server certificate covers. */
  hosts: readonly string[];
}>;

/** What loading the sandbox TLS PKI needs. */
export type SandboxTlsOptions = {
  keysDir: string;
  /** ACS_PUBLIC_URL: its host is named by the server certificate. */
  publicUrl: string;
  now: Date;
  warnings: string[];
};

const serverValidityDays = 397;
/** The names every sandbox server certificate covers: what "localhost" resolves to. */
const loopbackNames = ['localhost', '127.0.0.1', '::1'] as const;

/** The hosts the server certificate must name: loopback plus the public URL's host. */
export function sandboxTlsHosts(publicUrl: string): readonly string[] {
  const host = new URL(publicUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return [...new Set<string>([...loopbackNames, ...(host === '' ? [] : [host])])];
}

/** The server's private key (PKCS#8 PEM) in `keyFile`, created on first use. */
async function loadOrCreateServerKey(keyFile: string, warnings: string[]): Promise<string> {
  if (readPrivateFile(keyFile, warnings) === undefined) {
    createPrivateFile(keyFile, await generatePrivateKeyPem('ES256'));
  }
  return readRequiredPrivateFile(keyFile, warnings, 'sandbox TLS server key');
}

/** Loads the sandbox TLS CA and the server certificate and key, creating or renewing what is missing. */
export async function loadOrCreateSandboxTls(options: SandboxTlsOptions): Promise<SandboxTls> {
  const { keysDir, now, warnings } = options;
  const ca = await loadOrCreateCa(keysDir, tlsSandboxCa, now, warnings);
  const hosts = sandboxTlsHosts(options.publicUrl);
  const keyPem = await loadOrCreateServerKey(path.join(keysDir, 'tls-server.key.pem'), warnings);
  const certificatePem = await loadOrIssueLeaf(
    ca,
    {
      certFile: path.join(keysDir, 'tls-server.crt.pem'),
      what: 'sandbox TLS server certificate',
      subjectKey: createPublicKey(keyPem),
    },
    {
      commonName: hosts[0] ?? 'localhost',
      unit: 'ACS TLS server',
      altNames: hosts,
      notAfter: new Date(now.getTime() + serverValidityDays * 24 * 60 * 60 * 1000),
      serverAuth: true,
      requiredNames: hosts,
    },
    now,
    warnings,
  );
  return Object.freeze({ caPem: ca.pem, certificatePem, keyPem, hosts: Object.freeze([...hosts]) });
}
