/**
 * The error classes of src/errors/: each family's class carries its code and the failure it
 * wraps as its ES2022 cause, and the register tells which family a failure belongs to and
 * whether the caller may be told about it.
 */
import { describe, expect, it } from 'vitest';
import {
  AcsError,
  AppChannelError,
  codesOf,
  InternalError,
  isAnswerable,
  ProtocolError,
  registerEntryOf,
  StartupError,
} from '../../../src/errors/index.ts';

const cause = new Error('ENOENT: no such file');

describe('the error classes', () => {
  it('carry their code, name, message and cause', () => {
    const errors = [
      new AcsError('not_found', 'no such card', { cause }),
      new AppChannelError('decryption_failed', 'CReq could not be decrypted', { cause }),
      new StartupError('key_file_missing', 'secrets file not found at configured path /keys/s.json', {
        cause,
      }),
      new InternalError('invariant_broken', 'a challenge decision needs its setup', { cause }),
    ];
    expect(errors.map((error) => [error.name, error.code, error.cause])).toEqual([
      ['AcsError', 'not_found', cause],
      ['AppChannelError', 'decryption_failed', cause],
      ['StartupError', 'key_file_missing', cause],
      ['InternalError', 'invariant_broken', cause],
    ]);
    expect(String(errors[2])).toBe('StartupError: secrets file not found at configured path /keys/s.json');
    expect(errors[2]?.stack).toMatch(/^StartupError: secrets file/);
  });

  it('have no cause unless given one', () => {
    expect('cause' in new StartupError('config_invalid', 'invalid configuration')).toBe(false);
    expect('cause' in new ProtocolError('203', 'acctNumber')).toBe(false);
  });

  it('keep a ProtocolError cause when context is added', () => {
    const error = new ProtocolError('101', 'creq', { cause }).withContext({ messageType: 'CReq' });
    expect([error.cause, error.errorMessageType, error.message]).toEqual([
      cause,
      'CReq',
      'Message received invalid: creq',
    ]);
  });
});

describe('the register', () => {
  it('names the family and code of each register error, and nothing for any other failure', () => {
    expect(registerEntryOf(new ProtocolError('305', 'messageVersion'))).toEqual({
      family: 'protocol',
      code: '305',
    });
    expect(registerEntryOf(new AcsError('conflict', 'card exists'))).toEqual({
      family: 'acs',
      code: 'conflict',
    });
    expect(registerEntryOf(new InternalError('stored_value_invalid', 'at-rest value is malformed'))).toEqual({
      family: 'internal',
      code: 'stored_value_invalid',
    });
    expect(registerEntryOf(new Error('boom'))).toBeUndefined();
    expect(registerEntryOf('boom')).toBeUndefined();
  });

  it('lets only protocol and acs errors reach a caller as they are', () => {
    expect(isAnswerable(new ProtocolError('203', 'acctNumber'))).toBe(true);
    expect(isAnswerable(new AcsError('bad_request', 'scenario is not valid'))).toBe(true);
    expect(isAnswerable(new StartupError('config_invalid', 'invalid configuration'))).toBe(false);
    expect(isAnswerable(new InternalError('invariant_broken', 'a challenge decision needs its setup'))).toBe(
      false,
    );
    expect(isAnswerable(new AppChannelError('jwe_invalid', 'CReq is not a valid JWE'))).toBe(false);
    expect(isAnswerable(new Error('boom'))).toBe(false);
  });

  it('lists the codes of each family', () => {
    expect(codesOf('protocol')).toEqual([
      '101',
      '102',
      '201',
      '202',
      '203',
      '204',
      '301',
      '302',
      '305',
      '402',
      '403',
    ]);
    expect(codesOf('acs')).toContain('unavailable');
    expect(codesOf('startup')).toContain('seed_file_invalid');
  });
});
