import { describe, expect, it } from 'vitest';
import {
  deliveryFailureMessage,
  deliveryFailureMessageKeys,
  httpErrorCode,
  networkErrorCode,
} from '../../../src/delivery/delivery-errors.ts';
import { magicNumberErrors } from '../../../src/delivery/magic-numbers.ts';
import { challengeMessageKeys } from '../../../src/flows/challenge/screen-model.ts';
import { langs } from '../../../src/flows/common/language.ts';
import { catalogue } from '../../../views/common/i18n.ts';

describe('deliveryFailureMessage', () => {
  it("gives each of Twilio's magic-number errors its own message", () => {
    const byCode = Object.fromEntries(
      Object.values(magicNumberErrors).map((code) => [code, deliveryFailureMessage(code)]),
    );
    expect(byCode).toEqual({
      '21211': 'deliveryFailedInvalidNumber',
      '21612': 'deliveryFailedUnreachable',
      '21408': 'deliveryFailedRegion',
      '21610': 'deliveryFailedOptedOut',
      '21614': 'deliveryFailedNotMobile',
    });
  });

  it('gives the generic message for anything else', () => {
    const others = [networkErrorCode, httpErrorCode(503), '20429', '30003', '', 'constructor', '__proto__'];
    expect(others.map(deliveryFailureMessage)).toEqual(others.map(() => 'deliveryFailed'));
  });

  it('uses only keys the challenge window can show, written in every language', () => {
    const showable: readonly string[] = challengeMessageKeys;
    expect(deliveryFailureMessageKeys.filter((key) => !showable.includes(key))).toEqual([]);
    for (const lang of langs) {
      const texts = deliveryFailureMessageKeys.map((key) => catalogue[lang][key]);
      expect(texts.filter((text) => text === undefined || text.trim() === '')).toEqual([]);
      expect(new Set(texts).size, `${lang}: every failure has its own text`).toBe(texts.length);
    }
  });

  it('names a way forward in every message', () => {
    const wayForward = {
      en: /Resend code|another method|contact your bank/,
      es: /Reenviar código|otro método|contacte con su banco/,
    };
    for (const lang of langs) {
      const without = deliveryFailureMessageKeys.filter(
        (key) => !wayForward[lang].test(catalogue[lang][key]),
      );
      expect(without, lang).toEqual([]);
    }
  });
});
