import { describe, expect, it } from 'vitest';
import { checkErro } from '../../support/message-rules/check-erro.ts';
import { ids } from './examples.ts';

function formatErro(version: string) {
  return {
    messageType: 'Erro',
    messageVersion: version,
    threeDSServerTransID: ids.threeDSServerTransID,
    dsTransID: ids.dsTransID,
    errorComponent: 'A',
    errorCode: '203',
    errorDescription: 'Format of one or more data elements is invalid according to the specification',
    errorDetail: 'purchaseAmount',
    errorMessageType: 'AReq',
  };
}

describe('checkErro accepts correct errors', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'])('a format error in %s, with the expectation met', (version) => {
    const expected = {
      errorCode: '203',
      detailIncludes: ['purchaseAmount'],
      messageVersion: version,
      errorMessageType: 'AReq',
      ids: { threeDSServerTransID: ids.threeDSServerTransID },
    };
    expect(checkErro(formatErro(version), expected)).toEqual([]);
  });

  it('a 102 for an unreadable message, with no IDs to echo', () => {
    const erro = {
      messageType: 'Erro',
      messageVersion: '2.2.0',
      errorComponent: 'A',
      errorCode: '102',
      errorDescription: 'Message version number not supported',
      errorDetail: 'messageVersion',
    };
    expect(checkErro(erro, { errorCode: '102' })).toEqual([]);
  });

  it('a 2.3.1-only code in 2.3.1', () => {
    expect(checkErro({ ...formatErro('2.3.1'), errorCode: '207' })).toEqual([]);
  });
});

describe('checkErro reports each defect', () => {
  it('another component, a missing detail, an empty description', () => {
    const { errorDetail: _detail, ...erro } = {
      ...formatErro('2.2.0'),
      errorComponent: 'S',
      errorDescription: '',
    };
    expect(checkErro(erro)).toEqual([
      'errorDescription is an empty string: an element without a value must be omitted',
      'errorComponent "S" is not one of A',
      'errorDetail is required',
    ]);
  });

  it('codes the version does not define', () => {
    expect(checkErro({ ...formatErro('2.2.0'), errorCode: '207' })).toEqual([
      'errorCode "207" is not defined in 2.2.0',
    ]);
    expect(checkErro({ ...formatErro('2.2.0'), errorCode: '999' })).toEqual([
      'errorCode "999" is not defined in 2.2.0',
    ]);
    expect(checkErro({ ...formatErro('2.2.0'), messageVersion: '2.0.0' })).toEqual([
      'messageVersion "2.0.0" is not a version this ACS speaks',
    ]);
  });

  it('IDs that are not UUIDs, unknown elements, texts too long', () => {
    const erro = {
      ...formatErro('2.2.0'),
      acsTransID: 'abc',
      transStatus: 'U',
      errorDetail: 'x'.repeat(2049),
    };
    expect(checkErro(erro)).toEqual([
      'errorDetail is 2049 characters, more than the 2048 allowed',
      'acsTransID "abc" does not have the required format',
      'transStatus is not an element of the Erro table',
    ]);
  });

  it('a PAN in the detail', () => {
    const erro = { ...formatErro('2.2.0'), errorDetail: 'acctNumber 4000000000000101 is not valid' };
    expect(checkErro(erro)).toEqual([
      'errorDetail contains a run of 13-19 digits: a PAN must never appear in an error',
    ]);
  });

  it('an expectation that is not met', () => {
    const expected = {
      errorCode: '201',
      detailIncludes: ['notificationURL'],
      ids: { acsTransID: ids.acsTransID },
    };
    expect(checkErro(formatErro('2.2.0'), expected)).toEqual([
      'errorCode must be 201, got "203"',
      'errorDetail must name notificationURL, got "purchaseAmount"',
      `acsTransID must echo ${ids.acsTransID}, got undefined`,
    ]);
  });

  it('something that is not an Erro at all', () => {
    expect(checkErro([formatErro('2.2.0')])).toEqual(['the Erro is not a JSON object']);
    expect(checkErro({ ...formatErro('2.2.0'), messageType: 'ARes' })).toEqual([
      'messageType "ARes" is not one of Erro',
    ]);
  });
});
