import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../src/errors.ts';
import { parseAReq } from '../../../src/protocol/areq.ts';
import { buildErro, erroFromUnknown } from '../../../src/protocol/erro.ts';
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

describe('erroFromUnknown', () => {
  it('maps any other failure to a 403 that says nothing about it', () => {
    for (const failure of [
      new Error('card 4000000000000101 broke /srv/secret.ts:12'),
      'boom',
      undefined,
      { code: 1 },
    ]) {
      const erro = erroFromUnknown(failure, '2.2.0');
      expect(erro).toEqual({
        messageType: 'Erro',
        messageVersion: '2.2.0',
        errorComponent: 'A',
        errorCode: '403',
        errorDescription: 'Transient system failure',
        errorDetail: 'the ACS could not process the message',
      });
    }
  });

  it('keeps a ProtocolError as it is', () => {
    const error = new ProtocolError('305', 'purchaseAmount', {
      messageType: 'AReq',
      ids: { threeDSServerTransID },
    });
    expect(erroFromUnknown(error, '2.1.0')).toEqual(buildErro(error, '2.1.0'));
  });
});
