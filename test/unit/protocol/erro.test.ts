import { describe, expect, it } from 'vitest';
import { AcsError, InternalError, ProtocolError } from '../../../src/errors/index.ts';
import { parseAReq } from '../../../src/protocol/areq.ts';
import { buildErro, erroForFailure } from '../../../src/protocol/erro.ts';
import { parseJsonStrict } from '../../../src/protocol/json-strict.ts';
import { validAReq } from '../../support/areq-fixtures.ts';
import { protocolErrorOf } from './protocol-error-of.ts';

const threeDSServerTransID = '8a880dc0-d2d2-4067-bcb1-b08d1690b26e';
const sdkTransID = 'b2385523-a66c-4907-ac3c-91848e8c0067';

describe('buildErro', () => {
  it('builds the Erro of a ProtocolError with its version, message type and IDs', () => {
    const error = new ProtocolError('203', 'acctNumber, mcc', {
      messageType: 'AReq',
      messageVersion: '2.3.1',
      ids: { threeDSServerTransID, sdkTransID },
    });
    expect(buildErro(error, '2.2.0')).toEqual({
      messageType: 'Erro',
      messageVersion: '2.3.1',
      errorComponent: 'A',
      errorCode: '203',
      errorDescription: 'Data element not in the required format or value is invalid',
      errorDetail: 'acctNumber, mcc',
      errorMessageType: 'AReq',
      threeDSServerTransID,
      sdkTransID,
    });
  });

  it('answers in the fallback version when the message had none it supports, and leaves out what is unknown', () => {
    const error = new ProtocolError('102', 'messageVersion', { messageVersion: '9.9.9' });
    expect(buildErro(error, '2.2.0')).toEqual({
      messageType: 'Erro',
      messageVersion: '2.2.0',
      errorComponent: 'A',
      errorCode: '102',
      errorDescription: 'Message version number not supported',
      errorDetail: 'messageVersion',
    });
  });

  it('echoes only well-formed UUIDs and known message types', () => {
    const error = new ProtocolError('201', 'acctNumber', {
      messageType: 'NotAType',
      ids: { threeDSServerTransID: 'x', dsTransID: '4000000000000101', acsTransID: threeDSServerTransID },
    });
    const erro = buildErro(error, '2.1.0');
    expect([erro.threeDSServerTransID, erro.dsTransID, erro.acsTransID, erro.errorMessageType]).toEqual([
      undefined,
      undefined,
      threeDSServerTransID,
      undefined,
    ]);
    expect(Object.keys(erro)).not.toContain('dsTransID');
  });

  it('truncates errorDetail to 2048 characters and never sends it empty', () => {
    const long = new ProtocolError('201', Array.from({ length: 500 }, (_, i) => `element${i}`).join(', '));
    expect(buildErro(long, '2.2.0').errorDetail).toHaveLength(2048);
    expect(buildErro(new ProtocolError('403', ''), '2.2.0').errorDetail).toBe('Transient system failure');
  });

  it('turns the errors of parsing into the Erro the contract promises', () => {
    const body = validAReq({
      version: '2.2.0',
      channel: '01',
      overrides: { threeDSServerTransID, sdkTransID },
    });
    const text = JSON.stringify({ ...body, acctNumber: undefined, deviceRenderOptions: undefined });
    const erro = buildErro(
      protocolErrorOf(() => parseAReq(parseJsonStrict(text))),
      '2.2.0',
    );
    expect(erro).toEqual({
      messageType: 'Erro',
      messageVersion: '2.2.0',
      errorComponent: 'A',
      errorCode: '201',
      errorDescription: 'A message element required as defined in the specification is missing',
      errorDetail: 'acctNumber, deviceRenderOptions',
      errorMessageType: 'AReq',
      threeDSServerTransID,
      sdkTransID,
    });
    expect(
      buildErro(
        protocolErrorOf(() => parseJsonStrict('{"a":1,"a":2}')),
        '2.3.1',
      ),
    ).toEqual({
      messageType: 'Erro',
      messageVersion: '2.3.1',
      errorComponent: 'A',
      errorCode: '204',
      errorDescription: 'Duplicate data element',
      errorDetail: 'a',
    });
  });
});

/** A log that keeps what it was given. */
function recordingLog() {
  const lines: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  return {
    lines,
    error: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
  };
}

describe('erroForFailure', () => {
  it('maps any other failure to a 403 that says nothing about it, and logs it once with the failure', () => {
    for (const failure of [
      new Error('card 4000000000000101 broke /srv/secret.ts:12'),
      new InternalError('invariant_broken', 'rreqFor: transStatus X is not a challenge outcome'),
      'boom',
      undefined,
      { code: 1 },
    ]) {
      const log = recordingLog();
      const erro = erroForFailure(failure, {
        fallbackVersion: '2.2.0',
        log,
        logFields: { path: '/3ds/areq' },
      });
      expect(erro).toEqual({
        messageType: 'Erro',
        messageVersion: '2.2.0',
        errorComponent: 'A',
        errorCode: '403',
        errorDescription: 'Transient system failure',
        errorDetail: 'the ACS could not process the message',
      });
      expect(log.lines).toEqual([
        { message: 'unexpected failure answered with Erro 403', fields: { path: '/3ds/areq', err: failure } },
      ]);
    }
  });

  it('keeps a ProtocolError as it is, with what the caller knows added, and logs nothing', () => {
    const log = recordingLog();
    const error = new ProtocolError('305', 'purchaseAmount', {
      messageType: 'AReq',
      ids: { threeDSServerTransID },
    });
    expect(erroForFailure(error, { fallbackVersion: '2.1.0', log })).toEqual(buildErro(error, '2.1.0'));
    const acsTransID = 'c3d2a1b0-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
    expect(
      erroForFailure(error, {
        fallbackVersion: '2.1.0',
        log,
        context: { messageType: 'CReq', messageVersion: '2.3.1', ids: { acsTransID } },
      }),
    ).toMatchObject({ errorCode: '305', errorMessageType: 'CReq', messageVersion: '2.3.1', acsTransID });
    expect(log.lines).toEqual([]);
  });

  it('answers a message that could not be read (an AcsError) as 101 naming what was wrong', () => {
    const log = recordingLog();
    const erro = erroForFailure(new AcsError('payload_too_large', 'request body too large'), {
      fallbackVersion: '2.2.0',
      log,
      context: { messageType: 'PReq' },
    });
    expect(erro).toMatchObject({
      errorCode: '101',
      errorDetail: 'request body too large',
      errorMessageType: 'PReq',
    });
    // A failure the ACS itself reported as unavailable is a transient failure, not a bad message.
    expect(
      erroForFailure(new AcsError('unavailable', 'the store is closed'), { fallbackVersion: '2.2.0', log }),
    ).toMatchObject({ errorCode: '403' });
    expect(log.lines).toEqual([]);
  });
});
