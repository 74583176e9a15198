/**
 * The CReqs and Erros the emulated SDK sends: counter in three digits advancing by one per CReq
 * (and kept on a deliberate replay), the JWE header and IV the ACS sees, Stripe's
 * challengeNoEntry rule, selections, oobContinue per version, and the SDK's Erro shape.
 */
import { describe, expect, it } from 'vitest';
import { counterIv } from '../../support/sdk-emulator/jwe.ts';
import { SdkRuleViolation } from '../../support/sdk-emulator/sdk-rule-violation.ts';
import { creqContentType } from '../../support/sdk-emulator/session.ts';
import { acsReads, ids, openChannel } from './channel-double.ts';

describe('SdkSession.creq', () => {
  for (const enc of ['A128CBC-HS256', 'A128GCM'] as const) {
    it(`${enc}: numbers CReqs 000, 001, ... with kid acsTransID and the SDK-to-ACS counter IV`, () => {
      const channel = openChannel({ enc });
      const first = channel.session.creq({ challengeDataEntry: '111111' });
      const second = channel.session.creq({ challengeDataEntry: '222222' });
      expect(first.contentType).toBe(creqContentType);
      const seenFirst = acsReads(channel, first.body);
      const seenSecond = acsReads(channel, second.body);
      expect(seenFirst.header).toEqual({ alg: 'dir', enc, kid: ids.acsTransID });
      expect(seenFirst.payload).toEqual({
        messageType: 'CReq',
        messageVersion: '2.2.0',
        ...ids,
        challengeDataEntry: '111111',
        sdkCounterStoA: '000',
      });
      expect(seenSecond.payload.sdkCounterStoA).toBe('001');
      expect(seenFirst.iv.equals(counterIv(enc, 'sdkToAcs', 0))).toBe(true);
      expect(seenSecond.iv.equals(counterIv(enc, 'sdkToAcs', 1))).toBe(true);
      expect(channel.session.sdkCounterStoA).toBe(2);
    });
  }

  it('replays an earlier counter on request without advancing its own', () => {
    const channel = openChannel();
    channel.session.creq({ challengeDataEntry: '111111' });
    const replay = channel.session.creq({ challengeDataEntry: '111111' }, { counter: 0 });
    expect(acsReads(channel, replay.body).payload.sdkCounterStoA).toBe('000');
    expect(channel.session.sdkCounterStoA).toBe(1);
  });

  it('adds challengeNoEntry Y when nothing was typed, as Stripe does from 2.2.0 (not in 2.1.0)', () => {
    const modern = openChannel({ messageVersion: '2.2.0' });
    expect(acsReads(modern, modern.session.creq({ challengeCancel: '01' }).body).payload).toMatchObject({
      challengeCancel: '01',
      challengeNoEntry: 'Y',
    });
    expect(acsReads(modern, modern.session.creq({ resendChallenge: 'Y' }).body).payload).toMatchObject({
      resendChallenge: 'Y',
      challengeNoEntry: 'Y',
    });
    const old = openChannel({ messageVersion: '2.1.0' });
    const payload = acsReads(old, old.session.creq({ challengeCancel: '01' }).body).payload;
    expect(payload.challengeNoEntry).toBeUndefined();
  });

  it('sends a selection comma-separated, HTML form data, and oobContinue as true or "01" (2.3.1)', () => {
    const channel = openChannel();
    expect(
      acsReads(channel, channel.session.creq({ selection: ['sms', 'app'] }).body).payload.challengeDataEntry,
    ).toBe('sms,app');
    expect(
      acsReads(channel, channel.session.creq({ challengeHTMLDataEntry: 'otp=123456' }).body).payload,
    ).toMatchObject({ challengeHTMLDataEntry: 'otp=123456' });
    expect(acsReads(channel, channel.session.creq({ oobContinue: true }).body).payload.oobContinue).toBe(
      true,
    );
    const v231 = openChannel({ messageVersion: '2.3.1' });
    expect(acsReads(v231, v231.session.creq({ oobContinue: true }).body).payload.oobContinue).toBe('01');
  });

  it('applies overrides to the plaintext, and refuses an entry over 45 characters', () => {
    const channel = openChannel();
    const sent = channel.session.creq(
      { challengeDataEntry: '1' },
      { overrides: { messageVersion: '2.1.0', acsTransID: undefined } },
    );
    const payload = acsReads(channel, sent.body).payload;
    expect(payload.messageVersion).toBe('2.1.0');
    expect('acsTransID' in payload).toBe(false);
    expect(() => channel.session.creq({ challengeDataEntry: 'x'.repeat(46) })).toThrow(/45 characters/);
  });
});

describe('SdkSession.erro', () => {
  it('builds the plain JSON Erro Stripe posts, with errorComponent C', () => {
    const channel = openChannel();
    const sent = channel.session.erroFor(new SdkRuleViolation('302', 'acsCounterAtoS', 'counter mismatch'));
    expect(sent.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(sent.body)).toEqual({
      messageType: 'Erro',
      messageVersion: '2.2.0',
      ...ids,
      errorCode: '302',
      errorComponent: 'C',
      errorDescription: expect.any(String),
      errorDetail: 'acsCounterAtoS',
      errorMessageType: 'CRes',
    });
  });
});
