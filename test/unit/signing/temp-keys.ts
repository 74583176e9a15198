/**
 * Test helpers for src/signing: throwaway key directories under the OS temp dir, and a fixed
 * secrets file for known-answer tests.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];

/** A fresh empty directory under os.tmpdir(), removed by cleanUpTempDirs. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acs-signing-'));
  created.push(dir);
  return dir;
}

/** Removes every directory tempDir made (register with afterAll). */
export function cleanUpTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** base64 of the bytes 0x00..0x1f: the fixed key of the known-answer tests. */
export const fixedSecretBase64 = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64');

/** Writes a secrets.json (mode 0600) whose every secret is the fixed key; returns its path. */
export function writeFixedSecretsFile(dir: string): string {
  const file = path.join(dir, 'fixed-secrets.json');
  const content = {
    version: 1,
    panHash: fixedSecretBase64,
    otp: fixedSecretBase64,
    authenticationValue: fixedSecretBase64,
    formToken: fixedSecretBase64,
    atRest: fixedSecretBase64,
  };
  fs.writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
  return file;
}

/** The permission bits of a file or directory. */
export function modeOf(target: string): number {
  return fs.statSync(target).mode & 0o777;
}
