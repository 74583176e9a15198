/**
 * The 3DS Method (the threeDSMethodURL of the PRes): the 3DS Server's hidden iframe posts
 * `threeDSMethodData` (base64url JSON with threeDSServerTransID and
 * threeDSMethodNotificationURL). A real ACS would fingerprint the browser here; this one
 * collects nothing and at once posts `threeDSMethodData` (base64url of
 * {threeDSServerTransID}) back to the notification URL, so requestors can exercise the
 * step and its timing (threeDSCompInd Y) for real.
 */
import { decodeBase64UrlJson, encodeBase64UrlJson } from '../protocol/base64url-json.ts';
import { isHttpUrl, isJsonObject, isUuid } from '../protocol/formats.ts';
import { parseJsonStrict } from '../protocol/json-strict.ts';
import { type ChallengeStep, errorStep } from './challenge-step.ts';

/** Handles a 3DS Method post. */
export function threeDSMethod(form: Readonly<{ threeDSMethodData: unknown }>): ChallengeStep {
  let data: unknown;
  try {
    data = decodeBase64UrlJson(form.threeDSMethodData, parseJsonStrict, 'threeDSMethodData');
  } catch {
    return errorStep('invalidRequest', 400);
  }
  if (
    !isJsonObject(data) ||
    !isUuid(data.threeDSServerTransID) ||
    !isHttpUrl(data.threeDSMethodNotificationURL)
  ) {
    return errorStep('invalidRequest', 400);
  }
  return {
    kind: 'post',
    lang: 'en',
    windowSize: undefined,
    action: data.threeDSMethodNotificationURL,
    fields: [
      {
        name: 'threeDSMethodData',
        value: encodeBase64UrlJson({ threeDSServerTransID: data.threeDSServerTransID }),
      },
    ],
  };
}
