import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../src/errors/index.ts';
import {
  decodeBase64UrlJson,
  encodeBase64UrlJson,
  maxBase64UrlJsonLength,
} from '../../../src/protocol/base64url-json.ts';

const creq = {
  threeDSServerTransID: 'ce2809be-b5ee-425b-9382-76a72a4f495b',
  acsTransID: '7b26d24f-4275-4044-97ee-4564c1b88fde',
  messageVersion: '2.2.0',
  messageType: 'CReq',
  challengeWindowSize: '01',
};

/** The error thrown by `fn`, which must be a ProtocolError. */
function protocolErrorOf(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
  throw new Error('expected a ProtocolError');
}

describe('encodeBase64UrlJson', () => {
  it('encodes unpadded base64url of the JSON text', () => {
    expect(encodeBase64UrlJson({ a: 1 })).toBe('eyJhIjoxfQ');
    expect(encodeBase64UrlJson({ a: 1 })).not.toContain('=');
  });

  it('uses the url-safe alphabet', () => {
    // "?>>" encodes to "Pz4+" in standard base64.
    expect(encodeBase64UrlJson('?>>')).toBe('Ij8-PiI');
  });

  it('refuses a value JSON cannot represent', () => {
    expect(() => encodeBase64UrlJson(undefined)).toThrow(TypeError);
  });
});

describe('decodeBase64UrlJson', () => {
  it('round-trips an unpadded CReq', () => {
    expect(decodeBase64UrlJson(encodeBase64UrlJson(creq), JSON.parse)).toEqual(creq);
  });

  it('accepts correct padding', () => {
    const unpadded = encodeBase64UrlJson({ ab: 1 });
    const padded = unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4);
    expect(padded).not.toBe(unpadded);
    expect(decodeBase64UrlJson(padded, JSON.parse)).toEqual({ ab: 1 });
  });

  it('keeps non-ASCII text intact', () => {
    const value = { merchantName: 'Café Ünïcødé 日本' };
    expect(decodeBase64UrlJson(encodeBase64UrlJson(value), JSON.parse)).toEqual(value);
  });

  it.each([
    ['not a string', 42, '101'],
    ['absent', undefined, '101'],
    ['empty', '', '101'],
    ['oversize', 'A'.repeat(maxBase64UrlJsonLength + 1), '101'],
    ['standard base64 alphabet', 'Pz4+Pz8/', '203'],
    ['spaces', 'eyJh IjoxfQ', '203'],
    ['a stray character', 'eyJhIjoxfQ!', '203'],
    ['padding in the middle', 'ey=hIjoxfQ', '203'],
    ['too much padding', 'eyJhIjoxfQ===', '203'],
    ['padding on a wrong length', 'eyJhIjoxf==', '203'],
    ['only padding', '==', '203'],
    ['an impossible length', 'eyJhI', '203'],
    ['non-canonical trailing bits', 'eyJhIjoxfR', '203'],
  ])('rejects %s with %s naming the field', (_name, input, code) => {
    const error = protocolErrorOf(() => decodeBase64UrlJson(input, JSON.parse, 'creq'));
    expect(error.errorCode).toBe(code);
    expect(error.errorDetail).toBe('creq');
  });

  it('rejects bytes that are not UTF-8 (203)', () => {
    const text = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url');
    const error = protocolErrorOf(() => decodeBase64UrlJson(text, JSON.parse, 'threeDSMethodData'));
    expect([error.errorCode, error.errorDetail]).toEqual(['203', 'threeDSMethodData']);
  });

  it('passes the parser’s ProtocolError through unchanged', () => {
    const text = encodeBase64UrlJson(creq);
    const thrown = new ProtocolError('204', 'messageType');
    const error = protocolErrorOf(() =>
      decodeBase64UrlJson(text, () => {
        throw thrown;
      }),
    );
    expect(error).toBe(thrown);
  });

  it('turns any other parser failure into 101 without its message', () => {
    const text = Buffer.from('{"code":"123456"', 'utf8').toString('base64url');
    const error = protocolErrorOf(() => decodeBase64UrlJson(text, JSON.parse));
    expect([error.errorCode, error.errorDetail]).toEqual(['101', 'creq']);
    expect(error.message).not.toContain('123456');
  });

  it('never echoes the submitted content in the error', () => {
    const error = protocolErrorOf(() => decodeBase64UrlJson('4000000000001000+', JSON.parse));
    expect(error.message).not.toContain('4000000000001000');
  });
});
