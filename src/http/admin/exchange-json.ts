/**
 * The admin API's answers for export and replay, one builder each, typed by their schemas
 * (src/http/admin/exchange-schemas.ts) as src/http/admin/admin-json.ts types the others: the
 * exported exchange exactly as the flow made it, and the replay's report.
 */
import type { ExchangeDocument } from '../../flows/admin/exchange-export.ts';
import type { ReplayReport } from '../../flows/admin/replay.ts';
import { replyVerdictJson } from './admin-json.ts';
import type { Answer } from './admin-schemas.ts';

/** An exported exchange (schema ExchangeDocument). */
export function exchangeDocumentJson(document: ExchangeDocument): Answer<'ExchangeDocument'> {
  return {
    ...document,
    acs: { ...document.acs },
    transaction: {
      ...document.transaction,
      result: document.transaction.result === null ? null : { ...document.transaction.result },
    },
    decision: { ...document.decision },
    messages: document.messages.map((message) => ({ ...message })),
    rreqAttempts: document.rreqAttempts.map((attempt) => ({
      ...attempt,
      verdict: attempt.verdict === null ? null : replyVerdictJson(attempt.verdict),
    })),
  };
}

/** What a replay found (schema ReplayReport). */
export function replayReportJson(report: ReplayReport): Answer<'ReplayReport'> {
  return {
    identical: report.identical,
    differences: report.differences.map((difference) => ({ ...difference })),
    recorded: { check: report.recorded.check, ares: report.recorded.ares },
    replayed: { check: report.replayed.check, ares: report.replayed.ares, waitMs: report.replayed.waitMs },
    ignored: [...report.ignored],
  };
}
