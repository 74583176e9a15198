/**
 * Protocol conformance through POST /3ds/areq, as a strict 3DS Server and certification suites
 * see it (issue 12): AReqs shaped like the public certification cases (test PANs that fail
 * Luhn, every version and channel, APP as a DS forwards it with deviceInfo), the challenge
 * indicators 06 (data share only) and 04 on 3RI, decoupled F and B, critical message
 * extensions, and the 2.3.1 conditional elements. Every ARes is judged by the test-side rule
 * checker, which rejects what such a 3DS Server rejects (C with 06, I without a no-challenge
 * preference, D without the requestor's consent). The decisions are in docs/flows.md and
 * docs/errors.md.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLuhnValid } from '../../src/protocol/formats.ts';
import type { MessageVersion } from '../../src/protocol/version.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import { expectedEci } from '../support/message-rules/card-scheme.ts';
import { checkARes } from '../support/message-rules/check-ares.ts';
import { checkErro } from '../support/message-rules/check-erro.ts';
import { type Scenario, testCards } from '../support/message-rules/test-cards.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

const versions = ['2.1.0', '2.2.0', '2.3.1'] as const;
const channels = ['01', '02', '03'] as const;
type Channel = (typeof channels)[number];

let acs: TestAcs;
beforeAll(async () => {
  // 100.00 in major units: the fixtures' 123.45 is above it, so the risk-based card would challenge.
  acs = await createTestAcs({ ACS_RISK_THRESHOLD: '100' });
});
afterAll(async () => {
  await acs?.close();
});

async function post(body: unknown): Promise<Record<string, unknown>> {
  const res = await request(acs.app)
    .post('/3ds/areq')
    .set('content-type', 'application/json')
    .send(JSON.stringify(body));
  expect(res.status).toBe(200);
  return res.body as Record<string, unknown>;
}

/** The answer, with the checker's findings, for one assertion that shows both on failure. */
async function answerOf(areq: Record<string, unknown>) {
  const ares = await post(areq);
  return { ares, violations: ares.messageType === 'ARes' ? checkARes(areq, ares) : ['not an ARes'] };
}

function panOf(scenario: Scenario, scheme: 'visa' | 'mastercard' = 'visa'): string {
  const card = testCards.find((c) => c.scenario === scenario && c.scheme === scheme);
  if (card === undefined) throw new Error(`no ${scheme} card for ${scenario}`);
  return card.pan;
}

/** 2.1.0 defines 3RI for non-payments only. */
function categoryFor(version: MessageVersion, channel: Channel): '01' | '02' {
  return channel === '03' && version === '2.1.0' ? '02' : '01';
}

/** The challenge indicator in the version's shape: one value before 2.3.1, a list from 2.3.1. */
function challengeInd(version: MessageVersion, ...values: string[]): string | string[] {
  return version === '2.3.1' ? values : (values[0] ?? '01');
}

/** Device information as a DS forwards it in place of sdkEncData (base64url JSON). */
const deviceInfo = Buffer.from(
  JSON.stringify({ DV: '1.4', DD: { C001: 'Android', C002: 'Pixel 8', C003: '14' }, DPNA: {}, SW: ['SW01'] }),
).toString('base64url');

/**
 * An AReq shaped like a certification case: a certified 3DS Server's reference number, and on
 * the app channel the AReq as the DS forwards it (dsTransID, dsReferenceNumber, dsURL, and
 * deviceInfo instead of sdkEncData).
 */
function certificationAReq(
  version: MessageVersion,
  channel: Channel,
  acctNumber: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const forwarded =
    channel === '01'
      ? {
          dsTransID: crypto.randomUUID(),
          dsReferenceNumber: 'DS-CERT-REF-0001',
          dsURL: 'https://ds.example.test/3ds/rreq',
          sdkEncData: undefined,
          deviceInfo,
        }
      : {};
  return validAReq({
    version,
    channel,
    category: categoryFor(version, channel),
    acctNumber,
    overrides: {
      threeDSServerRefNumber: '3DS_LOA_SER_CERT_020200_00077',
      threeDSServerOperatorID: 'CERT-OPERATOR',
      merchantName: 'Certification Merchant',
      ...forwarded,
      ...overrides,
    },
  });
}

describe('item 1: acctNumber is 13-19 digits, no Luhn; a PAN that is no card of ours is N / 08', () => {
  // Test PANs of the kind certification suites use: none passes Luhn, none is a card of ours.
  const certificationPans = [
    '4012000000001001',
    '5267318500001000',
    '4000000000000102',
    '5200000000001002',
    '6011000000001001',
    '4000000000000000001',
  ];

  it('uses PANs that really fail Luhn', () => {
    expect(certificationPans.filter((pan) => isLuhnValid(pan))).toEqual([]);
  });

  for (const version of versions) {
    for (const channel of channels) {
      it(`${version} channel ${channel}: every certification PAN is answered ARes N / 08`, async () => {
        for (const pan of certificationPans) {
          const areq = certificationAReq(version, channel, pan);
          const { ares, violations } = await answerOf(areq);
          expect({ pan, violations }).toEqual({ pan, violations: [] });
          expect(ares).toMatchObject({ messageType: 'ARes', transStatus: 'N', transStatusReason: '08' });
          if (channel === '01') {
            expect([ares.dsTransID, ares.dsReferenceNumber]).toEqual([areq.dsTransID, 'DS-CERT-REF-0001']);
          }
        }
      });
    }
  }

  it('accepts 13 and 19 digits, and a PAN of no scheme we know', async () => {
    for (const pan of ['4000000000006', '4000000000000000001', '9900000000000001']) {
      const areq = certificationAReq('2.2.0', '02', pan);
      const { ares, violations } = await answerOf(areq);
      expect({ pan, violations, transStatus: ares.transStatus, reason: ares.transStatusReason }).toEqual({
        pan,
        violations: [],
        transStatus: 'N',
        reason: '08',
      });
    }
  });

  it('still answers Erro 203 for what is not 13-19 digits, without echoing it', async () => {
    for (const pan of [
      '400000000000',
      '40000000000000000001',
      '4000 0000 0000 0102',
      '4000-0000-0000-0102',
    ]) {
      const erro = await post(certificationAReq('2.2.0', '02', pan));
      expect(checkErro(erro, { errorCode: '203', detailIncludes: ['acctNumber'] })).toEqual([]);
      expect(JSON.stringify(erro)).not.toContain(pan);
    }
  });
});

describe('item 2: challenge indicator 06 (no challenge requested, data share only) never gets C', () => {
  const wouldChallenge = [
    'challenge-sms',
    'challenge-app',
    'challenge-choice',
    'challenge-oob',
    'challenge-static',
    'challenge-kba',
    'risk-based',
    'decoupled',
  ] as const;

  for (const version of ['2.2.0', '2.3.1'] as const) {
    for (const channel of ['01', '02'] as const) {
      it(`${version} channel ${channel}: every card that would be challenged answers I`, async () => {
        for (const scenario of wouldChallenge) {
          for (const scheme of ['visa', 'mastercard'] as const) {
            const areq = certificationAReq(version, channel, panOf(scenario, scheme), {
              threeDSRequestorChallengeInd: challengeInd(version, '06'),
            });
            const { ares, violations } = await answerOf(areq);
            expect({ scenario, scheme, violations, transStatus: ares.transStatus }).toEqual({
              scenario,
              scheme,
              violations: [],
              transStatus: 'I',
            });
            // I authenticates nothing: no ECI, no authenticationValue, no challenge elements.
            expect([ares.eci, ares.authenticationValue, ares.acsURL, ares.acsSignedContent]).toEqual([
              undefined,
              undefined,
              undefined,
              undefined,
            ]);
          }
        }
      });
    }
  }

  it('answers I with 06 even when the requestor allows decoupled or mandates a challenge too', async () => {
    const decoupled = certificationAReq('2.2.0', '02', panOf('decoupled'), {
      threeDSRequestorChallengeInd: '06',
      threeDSRequestorDecReqInd: 'Y',
      threeDSRequestorDecMaxTime: '00010',
    });
    const mandated = certificationAReq('2.3.1', '02', panOf('frictionless-y'), {
      threeDSRequestorChallengeInd: ['04', '06'],
    });
    for (const areq of [decoupled, mandated]) {
      const { ares, violations } = await answerOf(areq);
      expect({ violations, transStatus: ares.transStatus }).toEqual({ violations: [], transStatus: 'I' });
    }
  });

  it('leaves frictionless answers alone with 06', async () => {
    const y = await answerOf(
      certificationAReq('2.2.0', '02', panOf('frictionless-y'), { threeDSRequestorChallengeInd: '06' }),
    );
    expect({ violations: y.violations, transStatus: y.ares.transStatus, eci: y.ares.eci }).toEqual({
      violations: [],
      transStatus: 'Y',
      eci: '05',
    });
    const n = await answerOf(
      certificationAReq('2.3.1', '01', panOf('frictionless-n'), { threeDSRequestorChallengeInd: ['06'] }),
    );
    expect({ violations: n.violations, transStatus: n.ares.transStatus }).toEqual({
      violations: [],
      transStatus: 'N',
    });
  });

  it('still challenges with the no-challenge preferences that allow C (02, 05, 07)', async () => {
    for (const indicator of ['02', '05', '07']) {
      const { ares, violations } = await answerOf(
        certificationAReq('2.2.0', '02', panOf('challenge-sms'), { threeDSRequestorChallengeInd: indicator }),
      );
      expect({ indicator, violations, transStatus: ares.transStatus }).toEqual({
        indicator,
        violations: [],
        transStatus: 'C',
      });
    }
  });
});

describe('item 3: an unrecognised critical message extension is Erro 202', () => {
  const critical = {
    name: 'Loyalty points',
    id: 'A999999999-LOYALTY',
    criticalityIndicator: true,
    data: { p: 10 },
  };
  const optional = { name: 'Note', id: 'A999999999-NOTE', criticalityIndicator: false, data: 'hello' };

  for (const version of versions) {
    for (const channel of channels) {
      it(`${version} channel ${channel}: 202 naming the extension, with the IDs echoed`, async () => {
        const areq = certificationAReq(version, channel, panOf('frictionless-y'), {
          messageExtension: [optional, critical],
        });
        const erro = await post(areq);
        expect(
          checkErro(erro, {
            errorCode: '202',
            detailIncludes: ['messageExtension[1]'],
            messageVersion: version,
            errorMessageType: 'AReq',
          }),
        ).toEqual([]);
        expect(erro.threeDSServerTransID).toBe(areq.threeDSServerTransID);
      });
    }
  }

  it('answers a message with only non-critical extensions as usual', async () => {
    const areq = certificationAReq('2.3.1', '02', panOf('frictionless-y'), { messageExtension: [optional] });
    const { ares, violations } = await answerOf(areq);
    expect({ violations, transStatus: ares.transStatus }).toEqual({ violations: [], transStatus: 'Y' });
  });

  it('answers a PReq with a critical extension with 202 too', async () => {
    const res = await request(acs.app)
      .post('/3ds/preq')
      .set('content-type', 'application/json')
      .send(
        JSON.stringify({
          messageType: 'PReq',
          messageVersion: '2.2.0',
          threeDSServerTransID: crypto.randomUUID(),
          threeDSServerRefNumber: '3DS_LOA_SER_CERT_020200_00077',
          messageExtension: [critical],
        }),
      );
    expect(
      checkErro(res.body, {
        errorCode: '202',
        detailIncludes: ['messageExtension[0]'],
        errorMessageType: 'PReq',
      }),
    ).toEqual([]);
  });
});

describe('item 5: the 2.3.1 AReq rules', () => {
  const erroOf = async (areq: Record<string, unknown>) => post(areq);

  it('wants sdkServerSignedContent for sdkType 02 only', async () => {
    for (const sdkType of ['01', '03', '04', '05']) {
      const { ares, violations } = await answerOf(
        certificationAReq('2.3.1', '01', panOf('frictionless-y'), { sdkType }),
      );
      expect({ sdkType, violations, transStatus: ares.transStatus }).toEqual({
        sdkType,
        violations: [],
        transStatus: 'Y',
      });
    }
    const split = await erroOf(
      certificationAReq('2.3.1', '01', panOf('frictionless-y'), { sdkType: '02', defaultSdkType: undefined }),
    );
    expect(
      checkErro(split, { errorCode: '201', detailIncludes: ['sdkServerSignedContent', 'splitSdkType'] }),
    ).toEqual([]);
  });

  it('wants recurringFrequency only when recurringInd.frequencyInd is 01', async () => {
    const recurring = {
      threeDSRequestorAuthenticationInd: '02',
      recurringAmount: '12345',
      recurringCurrency: '978',
      recurringExponent: '2',
    };
    const variable = certificationAReq('2.3.1', '02', panOf('frictionless-y'), {
      ...recurring,
      recurringInd: { amountInd: '01', frequencyInd: '02' },
    });
    const { ares, violations } = await answerOf(variable);
    expect({ violations, transStatus: ares.transStatus }).toEqual({ violations: [], transStatus: 'Y' });
    const fixed = await erroOf({ ...variable, recurringInd: { amountInd: '01', frequencyInd: '01' } });
    expect(checkErro(fixed, { errorCode: '201', detailIncludes: ['recurringFrequency'] })).toEqual([]);
    const instalment = certificationAReq('2.3.1', '02', panOf('frictionless-y'), {
      ...recurring,
      threeDSRequestorAuthenticationInd: '03',
      purchaseInstalData: '12',
      recurringInd: { amountInd: '01', frequencyInd: '02' },
    });
    expect((await answerOf(instalment)).violations).toEqual([]);
  });

  it('wants recurringInd and recurringAmount for a recurring or instalment transaction', async () => {
    for (const indicator of ['02', '03']) {
      const erro = await erroOf(
        certificationAReq('2.3.1', '02', panOf('frictionless-y'), {
          threeDSRequestorAuthenticationInd: indicator,
          purchaseInstalData: '12',
        }),
      );
      expect(
        checkErro(erro, { errorCode: '201', detailIncludes: ['recurringAmount', 'recurringInd'] }),
      ).toEqual([]);
    }
    const noCurrency = await erroOf(
      certificationAReq('2.3.1', '02', panOf('frictionless-y'), { recurringAmount: '500' }),
    );
    expect(
      checkErro(noCurrency, { errorCode: '201', detailIncludes: ['recurringCurrency', 'recurringExponent'] }),
    ).toEqual([]);
  });

  it('wants threeDSRequestorDecMaxTime for Y, F and B', async () => {
    for (const indicator of ['Y', 'F', 'B']) {
      const erro = await erroOf(
        certificationAReq('2.3.1', '02', panOf('frictionless-y'), { threeDSRequestorDecReqInd: indicator }),
      );
      expect(checkErro(erro, { errorCode: '201', detailIncludes: ['threeDSRequestorDecMaxTime'] })).toEqual(
        [],
      );
    }
  });

  it('understands F and B: B lets the ARes answer D, F keeps decoupled for after a challenge', async () => {
    const decoupled = (indicator: string) =>
      certificationAReq('2.3.1', '02', panOf('decoupled', 'mastercard'), {
        threeDSRequestorDecReqInd: indicator,
        threeDSRequestorDecMaxTime: '00015',
      });
    const b = await answerOf(decoupled('B'));
    expect({
      violations: b.violations,
      transStatus: b.ares.transStatus,
      acsDecConInd: b.ares.acsDecConInd,
    }).toEqual({
      violations: [],
      transStatus: 'D',
      acsDecConInd: 'Y',
    });
    const f = await answerOf(decoupled('F'));
    expect({ violations: f.violations, transStatus: f.ares.transStatus }).toEqual({
      violations: [],
      transStatus: 'C',
    });
  });

  it('refuses F and B in 2.2.0, which does not define them', async () => {
    const erro = await erroOf(
      certificationAReq('2.2.0', '02', panOf('decoupled'), {
        threeDSRequestorDecReqInd: 'B',
        threeDSRequestorDecMaxTime: '00015',
      }),
    );
    expect(checkErro(erro, { errorCode: '203', detailIncludes: ['threeDSRequestorDecReqInd'] })).toEqual([]);
  });

  it('wants acceptLanguage from a browser', async () => {
    const erro = await erroOf(
      certificationAReq('2.3.1', '02', panOf('frictionless-y'), { acceptLanguage: undefined }),
    );
    expect(checkErro(erro, { errorCode: '201', detailIncludes: ['acceptLanguage'] })).toEqual([]);
  });

  it('wants the purchase data of a non-payment with indicators 07-09, or 3RI indicator 15', async () => {
    const purchase = ['purchaseAmount', 'purchaseCurrency', 'purchaseExponent', 'purchaseDate'];
    for (const indicator of ['07', '08', '09']) {
      const areq = validAReq({
        version: '2.3.1',
        channel: '02',
        category: '02',
        acctNumber: panOf('frictionless-y'),
        overrides: { threeDSRequestorAuthenticationInd: indicator },
      });
      expect(checkErro(await erroOf(areq), { errorCode: '201', detailIncludes: purchase })).toEqual([]);
      const complete = {
        ...areq,
        purchaseAmount: '0',
        purchaseCurrency: '978',
        purchaseExponent: '2',
        purchaseDate: '20261125100000',
      };
      expect((await answerOf(complete)).violations).toEqual([]);
    }
    const threeRI = validAReq({
      version: '2.3.1',
      channel: '03',
      category: '02',
      acctNumber: panOf('frictionless-y'),
      overrides: {
        threeRIInd: '15',
        ...Object.fromEntries(purchase.map((name) => [name, undefined])),
      },
    });
    expect(checkErro(await erroOf(threeRI), { errorCode: '201', detailIncludes: purchase })).toEqual([]);
  });
});

describe('item 6: 3RI with challenge indicator 04 keeps a frictionless card frictionless', () => {
  for (const version of ['2.1.0', '2.2.0', '2.3.1'] as const) {
    it(`${version}: frictionless-y answers Y with its ECI, not N / 21`, async () => {
      for (const scheme of ['visa', 'mastercard'] as const) {
        const areq = certificationAReq(version, '03', panOf('frictionless-y', scheme), {
          threeDSRequestorChallengeInd: challengeInd(version, '04'),
        });
        const { ares, violations } = await answerOf(areq);
        expect({ scheme, violations, transStatus: ares.transStatus, eci: ares.eci }).toEqual({
          scheme,
          violations: [],
          transStatus: 'Y',
          eci: expectedEci(scheme, 'Y'),
        });
      }
    });
  }

  it('still answers N / 21 for a card the issuer itself would challenge', async () => {
    const areq = certificationAReq('2.2.0', '03', panOf('challenge-sms'), {
      threeDSRequestorChallengeInd: '04',
    });
    const { ares, violations } = await answerOf(areq);
    expect({ violations, transStatus: ares.transStatus, reason: ares.transStatusReason }).toEqual({
      violations: [],
      transStatus: 'N',
      reason: '21',
    });
  });
});

describe('item 8: the framed pages tell the requestor who posts', () => {
  it('sends Referrer-Policy: origin on the challenge window and the 3DS Method page', async () => {
    const challenge = await request(acs.app).post('/3ds/challenge').type('form').send({ creq: 'x' });
    expect(challenge.headers['referrer-policy']).toBe('origin');
    const method = await request(acs.app)
      .post('/3ds/method')
      .type('form')
      .send({
        threeDSMethodData: Buffer.from(
          JSON.stringify({
            threeDSServerTransID: crypto.randomUUID(),
            threeDSMethodNotificationURL: 'https://merchant.example.test/method?order=7',
          }),
        ).toString('base64url'),
      });
    expect(method.status).toBe(200);
    expect(method.headers['referrer-policy']).toBe('origin');
    expect(method.text).toContain('<meta name="referrer" content="origin">');
  });

  it('answers a first CReq with a window that uses no autofocus and the origin referrer policy', async () => {
    const areq = certificationAReq('2.2.0', '02', panOf('challenge-sms'));
    const ares = await post(areq);
    const creq = Buffer.from(
      JSON.stringify({
        messageType: 'CReq',
        messageVersion: '2.2.0',
        threeDSServerTransID: areq.threeDSServerTransID,
        acsTransID: ares.acsTransID,
        challengeWindowSize: '01',
      }),
    ).toString('base64url');
    const page = await request(acs.app).post('/3ds/challenge').type('form').send({ creq });
    expect(page.status).toBe(200);
    expect(page.headers['referrer-policy']).toBe('origin');
    expect(page.text).toContain('<meta name="referrer" content="origin">');
    expect(page.text).not.toMatch(/\sautofocus[\s>=]/);
    expect(page.text).toContain('<script src="/static/challenge-focus.js" defer></script>');
  });
});
