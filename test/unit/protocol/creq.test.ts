import { describe, expect, it } from 'vitest';
import { parseCReq, redactCReq } from '../../../src/protocol/creq.ts';
import { errorSummary, protocolErrorOf } from './protocol-error-of.ts';

const serverTransID = 'ce2809be-b5ee-425b-9382-76a72a4f495b';
const acsTransID = '7b26d24f-4275-4044-97ee-4564c1b88fde';
const sdkTransID = 'b2385523-a66c-4907-ac3c-91848e8c0067';

function browser(version = '2.2.0', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageType: 'CReq',
    messageVersion: version,
    threeDSServerTransID: serverTransID,
    acsTransID,
    challengeWindowSize: '05',
    ...extra,
  };
}

function app(version = '2.2.0', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageType: 'CReq',
    messageVersion: version,
    threeDSServerTransID: serverTransID,
    acsTransID,
    sdkTransID,
    sdkCounterStoA: '000',
    ...(version === '2.3.1' ? { oobAppURLInd: '01' } : {}),
    ...extra,
  };
}

describe('parseCReq, browser', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'])('accepts a %s browser CReq', (version) => {
    expect(parseCReq(browser(version), 'browser')).toEqual(browser(version));
  });

  it('keeps a well-formed messageExtension and drops unknown elements', () => {
    const messageExtension = [
      { name: 'ext', id: 'A000000004-x', criticalityIndicator: false, data: { a: 1 } },
    ];
    expect(parseCReq(browser('2.2.0', { messageExtension, sdkTransID, extra: 'x' }), 'browser')).toEqual(
      browser('2.2.0', { messageExtension }),
    );
  });

  it.each(['threeDSServerTransID', 'acsTransID', 'challengeWindowSize'])(
    'reports a missing %s as 201',
    (name) => {
      const input = browser('2.2.0');
      delete input[name];
      expect(errorSummary(() => parseCReq(input, 'browser'))).toEqual({
        errorCode: '201',
        errorDetail: name,
        messageType: 'CReq',
        ids: {
          ...(name === 'threeDSServerTransID' ? {} : { threeDSServerTransID: serverTransID }),
          ...(name === 'acsTransID' ? {} : { acsTransID }),
        },
        messageVersion: '2.2.0',
      });
    },
  );

  it('treats null and empty values as missing and lists them all', () => {
    const input = browser('2.1.0', { acsTransID: null, challengeWindowSize: '' });
    expect(errorSummary(() => parseCReq(input, 'browser'))).toMatchObject({
      errorCode: '201',
      errorDetail: 'acsTransID,challengeWindowSize',
    });
  });

  it.each([
    ['challengeWindowSize', '06'],
    ['challengeWindowSize', 5],
    ['acsTransID', 'not-a-uuid'],
    ['threeDSServerTransID', `${serverTransID}x`],
    ['messageExtension', [{ name: 'ext' }]],
  ])('reports an invalid %s as 203 and echoes only well-formed ids', (name, value) => {
    const error = protocolErrorOf(() => parseCReq(browser('2.2.0', { [name]: value }), 'browser'));
    expect([error.errorCode, error.errorDetail, error.errorMessageType]).toEqual(['203', name, 'CReq']);
    expect(Object.values(error.ids)).not.toContain(value);
  });

  it('refuses a browser CReq on an app transaction (201 for the SDK elements)', () => {
    expect(errorSummary(() => parseCReq(browser('2.2.0'), 'app'))).toMatchObject({
      errorCode: '201',
      errorDetail: 'sdkTransID,sdkCounterStoA',
    });
  });

  it('answers an unsupported version with 102', () => {
    expect(errorSummary(() => parseCReq(browser('2.4.0'), 'browser'))).toEqual({
      errorCode: '102',
      errorDetail: 'messageVersion',
      messageType: 'CReq',
      ids: { threeDSServerTransID: serverTransID, acsTransID },
      messageVersion: undefined,
    });
  });

  it('answers a missing version with 201 and a missing messageType with 201', () => {
    const noVersion = browser();
    delete noVersion.messageVersion;
    expect(protocolErrorOf(() => parseCReq(noVersion, 'browser')).errorCode).toBe('201');
    const noType = browser();
    delete noType.messageType;
    expect(errorSummary(() => parseCReq(noType, 'browser'))).toMatchObject({
      errorCode: '201',
      errorDetail: 'messageType',
    });
  });

  it.each(['AReq', 'CRes', 'creq'])('answers messageType %s with 101', (messageType) => {
    expect(errorSummary(() => parseCReq(browser('2.2.0', { messageType }), 'browser'))).toMatchObject({
      errorCode: '101',
      errorDetail: 'messageType',
      messageType: 'CReq',
    });
  });

  it.each([null, 'CReq', [browser()], 12])('answers a non-object (%j) with 101', (value) => {
    expect(errorSummary(() => parseCReq(value, 'browser'))).toMatchObject({
      errorCode: '101',
      messageType: 'CReq',
      ids: {},
    });
  });
});

describe('parseCReq, app', () => {
  it('accepts what the Stripe SDK sends for a code entry', () => {
    const input = app('2.2.0', { challengeDataEntry: '123456', messageExtensions: [] });
    expect(parseCReq(input, 'app')).toEqual(app('2.2.0', { challengeDataEntry: '123456' }));
  });

  it('accepts challengeNoEntry together with cancel, resend or OOB continue (Stripe sends them so)', () => {
    expect(parseCReq(app('2.2.0', { challengeNoEntry: 'Y', challengeCancel: '01' }), 'app')).toEqual(
      app('2.2.0', { challengeNoEntry: 'Y', challengeCancel: '01' }),
    );
    expect(parseCReq(app('2.1.0', { challengeNoEntry: 'Y', resendChallenge: 'Y' }), 'app')).toEqual(
      app('2.1.0', { challengeNoEntry: 'Y', resendChallenge: 'Y' }),
    );
    expect(parseCReq(app('2.2.0', { challengeNoEntry: 'Y', oobContinue: true }), 'app')).toEqual(
      app('2.2.0', { challengeNoEntry: 'Y', oobContinue: true }),
    );
  });

  it('accepts the 2.2.0 elements', () => {
    const extra = {
      challengeHTMLDataEntry: 'otp=123456',
      whitelistingDataEntry: 'N',
      threeDSRequestorAppURL: 'https://merchant.example/app',
      resendChallenge: 'N',
    };
    expect(parseCReq(app('2.2.0', extra), 'app')).toEqual(app('2.2.0', extra));
  });

  it('ignores elements a version does not define', () => {
    const later = {
      whitelistingDataEntry: 'Y',
      threeDSRequestorAppURL: 'https://m.example',
      challengeAddCode: 'Y',
    };
    expect(parseCReq(app('2.1.0', later), 'app')).toEqual(app('2.1.0'));
    expect(parseCReq(app('2.3.1', { whitelistingDataEntry: 'Y' }), 'app')).toEqual(app('2.3.1'));
  });

  it('accepts the 2.3.1 elements', () => {
    const extra = {
      challengeDataEntry: '123456',
      challengeDataEntryTwo: 'abc',
      trustListDataEntry: 'Y',
      deviceBindingDataEntry: 'N',
      threeDSRequestorAppURL: 'https://merchant.example/app',
      oobAppStatus: '01',
    };
    expect(parseCReq(app('2.3.1', extra), 'app')).toEqual(app('2.3.1', extra));
    expect(parseCReq(app('2.3.1', { oobContinue: '02', challengeAddCode: 'Y' }), 'app')).toEqual(
      app('2.3.1', { oobContinue: '02', challengeAddCode: 'Y' }),
    );
    expect(parseCReq(app('2.3.1', { infoContinueIndicator: true }), 'app')).toEqual(
      app('2.3.1', { infoContinueIndicator: true }),
    );
  });

  it('requires oobAppURLInd from 2.3.1', () => {
    const input = app('2.3.1');
    delete input.oobAppURLInd;
    expect(errorSummary(() => parseCReq(input, 'app'))).toEqual({
      errorCode: '201',
      errorDetail: 'oobAppURLInd',
      messageType: 'CReq',
      ids: { threeDSServerTransID: serverTransID, acsTransID, sdkTransID },
      messageVersion: '2.3.1',
    });
  });

  it.each(['threeDSServerTransID', 'acsTransID', 'sdkTransID', 'sdkCounterStoA'])(
    'reports a missing %s as 201',
    (name) => {
      const input = app('2.1.0');
      delete input[name];
      expect(errorSummary(() => parseCReq(input, 'app'))).toMatchObject({
        errorCode: '201',
        errorDetail: name,
        messageType: 'CReq',
        messageVersion: '2.1.0',
      });
    },
  );

  it.each([
    ['2.2.0', 'sdkCounterStoA', '256'],
    ['2.2.0', 'sdkCounterStoA', '1'],
    ['2.2.0', 'sdkCounterStoA', 0],
    ['2.2.0', 'sdkTransID', 'abc'],
    ['2.2.0', 'challengeDataEntry', 'x'.repeat(46)],
    ['2.2.0', 'challengeDataEntry', 123456],
    ['2.2.0', 'challengeHTMLDataEntry', 'x'.repeat(257)],
    ['2.2.0', 'challengeNoEntry', 'N'],
    ['2.2.0', 'challengeCancel', '02'],
    ['2.2.0', 'challengeCancel', '09'],
    ['2.1.0', 'challengeCancel', '09'],
    ['2.3.1', 'challengeCancel', '11'],
    ['2.3.1', 'resendChallenge', 'N'],
    ['2.2.0', 'resendChallenge', 'yes'],
    ['2.2.0', 'oobContinue', '01'],
    ['2.2.0', 'oobContinue', false],
    ['2.3.1', 'oobContinue', true],
    ['2.2.0', 'whitelistingDataEntry', 'maybe'],
    ['2.2.0', 'threeDSRequestorAppURL', 'not a url'],
    ['2.3.1', 'oobAppURLInd', '04'],
    ['2.3.1', 'infoContinueIndicator', false],
    ['2.3.1', 'challengeAddCode', 'N'],
  ])('%s: reports an invalid %s as 203', (version, name, value) => {
    expect(errorSummary(() => parseCReq(app(version, { [name]: value }), 'app'))).toMatchObject({
      errorCode: '203',
      errorDetail: name,
      messageType: 'CReq',
      messageVersion: version,
    });
  });

  it('lists every invalid element, never their values', () => {
    const error = protocolErrorOf(() =>
      parseCReq(app('2.2.0', { challengeDataEntry: '1'.repeat(60), challengeNoEntry: 'Z' }), 'app'),
    );
    expect([error.errorCode, error.errorDetail]).toEqual(['203', 'challengeDataEntry,challengeNoEntry']);
    expect(error.message).not.toContain('1'.repeat(60));
  });

  it('refuses data entry together with challengeNoEntry', () => {
    expect(
      errorSummary(() =>
        parseCReq(app('2.2.0', { challengeDataEntry: '123456', challengeNoEntry: 'Y' }), 'app'),
      ),
    ).toMatchObject({ errorCode: '203', errorDetail: 'challengeDataEntry,challengeNoEntry' });
  });

  it('accepts the 2.1.0 cancel values 01-08', () => {
    for (const code of ['01', '02', '03', '04', '05', '06', '07', '08']) {
      expect(parseCReq(app('2.1.0', { challengeCancel: code }), 'app')).toEqual(
        app('2.1.0', { challengeCancel: code }),
      );
    }
  });
});

describe('redactCReq', () => {
  it('hides what the cardholder typed and keeps the rest', () => {
    const creq = parseCReq(
      app('2.3.1', { challengeDataEntry: '123456', challengeDataEntryTwo: 'pw' }),
      'app',
    );
    expect(redactCReq(creq)).toEqual(
      app('2.3.1', { challengeDataEntry: '***', challengeDataEntryTwo: '***' }),
    );
    expect(creq.challengeDataEntry).toBe('123456');
  });

  it('leaves a browser CReq as it was', () => {
    const creq = parseCReq(browser(), 'browser');
    expect(redactCReq(creq)).toEqual(browser());
  });
});

describe('parseCReq and an unrecognised critical message extension', () => {
  const critical = { name: 'Acme', id: 'A000000004-acme', criticalityIndicator: true, data: { a: 1 } };

  it.each(['browser', 'app'] as const)('answers 202 naming it (%s)', (channel) => {
    const input = (channel === 'browser' ? browser : app)('2.2.0', { messageExtension: [critical] });
    expect(errorSummary(() => parseCReq(input, channel))).toEqual({
      errorCode: '202',
      errorDetail: 'messageExtension[0]',
      messageType: 'CReq',
      ids:
        channel === 'browser'
          ? { threeDSServerTransID: serverTransID, acsTransID }
          : { threeDSServerTransID: serverTransID, acsTransID, sdkTransID },
      messageVersion: '2.2.0',
    });
  });

  it('reports a malformed list as 203 first', () => {
    const input = browser('2.2.0', { messageExtension: [critical, { name: 'x' }] });
    expect(protocolErrorOf(() => parseCReq(input, 'browser')).errorCode).toBe('203');
  });
});
