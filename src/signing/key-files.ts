/**
 * File-system rules for key material: the keys directory is 0700, every file in it 0600,
 * files are created without ever overwriting one that another process wrote first, and a
 * file found group/world accessible on load is tightened with a warning rather than trusted
 * silently. Messages name paths, never contents.
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../errors/index.ts';

const dirMode = 0o700;
const fileMode = 0o600;
const groupOrWorldBits = 0o077;

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** Creates the directory (and parents) with mode 0700, or tightens an existing one. */
export function ensurePrivateDir(dir: string, warnings: string[]): void {
  fs.mkdirSync(dir, { recursive: true, mode: dirMode });
  tightenMode(dir, dirMode, warnings);
}

/** Tightens `target` to `wanted` when group or others have any access; records a warning. */
function tightenMode(target: string, wanted: number, warnings: string[]): void {
  const mode = fs.statSync(target).mode;
  if ((mode & groupOrWorldBits) === 0) return;
  try {
    fs.chmodSync(target, wanted);
    warnings.push(`${target} was mode ${octal(mode)}; tightened to ${octal(wanted)}`);
  } catch {
    warnings.push(`${target} is mode ${octal(mode)} (group/world accessible) and could not be tightened`);
  }
}

/** Reads a key file as UTF-8 (tightening its mode to 0600 first), or undefined if it does not exist. */
export function readPrivateFile(file: string, warnings: string[]): string | undefined {
  try {
    tightenMode(file, fileMode, warnings);
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw new StartupError(
      'key_file_unreadable',
      `cannot read key file ${file}: ${errorCode(error) ?? 'unknown error'}`,
      {
        cause: error,
      },
    );
  }
}

/** Reads a key file that must exist (an operator-configured path). */
export function readRequiredPrivateFile(file: string, warnings: string[], what: string): string {
  const content = readPrivateFile(file, warnings);
  if (content === undefined)
    throw new StartupError('key_file_missing', `${what} not found at configured path ${file}`);
  return content;
}

function writeTemporary(file: string, content: string): string {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  fs.writeFileSync(temporary, content, { mode: fileMode, flag: 'wx' });
  return temporary;
}

/**
 * Writes a new 0600 file atomically and only if none exists (hard link of a complete temporary
 * file). Returns false when another process created the file first: the caller re-reads it.
 */
export function createPrivateFile(file: string, content: string): boolean {
  const temporary = writeTemporary(file, content);
  try {
    fs.linkSync(temporary, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Replaces a 0600 file atomically (rename of a complete temporary file), e.g. a renewed certificate. */
export function replacePrivateFile(file: string, content: string): void {
  const temporary = writeTemporary(file, content);
  try {
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
