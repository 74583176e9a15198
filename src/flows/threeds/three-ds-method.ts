/**
 * The 3DS Method (the threeDSMethodURL of the PRes): the 3DS Server's hidden iframe posts
 * `threeDSMethodData` (base64url JSON with threeDSServerTransID and
 * threeDSMethodNotificationURL). A real ACS would fingerprint the browser here; this one
 * collects nothing and posts `threeDSMethodData` (base64url of {threeDSServerTransID}) back to
 * the notification URL, so requestors can exercise the step and its timing for real.
 *
 * The card range decides when (docs/flows.md, "3DS Method"): at once (threeDSCompInd Y), after
 * `lateMethodDelayMs` (`/3ds/method/late`: past the requestor's usual 10 s, so it sends
 * threeDSCompInd N), or never (`/3ds/method/never`: a page that stays silent, threeDSCompInd N).
 */
import { lateMethodDelayMs, type MethodBehaviour } from '../../domain/card.ts';
import { decodeBase64UrlJson, encodeBase64UrlJson } from '../../protocol/base64url-json.ts';
import { isHttpUrl, isJsonObject, isUuid } from '../../protocol/formats.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import type { FlowDeps } from '../common/deps.ts';
import { errorStep, type PageStep } from '../common/page-step.ts';

/** Handles a 3DS Method post; `behaviour` comes from the method URL's last segment. */
export async function threeDSMethod(
  deps: Pick<FlowDeps, 'sleep'>,
  form: Readonly<{ threeDSMethodData: unknown }>,
  behaviour: MethodBehaviour | undefined = undefined,
): Promise<PageStep> {
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
  if (behaviour === 'never') return { kind: 'silent', lang: 'en' };
  if (behaviour === 'late') await deps.sleep(lateMethodDelayMs);
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
