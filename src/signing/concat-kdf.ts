/**
 * The Concat KDF of NIST SP 800-56A (single-step, SHA-256) with the OtherInfo layout JOSE uses
 * (RFC 7518 section 4.6.2): AlgorithmID, PartyUInfo and PartyVInfo each as a 4-byte big-endian
 * length and the bytes, SuppPubInfo as the key length in bits, SuppPrivInfo empty. EMV's app
 * channel calls it with an empty AlgorithmID and PartyUInfo and PartyVInfo = sdkReferenceNumber
 * (EMV 3DS SDK Technical Guide 3.3.4, as real SDKs implement it).
 */

import { createHash } from 'node:crypto';
import { InternalError } from '../errors/index.ts';

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function withLength(data: Uint8Array): Buffer {
  return Buffer.concat([uint32(data.length), data]);
}

/** Inputs of the KDF besides the shared secret. */
export type ConcatKdfInfo = {
  keyBits: number;
  algorithmId?: Uint8Array;
  partyUInfo?: Uint8Array;
  partyVInfo?: Uint8Array;
};

/** Derives `keyBits` bits from the shared secret `z`. */
export function concatKdf(z: Uint8Array, info: ConcatKdfInfo): Buffer {
  if (!Number.isInteger(info.keyBits) || info.keyBits <= 0 || info.keyBits % 8 !== 0) {
    throw new InternalError('invariant_broken', 'concatKdf keyBits must be a positive multiple of 8');
  }
  const empty = new Uint8Array(0);
  const otherInfo = Buffer.concat([
    withLength(info.algorithmId ?? empty),
    withLength(info.partyUInfo ?? empty),
    withLength(info.partyVInfo ?? empty),
    uint32(info.keyBits),
  ]);
  const rounds = Math.ceil(info.keyBits / 256);
  const blocks: Buffer[] = [];
  for (let counter = 1; counter <= rounds; counter++) {
    blocks.push(createHash('sha256').update(uint32(counter)).update(z).update(otherInfo).digest());
  }
  return Buffer.concat(blocks).subarray(0, info.keyBits / 8);
}
