/**
 * The version of this ACS (package.json's `version`), written into every exported exchange
 * (src/flows/admin/exchange-export.ts) so a replay after an upgrade can tell which release
 * answered the recorded AReq. Read from the file beside src/ at first use, so it works the same
 * under `node --import tsx` and in the tests, with no JSON import the architecture rules would
 * have to allow.
 */
import { readFileSync } from 'node:fs';

const packageFile = new URL('../../../package.json', import.meta.url);

let cached: string | undefined;

/** This ACS's version; 'unknown' when package.json cannot be read or names none. */
export function acsVersion(): string {
  if (cached === undefined) cached = readVersion();
  return cached;
}

function readVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(packageFile, 'utf8'));
    const version = (parsed as { version?: unknown } | null)?.version;
    return typeof version === 'string' && version !== '' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}
