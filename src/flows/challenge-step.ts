/**
 * What a challenge request leads to, for the HTTP layer to render: the challenge window, the
 * auto-posting final page (CRes to the notificationURL), an error page, or (a 3DS Method that
 * never answers) a page that stays silent. Flows decide; routes only render.
 */
import type { ChallengePageModel, HiddenField } from '../../views/challenge/model.ts';
import type { ErrorPageKind } from '../../views/error-page.ts';
import type { Lang } from '../../views/i18n.ts';
import type { WindowSize } from '../domain/challenge.ts';

/** The next thing the challenge window shows. */
export type ChallengeStep = Readonly<
  | { kind: 'challenge'; model: ChallengePageModel }
  | {
      kind: 'post';
      lang: Lang;
      windowSize: WindowSize | undefined;
      action: string;
      fields: readonly HiddenField[];
    }
  | { kind: 'error'; lang: Lang; windowSize: WindowSize | undefined; page: ErrorPageKind; status: number }
  | { kind: 'silent'; lang: Lang }
>;

/** An error page step. */
export function errorStep(
  page: ErrorPageKind,
  status: number,
  lang: Lang = 'en',
  windowSize?: WindowSize,
): ChallengeStep {
  return { kind: 'error', lang, windowSize, page, status };
}
