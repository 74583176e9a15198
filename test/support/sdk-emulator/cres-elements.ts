/**
 * Readers of the structured elements of a CRes (EMV 3DS Table A.1; Table A.9 for message
 * extensions), each throwing SdkRuleViolation 203 for a malformed value: messageExtension (at
 * most 10 entries, 15 in 2.3.1; a critical extension the SDK does not recognise is 202, as
 * Stripe's getMessageExtensions), challengeSelectInfo, acsHTML / acsHTMLRefresh (Stripe's
 * getDecodedAcsHtml) and the image objects issuerImage / psImage.
 */
import { imageMembers, maxMessageExtensions } from './cres-fields.ts';
import { isJsonObject, type MessageVersion } from './protocol-types.ts';
import { SdkRuleViolation } from './sdk-rule-violation.ts';

const malformed = (element: string, detail: string) => new SdkRuleViolation('203', element, detail);

/** Table A.9 message extensions; the emulator recognises none, so a critical one is 202. */
export function checkExtensions(extensions: unknown, version: MessageVersion): void {
  if (!Array.isArray(extensions) || extensions.length === 0)
    throw malformed('messageExtension', 'is not a non-empty array');
  if (extensions.length > maxMessageExtensions(version)) {
    throw malformed('messageExtension', `has more than ${maxMessageExtensions(version)} entries`);
  }
  for (const extension of extensions) {
    if (!isJsonObject(extension) || typeof extension.name !== 'string' || typeof extension.id !== 'string') {
      throw malformed('messageExtension', 'an entry lacks its name or id');
    }
    if (extension.criticalityIndicator === true) {
      throw new SdkRuleViolation(
        '202',
        'messageExtension',
        `critical extension ${extension.id} is not recognised`,
      );
    }
  }
}

/** challengeSelectInfo: a non-empty array of one-member objects {name: text}, each at most 45 characters. */
export function readSelectInfo(value: unknown): { name: string; text: string }[] {
  if (!Array.isArray(value) || value.length === 0)
    throw malformed('challengeSelectInfo', 'is not a non-empty array');
  const options = value.map((entry) => {
    if (!isJsonObject(entry) || Object.keys(entry).length !== 1) {
      throw malformed('challengeSelectInfo', 'an option is not an object with exactly one name');
    }
    const [name, text] = Object.entries(entry)[0] as [string, unknown];
    if (
      typeof text !== 'string' ||
      name.length === 0 ||
      text.length === 0 ||
      name.length > 45 ||
      text.length > 45
    ) {
      throw malformed('challengeSelectInfo', `option ${name} is not a name and text of 1 to 45 characters`);
    }
    return { name, text };
  });
  if (new Set(options.map((option) => option.name)).size !== options.length) {
    throw malformed('challengeSelectInfo', 'two options have the same name');
  }
  return options;
}

/** acsHTML: unpadded base64url (Stripe refuses +, /, spaces, newlines and a trailing =) of UTF-8 HTML. */
export function decodeHtml(element: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(value)) {
    throw malformed(element, `${element} is not unpadded base64url`);
  }
  return Buffer.from(value, 'base64url').toString('utf8');
}

export function readImage(element: string, value: unknown, version: MessageVersion): Record<string, string> {
  if (!isJsonObject(value) || Object.keys(value).length === 0)
    throw malformed(element, `${element} is not an object of URLs`);
  const members = imageMembers(version);
  const image: Record<string, string> = {};
  for (const [member, url] of Object.entries(value)) {
    if (!members.has(member))
      throw malformed(element, `${element}.${member} is not an image member in ${version}`);
    if (typeof url !== 'string') throw malformed(element, `${element}.${member} is not a URL`);
    if (!url.startsWith('data:') && url.length > 2048) {
      throw malformed(element, `${element}.${member} is longer than 2048 characters`);
    }
    checkUrl(`${element}.${member}`, url);
    image[member] = url;
  }
  return image;
}

export function checkUrl(element: string, value: string): void {
  try {
    new URL(value);
  } catch {
    throw malformed(element, `${element} is not an absolute URL`);
  }
}
