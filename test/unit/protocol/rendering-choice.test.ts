/**
 * The app challenge's first screen (src/protocol/rendering-choice.ts): chosen from the device's
 * deviceRenderOptions and the cardholder's methods, native before HTML, never a screen the
 * device did not list, and `unsupported-device` when no screen fits.
 */
import { describe, expect, it } from 'vitest';
import type { DeviceRenderOptions } from '../../../src/protocol/areq.ts';
import { renderingTypeOf } from '../../../src/protocol/authentication-method.ts';
import {
  chooseRendering,
  renderingFitsDevice,
  type SingleChallengeMethod,
} from '../../../src/protocol/rendering-choice.ts';

const choice: readonly SingleChallengeMethod[] = ['sms', 'totp', 'password'];

function device(sdkInterface: DeviceRenderOptions['sdkInterface'], ...sdkUiType: string[]) {
  return { sdkInterface, sdkUiType };
}

function first(methods: readonly SingleChallengeMethod[], options: DeviceRenderOptions) {
  return chooseRendering({ methods, deviceRenderOptions: options });
}

describe('chooseRendering', () => {
  const everything = device('03', '01', '02', '03', '04', '05');

  it.each([
    ['sms', ['sms'], '01'],
    ['totp', ['totp'], '01'],
    ['password', ['password'], '01'],
    ['oob', ['oob'], '04'],
  ] as const)('opens a %s challenge on its own native screen', (_, methods, template) => {
    expect(first(methods, everything)).toEqual({
      kind: 'rendered',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: template },
      method: methods[0],
      offered: methods,
    });
  });

  it('opens a choice on the single select when the device lists it', () => {
    expect(first(choice, everything)).toEqual({
      kind: 'rendered',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '02' },
      method: 'choice',
      offered: choice,
    });
  });

  it('never gives a text-only device a select: the first method, on the text screen', () => {
    expect(first(choice, device('01', '01'))).toEqual({
      kind: 'rendered',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
      method: 'sms',
      offered: ['sms'],
    });
    expect(first(choice, device('03', '01', '04', '05'))).toMatchObject({
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
      method: 'sms',
    });
  });

  it('offers on the select only the methods whose own screen the device lists', () => {
    expect(first(['sms', 'oob', 'password'], device('01', '02', '04'))).toEqual({
      kind: 'rendered',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '04' },
      method: 'oob',
      offered: ['oob'],
    });
    expect(first(['oob', 'sms', 'totp'], device('01', '01', '02'))).toEqual({
      kind: 'rendered',
      acsRenderingType: { acsInterface: '01', acsUiTemplate: '02' },
      method: 'choice',
      offered: ['sms', 'totp'],
    });
  });

  it('uses HTML Other (05) on an HTML-only device, for every method, the choice included', () => {
    for (const methods of [['sms'], ['oob'], choice] as const) {
      expect(first(methods, device('02', '01', '02', '04', '05'))).toEqual({
        kind: 'rendered',
        acsRenderingType: { acsInterface: '02', acsUiTemplate: '05' },
        method: methods.length > 1 ? 'choice' : methods[0],
        offered: methods,
      });
    }
  });

  it('falls back to HTML on a device with both interfaces when no native screen fits', () => {
    expect(first(['oob'], device('03', '01', '05'))).toMatchObject({
      acsRenderingType: { acsInterface: '02', acsUiTemplate: '05' },
      method: 'oob',
    });
  });

  it.each([
    ['an HTML-only device without 05', ['sms'], device('02', '01', '02')],
    ['a native device whose screens are not the method’s', ['sms'], device('01', '02', '04')],
    ['a native device asked for OOB with text only', ['oob'], device('01', '01')],
    ['a native device that lists 05 without the HTML interface', choice, device('01', '05')],
  ] as const)('answers unsupported-device for %s', (_, methods, options) => {
    expect(first(methods, options)).toEqual({ kind: 'unsupported-device' });
  });

  it('refuses an empty method list as a programming error', () => {
    expect(() => first([], everything)).toThrowError(expect.objectContaining({ code: 'invariant_broken' }));
  });

  it('always answers a screen the device lists', () => {
    const interfaces = ['01', '02', '03'] as const;
    const templates = ['01', '02', '03', '04', '05'];
    const methodLists: readonly (readonly SingleChallengeMethod[])[] = [
      ['sms'],
      ['oob'],
      choice,
      ['oob', 'sms'],
    ];
    for (const sdkInterface of interfaces) {
      for (let mask = 1; mask < 1 << templates.length; mask++) {
        const options = device(sdkInterface, ...templates.filter((_, bit) => mask & (1 << bit)));
        for (const methods of methodLists) {
          const answer = first(methods, options);
          if (answer.kind === 'rendered')
            expect(renderingFitsDevice(answer.acsRenderingType, options)).toBe(true);
        }
      }
    }
  });
});

describe('renderingFitsDevice', () => {
  it('checks the interface, the listed templates and HTML Other', () => {
    expect(renderingFitsDevice({ acsInterface: '01', acsUiTemplate: '01' }, device('01', '01'))).toBe(true);
    expect(renderingFitsDevice({ acsInterface: '01', acsUiTemplate: '01' }, device('02', '01', '05'))).toBe(
      false,
    );
    expect(renderingFitsDevice({ acsInterface: '02', acsUiTemplate: '05' }, device('01', '05'))).toBe(false);
    expect(renderingFitsDevice({ acsInterface: '01', acsUiTemplate: '02' }, device('03', '01'))).toBe(false);
    expect(renderingFitsDevice({ acsInterface: '01', acsUiTemplate: '05' }, device('03', '05'))).toBe(false);
  });
});

describe('renderingTypeOf', () => {
  it('follows the same rules for a reported method, a device without options drawing every native screen', () => {
    expect(renderingTypeOf('choice', undefined)).toEqual({ acsInterface: '01', acsUiTemplate: '02' });
    expect(renderingTypeOf('oob', undefined)).toEqual({ acsInterface: '01', acsUiTemplate: '04' });
    expect(renderingTypeOf('choice', device('01', '01'))).toEqual({
      acsInterface: '01',
      acsUiTemplate: '01',
    });
    expect(() => renderingTypeOf('oob', device('01', '01'))).toThrowError(
      expect.objectContaining({ code: 'invariant_broken' }),
    );
  });
});
