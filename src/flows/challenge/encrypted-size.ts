/**
 * The app channel keeps each CReq and CRes in the timeline decrypted (app-creq.ts, app-challenge.ts,
 * finish-challenge.ts), with the length of the compact JWE that travelled as `encryptedLength`
 * inside the stored body. The console and the admin API show the message as exchanged and the
 * size beside it: `splitEncryptedSize` takes the size out of the body. A compact JWE is ASCII, so
 * its length in characters is its size in bytes.
 */
import { isJsonObject } from '../../protocol/formats.ts';

/** A timeline body without the size, and the JWE's size in bytes when it travelled encrypted. */
export type SplitBody = Readonly<{ body: unknown; encryptedBytes: number | undefined }>;

/** Splits a stored timeline body into the message and the size of its JWE. */
export function splitEncryptedSize(stored: unknown): SplitBody {
  if (!isJsonObject(stored) || !Number.isSafeInteger(stored.encryptedLength)) {
    return { body: stored, encryptedBytes: undefined };
  }
  const { encryptedLength, ...body } = stored;
  return { body, encryptedBytes: encryptedLength as number };
}
