/**
 * One full browser challenge, as a 3DS Server and a cardholder's browser drive it over HTTP
 * (README.md, endpoints; docs/flows.md, the challenge): the AReq of a challenge-sms card (ARes C), the first CReq
 * posted to the acsURL as the form field `creq` (the challenge page), the code read from the
 * sandbox inbox API, the code posted with the page's hidden `token`, and the final CRes read
 * from the auto-post form (transStatus Y). The RReq the ACS sends to the stand-in 3DS Server
 * before answering the code post is checked afterwards, in bulk (flow-load.ts).
 */
import { areqBody } from './areq-body.ts';
import type { HttpAnswer, HttpClient } from './http-client.ts';

/** The steps of a flow, in order (their latencies are reported separately). */
export const flowSteps = ['AReq', 'CReq page', 'sandbox code', 'code post'] as const;

/** Where a flow's messages go. */
export type FlowTarget = Readonly<{
  client: HttpClient;
  /** The stand-in 3DS Server's RReq URL (the AReq's threeDSServerURL). */
  rreqURL: string;
}>;

/** A flow that went wrong, naming its step. */
export class FlowError extends Error {
  constructor(step: (typeof flowSteps)[number], problem: string) {
    super(`${step}: ${problem}`);
    this.name = 'FlowError';
  }
}

/** The merchant page that would receive the final CRes; the benchmark never calls it. */
const notificationURL = 'http://127.0.0.1:9/3ds/notify?order=42';

/** The value of a hidden input in one of the ACS's pages (its own markup: escaped attribute values). */
export function hiddenValue(html: string, name: string): string | undefined {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html);
  return match?.[1]
    ?.replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function objectOf(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function expectOk(step: (typeof flowSteps)[number], answer: HttpAnswer): void {
  if (answer.status !== 200) throw new FlowError(step, `HTTP ${answer.status}: ${answer.text.slice(0, 160)}`);
}

/**
 * Runs one flow for card `pan`; adds each step's milliseconds to `stepMs` (same order as
 * flowSteps) and resolves with the transaction's acsTransID.
 */
export async function runChallengeFlow(target: FlowTarget, pan: string, stepMs: number[]): Promise<string> {
  const { client } = target;
  let started = performance.now();
  const lap = (i: number) => {
    const now = performance.now();
    stepMs[i] = now - started;
    started = now;
  };

  const body = areqBody({ pan, threeDSServerURL: target.rreqURL, notificationURL });
  const areqAnswer = await client.post('/3ds/areq', 'application/json', body);
  expectOk('AReq', areqAnswer);
  const ares = objectOf(areqAnswer.text);
  if (ares?.messageType !== 'ARes' || ares.transStatus !== 'C' || typeof ares.acsTransID !== 'string')
    throw new FlowError('AReq', `expected ARes C, got ${areqAnswer.text.slice(0, 160)}`);
  const acsTransID = ares.acsTransID;
  lap(0);

  const creq = Buffer.from(
    JSON.stringify({
      messageType: 'CReq',
      messageVersion: ares.messageVersion,
      threeDSServerTransID: ares.threeDSServerTransID,
      acsTransID,
      challengeWindowSize: '05',
    }),
  ).toString('base64url');
  const page = await client.post(
    '/3ds/challenge',
    'application/x-www-form-urlencoded',
    new URLSearchParams({ creq, threeDSSessionData: 'YmVuY2gtc2Vzc2lvbg' }).toString(),
  );
  expectOk('CReq page', page);
  const token = hiddenValue(page.text, 'token');
  if (token === undefined) throw new FlowError('CReq page', 'the page has no token field');
  lap(1);

  const inbox = await client.get(`/sandbox/api/messages?acsTransID=${encodeURIComponent(acsTransID)}`);
  expectOk('sandbox code', inbox);
  const messages = objectOf(inbox.text)?.messages;
  const newest = Array.isArray(messages) ? (messages[0] as Record<string, unknown> | undefined) : undefined;
  if (typeof newest?.code !== 'string')
    throw new FlowError('sandbox code', 'no SMS with a code for the transaction');
  lap(2);

  const final = await client.post(
    `/3ds/challenge/${encodeURIComponent(acsTransID)}/submit`,
    'application/x-www-form-urlencoded',
    new URLSearchParams({ token, code: newest.code }).toString(),
  );
  expectOk('code post', final);
  const cresField = hiddenValue(final.text, 'cres');
  if (cresField === undefined) throw new FlowError('code post', 'the answer is not the final auto-post form');
  const cres = objectOf(Buffer.from(cresField, 'base64url').toString('utf8'));
  if (cres?.messageType !== 'CRes' || cres.transStatus !== 'Y' || cres.acsTransID !== acsTransID)
    throw new FlowError('code post', `expected a final CRes Y, got ${JSON.stringify(cres).slice(0, 160)}`);
  lap(3);
  return acsTransID;
}
