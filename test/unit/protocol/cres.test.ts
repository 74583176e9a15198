import { describe, expect, it } from 'vitest';
import { buildFinalCRes } from '../../../src/protocol/final-cres.ts';
import { buildChallengeCRes, type ChallengeScreenInput } from '../../../src/protocol/interim-cres.ts';

const ids = {
  threeDSServerTransID: 'c1110574-2c6a-4ab8-a937-ef8d5a10ec39',
  acsTransID: '5af5e779-4d44-4201-a2bf-4890eb9e0ba7',
};
const sdkTransID = '76ef8bdc-daf3-43ec-808c-9dd64a7301ca';

/** Element names the Stripe SDK accepts in a final CRes (anything else: it rejects the message). */
const stripeFinalFields = new Set([
  'threeDSServerTransID',
  'acsCounterAtoS',
  'acsTransID',
  'challengeCompletionInd',
  'messageExtension',
  'messageType',
  'messageVersion',
  'sdkTransID',
  'transStatus',
]);

describe('buildFinalCRes, browser', () => {
  it.each(['2.1.0', '2.2.0'] as const)('%s: carries challengeCompletionInd Y', (messageVersion) => {
    expect(buildFinalCRes({ messageVersion, ...ids, transStatus: 'Y' })).toEqual({
      messageType: 'CRes',
      messageVersion,
      ...ids,
      challengeCompletionInd: 'Y',
      transStatus: 'Y',
    });
  });

  it('2.3.1: leaves out challengeCompletionInd (01-APP only in 2.3.1)', () => {
    expect(buildFinalCRes({ messageVersion: '2.3.1', ...ids, transStatus: 'N' })).toEqual({
      messageType: 'CRes',
      messageVersion: '2.3.1',
      ...ids,
      transStatus: 'N',
    });
  });

  it('never sends transStatusReason', () => {
    const cres = buildFinalCRes({
      messageVersion: '2.2.0',
      ...ids,
      transStatus: 'N',
      transStatusReason: '19',
    });
    expect(cres).toEqual({
      messageType: 'CRes',
      messageVersion: '2.2.0',
      ...ids,
      challengeCompletionInd: 'Y',
      transStatus: 'N',
    });
  });

  it.each(['U', 'A', 'R'] as const)('sends %s as N (a final CRes may only say Y or N)', (transStatus) => {
    expect(buildFinalCRes({ messageVersion: '2.2.0', ...ids, transStatus }).transStatus).toBe('N');
  });
});

describe('buildFinalCRes, app', () => {
  it.each(['2.1.0', '2.2.0', '2.3.1'] as const)(
    '%s: adds sdkTransID, the counter and the indicator',
    (version) => {
      const cres = buildFinalCRes({
        messageVersion: version,
        ...ids,
        transStatus: 'Y',
        sdkTransID,
        acsCounterAtoS: 3,
      });
      expect(cres).toEqual({
        messageType: 'CRes',
        messageVersion: version,
        ...ids,
        sdkTransID,
        acsCounterAtoS: '003',
        challengeCompletionInd: 'Y',
        transStatus: 'Y',
      });
      expect(Object.keys(cres).every((key) => stripeFinalFields.has(key))).toBe(true);
    },
  );

  it('requires the counter and keeps it within a byte', () => {
    expect(() => buildFinalCRes({ messageVersion: '2.2.0', ...ids, transStatus: 'Y', sdkTransID })).toThrow(
      'buildFinalCRes: acsCounterAtoS is required with sdkTransID',
    );
    expect(() =>
      buildFinalCRes({ messageVersion: '2.2.0', ...ids, transStatus: 'Y', sdkTransID, acsCounterAtoS: 256 }),
    ).toThrow('acsCounterAtoS must be an integer 0-255');
  });
});

const base = { ...ids, sdkTransID, acsCounterAtoS: 0 };
const common = {
  messageType: 'CRes',
  ...ids,
  sdkTransID,
  acsCounterAtoS: '000',
  challengeCompletionInd: 'N',
};

function textScreen(messageVersion: ChallengeScreenInput['messageVersion']): ChallengeScreenInput {
  return {
    ...base,
    messageVersion,
    uiType: 'text',
    header: 'Confirm your purchase',
    label: 'Enter code',
    text: 'We sent a code to **** 1234. 12.34 EUR at Shop.',
    showWarning: false,
    submitLabel: 'Submit',
    resendLabel: 'Send a new code',
    whyLabel: 'Why?',
    whyText: 'To keep your card safe.',
    expandLabel: 'Help',
    expandText: 'Call your bank.',
    entry: { keyboard: 'numeric', maxLength: 6, masked: false, autofill: 'sms-otp' },
  };
}

describe('buildChallengeCRes', () => {
  it('2.2.0 text screen: label as challengeInfoLabel, no entry box', () => {
    expect(buildChallengeCRes(textScreen('2.2.0'))).toEqual({
      ...common,
      messageVersion: '2.2.0',
      acsUiType: '01',
      challengeInfoHeader: 'Confirm your purchase',
      challengeInfoLabel: 'Enter code',
      challengeInfoText: 'We sent a code to **** 1234. 12.34 EUR at Shop.',
      challengeInfoTextIndicator: 'N',
      submitAuthenticationLabel: 'Submit',
      resendInformationLabel: 'Send a new code',
      whyInfoLabel: 'Why?',
      whyInfoText: 'To keep your card safe.',
      expandInfoLabel: 'Help',
      expandInfoText: 'Call your bank.',
    });
  });

  it('2.3.1 text screen: the label also goes into challengeEntryBox', () => {
    expect(buildChallengeCRes(textScreen('2.3.1'))).toEqual({
      ...common,
      messageVersion: '2.3.1',
      acsUiType: '01',
      challengeInfoHeader: 'Confirm your purchase',
      challengeInfoLabel: 'Enter code',
      challengeEntryBox: {
        challengeDataEntryLabel: 'Enter code',
        challengeDataEntryKeyboardType: '01',
        challengeDataEntryLengthMax: '06',
        challengeDataEntryMasking: 'N',
        challengeDataEntryAutofill: 'Y',
        challengeDataEntryAutofillType: '01',
      },
      challengeInfoText: 'We sent a code to **** 1234. 12.34 EUR at Shop.',
      challengeInfoTextIndicator: 'N',
      submitAuthenticationLabel: 'Submit',
      resendInformationLabel: 'Send a new code',
      whyInfoLabel: 'Why?',
      whyInfoText: 'To keep your card safe.',
      expandInfoLabel: 'Help',
      expandInfoText: 'Call your bank.',
    });
  });

  it('2.3.1 masked entry adds the masking toggle', () => {
    const screen = { ...textScreen('2.3.1'), entry: { masked: true, keyboard: 'alphanumeric' as const } };
    expect(buildChallengeCRes(screen).challengeEntryBox).toEqual({
      challengeDataEntryLabel: 'Enter code',
      challengeDataEntryKeyboardType: '02',
      challengeDataEntryMasking: 'Y',
      challengeDataEntryToggle: 'Y',
    });
  });

  it('single-select screen: options as challengeSelectInfo', () => {
    expect(
      buildChallengeCRes({
        ...base,
        messageVersion: '2.1.0',
        uiType: 'single-select',
        header: 'Choose a method',
        label: 'Send the code by',
        text: 'How do you want to confirm?',
        submitLabel: 'Next',
        choices: [
          { key: 'sms', label: 'SMS to **** 1234' },
          { key: 'app', label: 'Authenticator app' },
        ],
      }),
    ).toEqual({
      ...common,
      messageVersion: '2.1.0',
      acsUiType: '02',
      challengeInfoHeader: 'Choose a method',
      challengeInfoLabel: 'Send the code by',
      challengeInfoText: 'How do you want to confirm?',
      challengeSelectInfo: [{ sms: 'SMS to **** 1234' }, { app: 'Authenticator app' }],
      submitAuthenticationLabel: 'Next',
    });
  });

  it('multi-select screen has acsUiType 03', () => {
    const cres = buildChallengeCRes({
      ...base,
      messageVersion: '2.2.0',
      uiType: 'multi-select',
      header: 'H',
      label: 'L',
      text: 'T',
      submitLabel: 'S',
      choices: [{ key: 'a', label: 'A' }],
    });
    expect(cres.acsUiType).toBe('03');
  });

  it('OOB screen: continue label, no submit button', () => {
    expect(
      buildChallengeCRes({
        ...base,
        messageVersion: '2.2.0',
        uiType: 'oob',
        header: 'Approve in your bank app',
        text: 'Open the bank app and approve 12.34 EUR at Shop.',
        showWarning: true,
        continueLabel: 'I have approved',
      }),
    ).toEqual({
      ...common,
      messageVersion: '2.2.0',
      acsUiType: '04',
      challengeInfoHeader: 'Approve in your bank app',
      challengeInfoText: 'Open the bank app and approve 12.34 EUR at Shop.',
      challengeInfoTextIndicator: 'Y',
      oobContinueLabel: 'I have approved',
    });
  });

  it('HTML screen: base64url HTML alone', () => {
    const html = '<!doctype html><form><input name="otp"></form>?>';
    expect(buildChallengeCRes({ ...base, messageVersion: '2.2.0', uiType: 'html', html })).toEqual({
      ...common,
      messageVersion: '2.2.0',
      acsUiType: '05',
      acsHTML: Buffer.from(html, 'utf8').toString('base64url'),
    });
  });

  it.each([
    [
      'a text screen without submit label',
      { submitLabel: undefined },
      'text screen: submitLabel is required',
    ],
    [
      'a text screen with choices',
      { choices: [{ key: 'a', label: 'A' }] },
      'choices is not shown on this screen',
    ],
    ['a header over 45 characters', { header: 'x'.repeat(46) }, 'header exceeds 45 characters'],
    ['an empty optional', { whyText: '' }, 'whyText is empty'],
    ['an entry length over 45', { entry: { maxLength: 46 } }, 'entry.maxLength must be 1-45'],
  ])('refuses %s', (_name, change, message) => {
    expect(() => buildChallengeCRes({ ...textScreen('2.2.0'), ...change })).toThrow(message);
  });

  it('refuses a 2.3.1 text screen without an entry label', () => {
    expect(() => buildChallengeCRes({ ...textScreen('2.3.1'), label: undefined })).toThrow(
      'label is required',
    );
  });

  it('refuses HTML mixed with native elements, and select screens without valid choices', () => {
    expect(() =>
      buildChallengeCRes({ ...base, messageVersion: '2.2.0', uiType: 'html', html: '<p>', header: 'H' }),
    ).toThrow('header is not shown on this screen');
    const select = {
      ...base,
      messageVersion: '2.2.0' as const,
      uiType: 'single-select' as const,
      header: 'H',
      label: 'L',
      text: 'T',
      submitLabel: 'S',
    };
    expect(() => buildChallengeCRes({ ...select, choices: [] })).toThrow('choices must be 1-8 distinct keys');
    expect(() =>
      buildChallengeCRes({
        ...select,
        choices: [
          { key: 'a', label: 'A' },
          { key: 'a', label: 'B' },
        ],
      }),
    ).toThrow('choices must be 1-8 distinct keys');
    expect(() => buildChallengeCRes({ ...select, choices: [{ key: 'phone', label: 'A' }] })).toThrow(
      'key of 1-4 letters or digits',
    );
  });
});
