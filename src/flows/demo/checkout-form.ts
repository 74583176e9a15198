/**
 * The demo merchant's checkout form: what a tester types (card number, amount, currency,
 * merchant name, version, window size, challenge indicator, decoupled) read into a checked
 * order, or a clear message per field so the form can be shown again with what was typed.
 * The browser details a real 3DS Requestor collects by script arrive in hidden fields and
 * fall back to plain defaults when missing (JavaScript off), since nobody typed them.
 */
import { isLuhnValid, isOneOf } from '../../protocol/formats.ts';
import { type MessageVersion, supportedVersions } from '../../protocol/version.ts';

/** A currency the checkout offers: ISO 4217 numeric code, letters and minor-unit exponent. */
export type DemoCurrency = Readonly<{ numeric: string; alpha: string; exponent: number }>;

/** The currencies offered (a spread of exponents: 2, 0 and 3). */
export const demoCurrencies: readonly DemoCurrency[] = [
  { numeric: '978', alpha: 'EUR', exponent: 2 },
  { numeric: '840', alpha: 'USD', exponent: 2 },
  { numeric: '826', alpha: 'GBP', exponent: 2 },
  { numeric: '756', alpha: 'CHF', exponent: 2 },
  { numeric: '752', alpha: 'SEK', exponent: 2 },
  { numeric: '392', alpha: 'JPY', exponent: 0 },
  { numeric: '414', alpha: 'KWD', exponent: 3 },
];

/** A form's options for EMV codes, in the given order, each shown as "code – meaning". */
export function codeOptions<const Code extends string>(
  meanings: Readonly<Record<Code, string>>,
): readonly Readonly<{ value: Code; label: string }>[] {
  return (Object.entries(meanings) as [Code, string][]).map(([value, meaning]) => ({
    value,
    label: `${value} – ${meaning}`,
  }));
}

/** challengeWindowSize values with their sizes (EMV 3DS Table A.1 / A.3). */
export const demoWindowSizes = codeOptions({
  '01': '250 × 400',
  '02': '390 × 400',
  '03': '500 × 600',
  '04': '600 × 400',
  '05': 'full width',
});

/** One challengeWindowSize value. */
export type DemoWindowSize = (typeof demoWindowSizes)[number]['value'];

/**
 * threeDSRequestorChallengeInd values offered, with the first version that defines each
 * (2.1.0 Table A.1: 01-04; 2.2.0 adds 05-09; 2.3.1 renames "whitelist" to "trust list").
 */
export const demoChallengeIndicators = [
  { value: '01', label: '01 – No preference', since: '2.1.0' },
  { value: '02', label: '02 – No challenge requested', since: '2.1.0' },
  { value: '03', label: '03 – Challenge requested (requestor preference)', since: '2.1.0' },
  { value: '04', label: '04 – Challenge requested (mandate)', since: '2.1.0' },
  { value: '05', label: '05 – No challenge (risk analysis already done)', since: '2.2.0' },
  { value: '06', label: '06 – No challenge (data share only)', since: '2.2.0' },
  { value: '07', label: '07 – No challenge (SCA already done)', since: '2.2.0' },
  { value: '08', label: '08 – No challenge (trust list exemption)', since: '2.2.0' },
  { value: '09', label: '09 – Challenge requested (trust list prompt)', since: '2.2.0' },
] as const;

/** The form's fields a tester fills in. */
export const demoFields = [
  'pan',
  'amount',
  'currency',
  'merchantName',
  'messageVersion',
  'windowSize',
  'challengeInd',
  'decoupled',
] as const;

/** One field of the checkout form. */
export type DemoField = (typeof demoFields)[number];

/** What the form shows in each field (as typed, or the defaults). */
export type DemoFormValues = Readonly<Record<DemoField, string>>;

/** One message per field that needs correcting. */
export type DemoFormErrors = Readonly<Partial<Record<DemoField, string>>>;

/** The browser as the requestor's script measured it (EMV 3DS browser data elements). */
export type DemoBrowserInfo = Readonly<{
  javascriptEnabled: boolean;
  colorDepth: string;
  screenHeight: string;
  screenWidth: string;
  timeZoneOffset: string;
  language: string | undefined;
}>;

/** A checked order, ready to become an AReq. */
export type DemoCheckout = Readonly<{
  pan: string;
  /** Minor units, digits only. */
  purchaseAmount: string;
  currency: DemoCurrency;
  merchantName: string;
  messageVersion: MessageVersion;
  windowSize: DemoWindowSize;
  challengeInd: string;
  decoupled: boolean;
  browser: DemoBrowserInfo;
}>;

/** The form as first shown. */
export const defaultDemoValues: DemoFormValues = {
  pan: '',
  amount: '49.99',
  currency: '978',
  merchantName: 'Demo Shop',
  messageVersion: '2.2.0',
  windowSize: '05',
  challengeInd: '01',
  decoupled: '',
};

/** Form read: the order, or the messages and what was typed. */
export type DemoFormReading =
  | Readonly<{ ok: true; checkout: DemoCheckout; values: DemoFormValues }>
  | Readonly<{ ok: false; errors: DemoFormErrors; values: DemoFormValues }>;

const colorDepths = ['1', '4', '8', '15', '16', '24', '32', '48'] as const;

function text(body: Readonly<Record<string, unknown>>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

function cardNumberProblem(pan: string): string | undefined {
  if (pan === '') return 'Enter a card number.';
  if (!/^[0-9]+$/.test(pan)) return 'A card number has digits only (spaces and dashes are fine).';
  if (pan.length < 13 || pan.length > 19) return 'A card number has 13 to 19 digits.';
  if (!isLuhnValid(pan)) return 'This card number fails the Luhn check: look for a typo.';
  return undefined;
}

/** The amount in minor units, or a message. */
function minorUnits(amount: string, currency: DemoCurrency): { units: string } | { problem: string } {
  if (amount === '') return { problem: 'Enter an amount.' };
  const decimals = currency.exponent;
  const pattern =
    decimals === 0 ? /^([0-9]{1,12})$/ : new RegExp(`^([0-9]{1,12})(?:\\.([0-9]{1,${decimals}}))?$`);
  const match = pattern.exec(amount);
  if (match === null) {
    return {
      problem:
        decimals === 0
          ? `Enter a whole number of ${currency.alpha} (no decimals), e.g. 5000.`
          : `Enter an amount like 49.99, with at most ${decimals} decimals for ${currency.alpha}.`,
    };
  }
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(decimals, '0');
  return { units: `${whole}${fraction}`.replace(/^0+(?=[0-9])/, '') };
}

function merchantNameProblem(name: string): string | undefined {
  if (name === '') return 'Enter the merchant name the cardholder sees.';
  // AReq merchantName: at most 40 characters (Table A.1), counted as the ACS's check counts them.
  if (name.length > 40) return 'The merchant name has at most 40 characters.';
  if (/\p{Cc}/u.test(name)) return 'The merchant name cannot contain control characters.';
  return undefined;
}

function browserInfo(body: Readonly<Record<string, unknown>>): DemoBrowserInfo {
  const measured = {
    colorDepth: text(body, 'browserColorDepth'),
    screenHeight: text(body, 'browserScreenHeight'),
    screenWidth: text(body, 'browserScreenWidth'),
    timeZoneOffset: text(body, 'browserTZ'),
    language: text(body, 'browserLanguage'),
  };
  const valid =
    isOneOf(measured.colorDepth, colorDepths) &&
    /^[0-9]{1,6}$/.test(measured.screenHeight) &&
    /^[0-9]{1,6}$/.test(measured.screenWidth) &&
    /^[+-]?[0-9]{1,4}$/.test(measured.timeZoneOffset);
  // browserLanguage: 1-8 characters (Table A.1), an IETF BCP 47 tag such as en-GB.
  const language = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,4})?$/.test(measured.language)
    ? measured.language
    : undefined;
  if (!valid || text(body, 'browserJavascriptEnabled') !== 'true') {
    return {
      javascriptEnabled: false,
      colorDepth: '24',
      screenHeight: '1080',
      screenWidth: '1920',
      timeZoneOffset: '0',
      language,
    };
  }
  return { javascriptEnabled: true, ...measured, language };
}

/** Reads a posted checkout form. */
export function readDemoCheckout(body: Readonly<Record<string, unknown>>): DemoFormReading {
  const values: DemoFormValues = {
    pan: text(body, 'pan').trim(),
    amount: text(body, 'amount').trim(),
    currency: text(body, 'currency'),
    merchantName: text(body, 'merchantName').trim(),
    messageVersion: text(body, 'messageVersion'),
    windowSize: text(body, 'windowSize'),
    challengeInd: text(body, 'challengeInd'),
    decoupled: text(body, 'decoupled') === '' ? '' : 'on',
  };
  const errors: Partial<Record<DemoField, string>> = {};
  const pan = values.pan.replace(/[\s-]/g, '');
  const panProblem = cardNumberProblem(pan);
  if (panProblem !== undefined) errors.pan = panProblem;

  const currency = demoCurrencies.find((c) => c.numeric === values.currency);
  if (currency === undefined) errors.currency = 'Choose a currency from the list.';
  const amount = currency === undefined ? undefined : minorUnits(values.amount, currency);
  if (amount !== undefined && 'problem' in amount) errors.amount = amount.problem;

  const nameProblem = merchantNameProblem(values.merchantName);
  if (nameProblem !== undefined) errors.merchantName = nameProblem;

  const version = supportedVersions.find((v) => v === values.messageVersion);
  if (version === undefined) errors.messageVersion = 'Choose a message version from the list.';

  const windowSize = demoWindowSizes.find((w) => w.value === values.windowSize)?.value;
  if (windowSize === undefined) errors.windowSize = 'Choose a challenge window size from the list.';

  const indicator = demoChallengeIndicators.find((i) => i.value === values.challengeInd);
  if (indicator === undefined) errors.challengeInd = 'Choose a challenge indicator from the list.';
  else if (version === '2.1.0' && indicator.since !== '2.1.0')
    errors.challengeInd = `Challenge indicator ${indicator.value} needs version 2.2.0 or later.`;

  const decoupled = values.decoupled === 'on';
  if (decoupled && version === '2.1.0')
    errors.decoupled = 'Decoupled authentication needs version 2.2.0 or later.';

  if (
    Object.keys(errors).length > 0 ||
    currency === undefined ||
    amount === undefined ||
    'problem' in amount ||
    version === undefined ||
    windowSize === undefined ||
    indicator === undefined
  ) {
    return { ok: false, errors, values };
  }
  return {
    ok: true,
    values,
    checkout: {
      pan,
      purchaseAmount: amount.units,
      currency,
      merchantName: values.merchantName,
      messageVersion: version,
      windowSize,
      challengeInd: indicator.value,
      decoupled,
      browser: browserInfo(body),
    },
  };
}
