/**
 * What a challenge request leads to, for the HTTP layer to render: the challenge window, or one
 * of the framed pages every browser step shares (src/flows/common/page-step.ts): the
 * auto-posting final page (CRes to the notificationURL) or an error page. Flows decide; routes
 * only render.
 */
import type { PageStep } from '../common/page-step.ts';
import type { ChallengePageModel } from './screen-model.ts';

/** The next thing the challenge window shows. */
export type ChallengeStep = Readonly<{ kind: 'challenge'; model: ChallengePageModel }> | PageStep;
