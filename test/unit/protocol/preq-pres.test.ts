import { describe, expect, it } from 'vitest';
import { parsePReq } from '../../../src/protocol/preq.ts';
import { buildPRes, type CardRange, cardRangeSerial } from '../../../src/protocol/pres.ts';
import { errorSummary, protocolErrorOf } from './protocol-error-of.ts';

const serverTransID = '8a880dc0-d2d2-4067-bcb1-b08d1690b26e';
const dsTransID = 'f25084f0-5b16-4c0a-ae5d-b24808a95e4b';

function preqOf(version: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageType: 'PReq',
    messageVersion: version,
    threeDSServerTransID: serverTransID,
    threeDSServerRefNumber: '3DS_LOA_SER_PPFU_020100_00008',
    ...extra,
  };
}

describe('parsePReq', () => {
  it.each(['2.1.0', '2.2.0'])('accepts a %s PReq with its optional elements', (version) => {
    const input = preqOf(version, { threeDSServerOperatorID: 'op-1', serialNum: '66lM7xWInwjdqG1SSFk5' });
    expect(parsePReq(input)).toEqual(input);
  });

  it('accepts the 2.3.1 cardRangeDataDownloadInd', () => {
    const input = preqOf('2.3.1', { cardRangeDataDownloadInd: 'Y' });
    expect(parsePReq(input)).toEqual(input);
  });

  it('ignores cardRangeDataDownloadInd before 2.3.1, and unknown elements', () => {
    expect(parsePReq(preqOf('2.2.0', { cardRangeDataDownloadInd: 'Y', somethingElse: 1 }))).toEqual(
      preqOf('2.2.0'),
    );
  });

  it('treats an empty or null optional element as absent', () => {
    expect(parsePReq(preqOf('2.2.0', { serialNum: '', threeDSServerOperatorID: null }))).toEqual(
      preqOf('2.2.0'),
    );
  });

  it.each(['threeDSServerTransID', 'threeDSServerRefNumber'])('reports a missing %s as 201', (name) => {
    const input = preqOf('2.2.0');
    delete input[name];
    expect(errorSummary(() => parsePReq(input))).toEqual({
      errorCode: '201',
      errorDetail: name,
      messageType: 'PReq',
      ids: name === 'threeDSServerTransID' ? {} : { threeDSServerTransID: serverTransID },
      messageVersion: '2.2.0',
    });
  });

  it('lists every missing element', () => {
    const input = preqOf('2.1.0', { threeDSServerTransID: '', threeDSServerRefNumber: null });
    expect(protocolErrorOf(() => parsePReq(input)).errorDetail).toBe(
      'threeDSServerTransID,threeDSServerRefNumber',
    );
  });

  it('reports a missing messageType or messageVersion as 201', () => {
    const noType = preqOf('2.2.0');
    delete noType.messageType;
    expect(errorSummary(() => parsePReq(noType))).toMatchObject({
      errorCode: '201',
      errorDetail: 'messageType',
    });
    const noVersion = preqOf('2.2.0');
    delete noVersion.messageVersion;
    expect(errorSummary(() => parsePReq(noVersion))).toMatchObject({
      errorCode: '201',
      errorDetail: 'messageVersion',
    });
  });

  it.each([
    ['threeDSServerTransID', 'not-a-uuid'],
    ['threeDSServerRefNumber', 'x'.repeat(33)],
    ['threeDSServerOperatorID', 7],
    ['serialNum', 'has space'],
    ['serialNum', 'a'.repeat(21)],
    ['messageExtension', []],
  ])('reports an invalid %s as 203', (name, value) => {
    expect(errorSummary(() => parsePReq(preqOf('2.2.0', { [name]: value })))).toMatchObject({
      errorCode: '203',
      errorDetail: name,
      messageType: 'PReq',
      messageVersion: '2.2.0',
    });
  });

  it('reports an invalid 2.3.1 cardRangeDataDownloadInd as 203', () => {
    expect(
      protocolErrorOf(() => parsePReq(preqOf('2.3.1', { cardRangeDataDownloadInd: 'N' }))).errorCode,
    ).toBe('203');
  });

  it('answers an unsupported version with 102 and no version to answer with', () => {
    expect(errorSummary(() => parsePReq(preqOf('2.0.1')))).toEqual({
      errorCode: '102',
      errorDetail: 'messageVersion',
      messageType: 'PReq',
      ids: { threeDSServerTransID: serverTransID },
      messageVersion: undefined,
    });
  });

  it('answers another messageType with 101', () => {
    expect(errorSummary(() => parsePReq({ ...preqOf('2.2.0'), messageType: 'AReq' }))).toMatchObject({
      errorCode: '101',
      errorDetail: 'messageType',
    });
  });

  it.each([null, [], 'PReq', 3])('answers a non-object (%j) with 101', (value) => {
    expect(errorSummary(() => parsePReq(value))).toMatchObject({ errorCode: '101', messageType: 'PReq' });
  });
});

const visa: CardRange = {
  startRange: '4000000000000000',
  endRange: '4000000000009999',
  scheme: 'visa',
  acsVersions: ['2.2.0', '2.1.0', '2.3.1'],
  dsVersions: ['2.1.0', '2.2.0', '2.3.1'],
  threeDSMethodURL: 'http://localhost:8080/3ds/method',
  acsInfoInd: ['01', '02', '03', '05', '81'],
};
const mastercard: CardRange = {
  startRange: '5200000000000000',
  endRange: '5200000000009999',
  scheme: 'mastercard',
  acsVersions: ['2.2.0'],
  dsVersions: ['2.2.0'],
};

describe('buildPRes', () => {
  it('builds a 2.1.0 PRes: no acsInfoInd, no per-range DS versions', () => {
    const preq = parsePReq(preqOf('2.1.0'));
    expect(buildPRes({ preq, dsTransID, ranges: [visa, mastercard] })).toEqual({
      messageType: 'PRes',
      messageVersion: '2.1.0',
      threeDSServerTransID: serverTransID,
      dsTransID,
      serialNum: cardRangeSerial([visa, mastercard]),
      dsStartProtocolVersion: '2.1.0',
      dsEndProtocolVersion: '2.3.1',
      cardRangeData: [
        {
          startRange: '4000000000000000',
          endRange: '4000000000009999',
          actionInd: 'A',
          acsStartProtocolVersion: '2.1.0',
          acsEndProtocolVersion: '2.3.1',
          threeDSMethodURL: 'http://localhost:8080/3ds/method',
        },
        {
          startRange: '5200000000000000',
          endRange: '5200000000009999',
          actionInd: 'A',
          acsStartProtocolVersion: '2.2.0',
          acsEndProtocolVersion: '2.2.0',
        },
      ],
    });
  });

  it('builds a 2.2.0 PRes with DS versions and 2.2.0 acsInfoInd codes per range', () => {
    const preq = parsePReq(preqOf('2.2.0'));
    expect(buildPRes({ preq, dsTransID, ranges: [visa, mastercard] })).toEqual({
      messageType: 'PRes',
      messageVersion: '2.2.0',
      threeDSServerTransID: serverTransID,
      dsTransID,
      serialNum: cardRangeSerial([visa, mastercard]),
      dsStartProtocolVersion: '2.1.0',
      dsEndProtocolVersion: '2.3.1',
      cardRangeData: [
        {
          startRange: '4000000000000000',
          endRange: '4000000000009999',
          actionInd: 'A',
          acsStartProtocolVersion: '2.1.0',
          acsEndProtocolVersion: '2.3.1',
          dsStartProtocolVersion: '2.1.0',
          dsEndProtocolVersion: '2.3.1',
          acsInfoInd: ['01', '02', '03', '81'],
          threeDSMethodURL: 'http://localhost:8080/3ds/method',
        },
        {
          startRange: '5200000000000000',
          endRange: '5200000000009999',
          actionInd: 'A',
          acsStartProtocolVersion: '2.2.0',
          acsEndProtocolVersion: '2.2.0',
          dsStartProtocolVersion: '2.2.0',
          dsEndProtocolVersion: '2.2.0',
        },
      ],
    });
  });

  it('builds a 2.3.1 PRes with dsProtocolVersions, readOrder and acsProtocolVersions', () => {
    const preq = parsePReq(preqOf('2.3.1'));
    expect(buildPRes({ preq, dsTransID, ranges: [visa] })).toEqual({
      messageType: 'PRes',
      messageVersion: '2.3.1',
      threeDSServerTransID: serverTransID,
      dsTransID,
      serialNum: cardRangeSerial([visa]),
      dsProtocolVersions: ['2.1.0', '2.2.0', '2.3.1'],
      readOrder: '01',
      cardRangeData: [
        {
          ranges: [{ start: '4000000000000000', end: '4000000000009999' }],
          actionInd: 'A',
          dsProtocolVersions: ['2.1.0', '2.2.0', '2.3.1'],
          acsProtocolVersions: [
            { version: '2.1.0', threeDSMethodURL: 'http://localhost:8080/3ds/method' },
            {
              version: '2.2.0',
              acsInfoInd: ['01', '02', '03', '81'],
              threeDSMethodURL: 'http://localhost:8080/3ds/method',
            },
            {
              version: '2.3.1',
              acsInfoInd: ['01', '02', '03', '05', '81'],
              threeDSMethodURL: 'http://localhost:8080/3ds/method',
            },
          ],
        },
      ],
    });
  });

  it('omits cardRangeData when the PReq already holds the current serial number', () => {
    const serialNum = cardRangeSerial([visa]);
    const preq = parsePReq(preqOf('2.2.0', { serialNum }));
    expect(buildPRes({ preq, dsTransID, ranges: [visa] })).toEqual({
      messageType: 'PRes',
      messageVersion: '2.2.0',
      threeDSServerTransID: serverTransID,
      dsTransID,
      serialNum,
      dsStartProtocolVersion: '2.1.0',
      dsEndProtocolVersion: '2.3.1',
    });
  });

  it('sends every range again for an outdated serial number', () => {
    const preq = parsePReq(preqOf('2.2.0', { serialNum: 'old0000000001' }));
    const pres = buildPRes({ preq, dsTransID, ranges: [visa] });
    expect(pres.cardRangeData).toHaveLength(1);
  });

  it('serial numbers are 20 hex characters that change with the ranges', () => {
    expect(cardRangeSerial([visa])).toMatch(/^[0-9a-f]{20}$/);
    expect(cardRangeSerial([visa])).toBe(
      cardRangeSerial([{ ...visa, acsVersions: ['2.3.1', '2.1.0', '2.2.0'] }]),
    );
    expect(cardRangeSerial([visa])).not.toBe(cardRangeSerial([visa, mastercard]));
    expect(cardRangeSerial([visa])).not.toBe(cardRangeSerial([{ ...visa, threeDSMethodURL: undefined }]));
  });

  it('advertises every supported DS version and no ranges when there are none', () => {
    const preq = parsePReq(preqOf('2.3.1'));
    expect(buildPRes({ preq, dsTransID, ranges: [] })).toEqual({
      messageType: 'PRes',
      messageVersion: '2.3.1',
      threeDSServerTransID: serverTransID,
      dsTransID,
      serialNum: cardRangeSerial([]),
      dsProtocolVersions: ['2.1.0', '2.2.0', '2.3.1'],
      readOrder: '01',
    });
  });

  it.each([
    ['a short range bound', { startRange: '400000' }],
    ['a reversed range', { startRange: '4000000000009999', endRange: '4000000000000000' }],
    ['no ACS version', { acsVersions: [] }],
    ['a method URL that is not http(s)', { threeDSMethodURL: 'javascript:alert(1)' }],
  ])('refuses a misconfigured range (%s) without echoing its bounds', (_name, change) => {
    const preq = parsePReq(preqOf('2.2.0'));
    expect(() => buildPRes({ preq, dsTransID, ranges: [{ ...visa, ...change }] })).toThrow(
      /^buildPRes: card range #0/,
    );
    try {
      buildPRes({ preq, dsTransID, ranges: [{ ...visa, ...change }] });
    } catch (error) {
      expect(String(error)).not.toContain('4000000000');
    }
  });
});

describe('parsePReq and an unrecognised critical message extension', () => {
  it('answers 202 naming it', () => {
    const messageExtension = [
      { name: 'note', id: 'n', criticalityIndicator: false, data: {} },
      { name: 'Acme', id: 'a', criticalityIndicator: true, data: {} },
    ];
    const error = protocolErrorOf(() => parsePReq(preqOf('2.2.0', { messageExtension })));
    expect([error.errorCode, error.errorDetail, error.errorMessageType]).toEqual([
      '202',
      'messageExtension[1]',
      'PReq',
    ]);
  });
});
