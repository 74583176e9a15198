/**
 * How the emulated SDK reads the ACS's answers (Stripe's ChallengeResponseProcessor and
 * ChallengeResponseData rules): screens of each UI type accepted; refusals, each with the error
 * code the SDK would report, for a wrong counter, a wrong ID, a wrong version, a final CRes with
 * a forbidden element, an interim CRes missing what its UI type needs, over-long elements, UI
 * types the device did not list, a wrong CRes IV; plain and encrypted Erro answers.
 */
import { describe, expect, it } from 'vitest';
import { counterIv } from '../../support/sdk-emulator/jwe.ts';
import { SdkRuleViolation } from '../../support/sdk-emulator/sdk-rule-violation.ts';
import { acsSends, type Channel, envelope, ids, openChannel, screens } from './channel-double.ts';

const jose = 'application/jose; charset=UTF-8';

function refusal(channel: Channel, payload: Record<string, unknown>, counter = 0): SdkRuleViolation {
  try {
    channel.session.readCRes(acsSends(channel, payload, counter), jose);
  } catch (error) {
    if (error instanceof SdkRuleViolation) return error;
    throw error;
  }
  throw new Error('the CRes was accepted');
}

describe('SdkSession.readCRes: screens and the final CRes', () => {
  for (const enc of ['A128CBC-HS256', 'A128GCM'] as const) {
    it(`${enc}: reads a text screen, then a final CRes, counting 000 and 001`, () => {
      const channel = openChannel({ enc });
      const screen = channel.session.readScreen(
        acsSends(channel, { ...envelope(0), ...screens.text }, 0),
        jose,
      );
      expect(screen.acsUiType).toBe('01');
      expect(screen.texts.challengeInfoLabel).toBe('Code');
      expect(channel.session.expectedAcsCounterAtoS).toBe(1);
      const final = channel.session.readFinal(
        acsSends(channel, { ...envelope(1), challengeCompletionInd: 'Y', transStatus: 'Y' }, 1),
        jose,
      );
      expect(final.transStatus).toBe('Y');
      expect(channel.session.finished).toBe(true);
    });
  }

  it('reads single-select options, an OOB screen and a decoded HTML screen', () => {
    const channel = openChannel();
    const select = channel.session.readScreen(
      acsSends(channel, { ...envelope(0), ...screens.singleSelect }, 0),
      jose,
    );
    expect(select.selectOptions).toEqual([
      { name: 'sms', text: 'Text message' },
      { name: 'app', text: 'Banking app' },
    ]);
    const oob = channel.session.readScreen(acsSends(channel, { ...envelope(1), ...screens.oob }, 1), jose);
    expect(oob.texts.oobContinueLabel).toBe('Continue');
    const html = channel.session.readScreen(acsSends(channel, { ...envelope(2), ...screens.html }, 2), jose);
    expect(html.html).toContain('<input name="otp">');
  });
});

describe('SdkSession.readCRes: refusals', () => {
  it('refuses an acsCounterAtoS that is not the SDK count (302), and a missing one (201)', () => {
    expect(refusal(openChannel(), { ...envelope(1), ...screens.text }, 0)).toMatchObject({
      errorCode: '302',
      element: 'acsCounterAtoS',
    });
    const { acsCounterAtoS: _dropped, ...noCounter } = envelope(0);
    expect(refusal(openChannel(), { ...noCounter, ...screens.text })).toMatchObject({ errorCode: '201' });
  });

  it('refuses a repeated counter on the second CRes', () => {
    const channel = openChannel();
    channel.session.readScreen(acsSends(channel, { ...envelope(0), ...screens.text }, 0), jose);
    expect(refusal(channel, { ...envelope(0), ...screens.text }, 0)).toMatchObject({ errorCode: '302' });
  });

  it('refuses another transaction ID (301) and another messageVersion (102)', () => {
    const otherId = '99999999-9999-4999-8999-999999999999';
    expect(refusal(openChannel(), { ...envelope(0), ...screens.text, acsTransID: otherId })).toMatchObject({
      errorCode: '301',
      element: 'acsTransID',
    });
    expect(refusal(openChannel(), { ...envelope(0), ...screens.text, sdkTransID: otherId })).toMatchObject({
      errorCode: '301',
      element: 'sdkTransID',
    });
    expect(
      refusal(openChannel(), { ...envelope(0), ...screens.text, messageVersion: '2.1.0' }),
    ).toMatchObject({
      errorCode: '102',
    });
    expect(refusal(openChannel(), { ...envelope(0), ...screens.text, messageType: 'CReq' })).toMatchObject({
      errorCode: '101',
    });
  });

  it('refuses a final CRes carrying an element a final CRes may not carry, or no transStatus', () => {
    const final = { ...envelope(0), challengeCompletionInd: 'Y', transStatus: 'N' };
    expect(refusal(openChannel(), { ...final, acsUiType: '01' })).toMatchObject({
      errorCode: '101',
      element: 'acsUiType',
    });
    expect(refusal(openChannel(), { ...final, challengeInfoText: 'Done' })).toMatchObject({
      element: 'challengeInfoText',
    });
    const { transStatus: _dropped, ...noStatus } = final;
    expect(refusal(openChannel(), noStatus)).toMatchObject({ errorCode: '201', element: 'transStatus' });
    expect(refusal(openChannel(), { ...final, transStatus: 'A' })).toMatchObject({ errorCode: '203' });
  });

  it('refuses an interim CRes missing what its UI type needs (201)', () => {
    const { submitAuthenticationLabel: _a, ...textNoSubmit } = screens.text;
    expect(refusal(openChannel(), { ...envelope(0), ...textNoSubmit })).toMatchObject({
      errorCode: '201',
      element: 'submitAuthenticationLabel',
    });
    const { challengeSelectInfo: _b, ...selectNoOptions } = screens.singleSelect;
    expect(refusal(openChannel(), { ...envelope(0), ...selectNoOptions })).toMatchObject({
      element: 'challengeSelectInfo',
    });
    const { oobContinueLabel: _c, ...oobNoContinue } = screens.oob;
    expect(refusal(openChannel(), { ...envelope(0), ...oobNoContinue })).toMatchObject({
      element: 'oobContinueLabel',
    });
    const { acsUiType: _d, ...noUiType } = screens.text;
    expect(refusal(openChannel(), { ...envelope(0), ...noUiType })).toMatchObject({ element: 'acsUiType' });
    expect(
      refusal(openChannel(), { ...envelope(0), ...screens.text, challengeInfoHeader: '  ' }),
    ).toMatchObject({
      element: 'challengeInfoHeader',
    });
  });

  it('refuses malformed elements (203): length, padded acsHTML, select options, unknown element', () => {
    const malformed = (extra: Record<string, unknown>, base: Record<string, unknown> = screens.text) =>
      refusal(openChannel(), { ...envelope(0), ...base, ...extra });
    expect(malformed({ challengeInfoHeader: 'x'.repeat(46) })).toMatchObject({ errorCode: '203' });
    expect(malformed({ challengeInfoText: 'x'.repeat(351) })).toMatchObject({ element: 'challengeInfoText' });
    expect(malformed({ acsHTML: `${screens.html.acsHTML}=` }, screens.html)).toMatchObject({
      element: 'acsHTML',
    });
    expect(malformed({ challengeSelectInfo: [{ a: 'A', b: 'B' }] }, screens.singleSelect)).toMatchObject({
      element: 'challengeSelectInfo',
    });
    expect(malformed({ acsUIType: '01' })).toMatchObject({ errorCode: '203', element: 'acsUIType' });
    expect(malformed({ challengeCompletionInd: 'maybe' })).toMatchObject({
      element: 'challengeCompletionInd',
    });
  });

  it('refuses elements of a later version: oobAppURL in 2.1.0', () => {
    const channel = openChannel({ messageVersion: '2.1.0' });
    const payload = { ...envelope(0, '2.1.0'), ...screens.oob, oobAppURL: 'https://bank.example/app' };
    expect(refusal(channel, payload)).toMatchObject({ errorCode: '203', element: 'oobAppURL' });
    const v220 = openChannel({ messageVersion: '2.2.0' });
    expect(
      v220.session.readScreen(
        acsSends(v220, { ...envelope(0), ...screens.oob, oobAppURL: 'https://bank.example/app' }, 0),
        jose,
      ).texts.oobAppURL,
    ).toBe('https://bank.example/app');
  });

  it('refuses a UI type the device did not list, and HTML on a native-only device', () => {
    const textOnly = openChannel({ deviceRenderOptions: { sdkInterface: '01', sdkUiType: ['01'] } });
    expect(refusal(textOnly, { ...envelope(0), ...screens.singleSelect })).toMatchObject({
      element: 'acsUiType',
    });
    const native = openChannel({
      deviceRenderOptions: { sdkInterface: '01', sdkUiType: ['01', '02', '03', '04'] },
    });
    expect(refusal(native, { ...envelope(0), ...screens.html }).message).toMatch(
      /not one of the device's sdkUiType/,
    );
    const htmlOnly = openChannel({ deviceRenderOptions: { sdkInterface: '02', sdkUiType: ['01', '05'] } });
    expect(refusal(htmlOnly, { ...envelope(0), ...screens.text }).message).toMatch(/HTML only/);
  });

  it('refuses a critical message extension it does not know (202)', () => {
    const extension = [{ name: 'x', id: 'A000000000-x', criticalityIndicator: true, data: {} }];
    expect(
      refusal(openChannel(), { ...envelope(0), ...screens.text, messageExtension: extension }),
    ).toMatchObject({
      errorCode: '202',
    });
  });

  it('refuses a CRes whose IV breaks the ACS-to-SDK counter rule, unless that check is off', () => {
    const payload = { ...envelope(0), ...screens.text };
    const zeroIv = counterIv('A128CBC-HS256', 'sdkToAcs', 0);
    const strict = openChannel();
    expect(() => strict.session.readCRes(acsSends(strict, payload, 0, zeroIv), jose)).toThrow(/IV/);
    const lenient = openChannel({ checkCResIv: false });
    expect(lenient.session.readScreen(acsSends(lenient, payload, 0, zeroIv), jose).acsUiType).toBe('01');
  });

  it('refuses an undecryptable answer (302) and a non-2xx HTTP status', () => {
    const channel = openChannel();
    const foreign = openChannel();
    expect(() =>
      channel.session.readCRes(acsSends(foreign, { ...envelope(0), ...screens.text }, 0), jose),
    ).toThrow(SdkRuleViolation);
    expect(() => channel.session.readCRes('<html>Bad Request</html>', 'text/html', 400)).toThrow(/HTTP 400/);
  });
});

describe('SdkSession.readCRes: Erro answers', () => {
  const erro = {
    messageType: 'Erro',
    messageVersion: '2.2.0',
    ...ids,
    errorCode: '302',
    errorComponent: 'A',
    errorDescription: 'Data could not be decrypted',
    errorDetail: 'JWE',
    errorMessageType: 'CReq',
  };

  it('reads a plain JSON Erro, and refuses plain JSON that is not an Erro', () => {
    const channel = openChannel();
    const answer = channel.session.readCRes(JSON.stringify(erro), 'application/json; charset=utf-8');
    expect(answer).toMatchObject({ kind: 'erro', encrypted: false, erro: { errorCode: '302' } });
    expect(() =>
      openChannel().session.readCRes(JSON.stringify({ messageType: 'CRes' }), 'application/json'),
    ).toThrow(/not an Erro/);
  });

  it('reads an encrypted Erro that carries the counter', () => {
    const channel = openChannel();
    const answer = channel.session.readCRes(acsSends(channel, { ...erro, acsCounterAtoS: '000' }, 0), jose);
    expect(answer).toMatchObject({ kind: 'erro', encrypted: true });
    expect(channel.session.finished).toBe(true);
  });

  it('refuses an Erro without errorComponent', () => {
    const { errorComponent: _dropped, ...broken } = erro;
    expect(() => openChannel().session.readCRes(JSON.stringify(broken), 'application/json')).toThrow(
      /errorComponent/,
    );
  });
});
