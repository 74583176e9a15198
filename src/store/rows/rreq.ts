/**
 * RReq delivery as both adapters store it: `rreq_attempts` rows (the timeline's record of
 * every attempt) and `rreq_retries` rows (the next attempt, kept in the database), and the one
 * mapping to and from RReqAttempt and RReqRetry.
 */
import type { RReqAttempt } from '../../domain/sms.ts';
import type { ReplyVerdict } from '../../protocol/rres.ts';
import type { RReqRetry } from '../port.ts';
import { columnTable, type TableRow } from './columns.ts';

/** RReqAttempt in `rreq_attempts` (whose id only orders them), but for its verdict, stored as JSON. */
const attemptTable = columnTable<Omit<RReqAttempt, 'verdict'>>()({
  acsTransID: 'acs_trans_id',
  attempt: 'attempt',
  outcome: 'outcome',
  httpStatus: 'http_status',
  detail: 'detail',
  at: 'at',
});

/** RReqRetry in `rreq_retries`, but for the RReq itself, which is stored as JSON. */
const retryTable = columnTable<Omit<RReqRetry, 'rreq'>>()({
  acsTransID: 'acs_trans_id',
  attempt: 'attempt',
  dueAt: 'due_at',
});

/** An `rreq_attempts` row (without its id): the verdict in JSON, NULL when no reply was read. */
export type RReqAttemptRow = TableRow<typeof attemptTable> & { verdict: string | null };

/** An `rreq_retries` row: the RReq as first sent, in JSON. */
export type RReqRetryRow = TableRow<typeof retryTable> & { rreq: string };

/** rreq_attempts row -> RReqAttempt. */
export function rreqAttemptFromRow(row: RReqAttemptRow): RReqAttempt {
  return {
    ...attemptTable.fromRow(row),
    verdict: row.verdict === null ? undefined : (JSON.parse(row.verdict) as ReplyVerdict),
  };
}

/** RReqAttempt -> rreq_attempts row. */
export function rreqAttemptToRow(attempt: RReqAttempt): RReqAttemptRow {
  return {
    ...attemptTable.toRow(attempt),
    verdict: attempt.verdict === undefined ? null : JSON.stringify(attempt.verdict),
  };
}

/** rreq_retries row -> RReqRetry. */
export function rreqRetryFromRow(row: RReqRetryRow): RReqRetry {
  return { ...retryTable.fromRow(row), rreq: JSON.parse(row.rreq) as unknown };
}

/** RReqRetry -> rreq_retries row. */
export function rreqRetryToRow(retry: RReqRetry): RReqRetryRow {
  return { ...retryTable.toRow(retry), rreq: JSON.stringify(retry.rreq) };
}
