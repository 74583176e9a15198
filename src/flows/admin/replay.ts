/**
 * POST /api/admin/replays: an exported exchange's AReq (src/flows/admin/exchange-export.ts) run
 * again against this ACS as it is now (its code, settings and cards), and how the answer differs
 * from the recorded one: a regression test after an upgrade or a change of settings
 * (docs/admin-api.md, "Export and replay").
 *
 * A dry run: the AReq goes through the very evaluation the real path uses
 * (src/flows/threeds/authenticate.ts, `evaluateAReq`), with its side effects left out. Nothing
 * is stored, no text message is sent (none is sent before a CReq anyway), the per-card challenge
 * limit is neither counted nor applied (it is a daily count, not a setting), and no delay is
 * waited: the answer reports how long the decision or the card's fault would have waited.
 */
import { AcsError } from '../../errors/index.ts';
import { erroForFailure } from '../../protocol/erro.ts';
import { isJsonObject } from '../../protocol/formats.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import type { FlowDeps } from '../common/deps.ts';
import { evaluateAReq } from '../threeds/authenticate.ts';
import { replayCard } from './replay-card.ts';
import { compareAnswers, compareChecks, type ReplayDifference } from './replay-differences.ts';

/** What a replay reads of an export (the admin API's Replay schema checks its shape). */
export type ExchangeToReplay = Readonly<{
  transaction: Readonly<{ acsTransID: string; maskedPan: string; cardId: string | null }>;
  decision: Readonly<{ check: string }>;
  messages: readonly Readonly<{
    direction: 'in' | 'out';
    messageType: string;
    body: Readonly<Record<string, unknown>>;
  }>[];
}>;

/** A replay asked for: the export, and the card's PAN when the export's masked one is not enough. */
export type ReplayRequest = Readonly<{ exchange: ExchangeToReplay; acctNumber?: string | undefined }>;

/** One side of the comparison: the check that decided and the answer (an ARes, or an Erro). */
export type ReplayedAnswer = Readonly<{ check: string; ares: Readonly<Record<string, unknown>> }>;

/** What a replay found. */
export type ReplayReport = Readonly<{
  /** True when nothing differs but what is new in every transaction (`ignored`). */
  identical: boolean;
  differences: readonly ReplayDifference[];
  recorded: ReplayedAnswer;
  /** `waitMs`: what the answer would have waited (acs-slow, ares-late), not waited. */
  replayed: ReplayedAnswer & Readonly<{ waitMs: number }>;
  /** Elements whose values are new in every transaction, compared by presence or not at all. */
  ignored: readonly string[];
}>;

/**
 * Replays `request.exchange`'s AReq; AcsError unprocessable_content when the export holds no
 * AReq or ARes, when this ACS's parser refuses its AReq, or when the card cannot be told
 * (src/flows/admin/replay-card.ts). An AReq now answered with an Erro is reported, not refused.
 */
export async function replayExchange(deps: FlowDeps, request: ReplayRequest): Promise<ReplayReport> {
  const { exchange } = request;
  const areq = exchange.messages.find(
    (message) => message.direction === 'in' && message.messageType === 'AReq',
  );
  if (areq === undefined) {
    throw new AcsError(
      'unprocessable_content',
      'the export holds no AReq (a message in, of messageType AReq)',
    );
  }
  const ares = exchange.messages.find(
    (message) => message.direction === 'out' && message.messageType === 'ARes',
  );
  if (ares === undefined) {
    throw new AcsError(
      'unprocessable_content',
      'the export holds no ARes (a message out, of messageType ARes)',
    );
  }
  const { card, acctNumber } = await replayCard(deps, exchange.transaction, request.acctNumber);
  // Read as the real path reads a request's text (src/protocol/json-strict.ts), PAN restored.
  let parsed: unknown;
  try {
    parsed = parseJsonStrict(JSON.stringify({ ...areq.body, acctNumber }));
  } catch (failure) {
    throw refused(deps, failure);
  }
  const evaluation = await evaluateAReq(deps, parsed, {
    findCard: async () => card,
    limitChallenges: async (_card, decision) => decision,
    wait: async () => {},
  });
  if (evaluation.kind === 'refused') throw refused(deps, evaluation.failure);
  const answer =
    evaluation.kind === 'ares'
      ? asJson(evaluation.ares)
      : asJson(erroForFailure(evaluation.failure, { fallbackVersion: '2.2.0', log: deps.logger }));
  const { differences, ignored } = compareAnswers(ares.body, answer, areq.body.dsTransID === undefined);
  const { check } = evaluation;
  const all = [...compareChecks(exchange.decision.check, check), ...differences];
  deps.logger.info('exchange replayed', {
    acsTransID: exchange.transaction.acsTransID,
    differences: all.length,
  });
  return {
    identical: all.length === 0,
    differences: all,
    recorded: { check: exchange.decision.check, ares: ares.body },
    replayed: {
      check,
      ares: answer,
      waitMs: evaluation.kind === 'ares' ? evaluation.decisionDelayMs + evaluation.aresDelayMs : 0,
    },
    ignored,
  };
}

/** The exported AReq refused by this ACS's reading of it: the Erro it gets, in a sentence (elements named, never values). */
function refused(deps: Pick<FlowDeps, 'logger'>, failure: unknown): AcsError {
  const erro = erroForFailure(failure, { fallbackVersion: '2.2.0', log: deps.logger });
  const detail = erro.errorDetail === '' ? '' : ` (${erro.errorDetail})`;
  return new AcsError(
    'unprocessable_content',
    `this ACS refuses the exported AReq: Erro ${erro.errorCode}, ${erro.errorDescription}${detail}`,
  );
}

/** A message as it goes on the wire: what JSON keeps of it. */
function asJson(message: unknown): Record<string, unknown> {
  const copy: unknown = JSON.parse(JSON.stringify(message));
  return isJsonObject(copy) ? copy : {};
}
