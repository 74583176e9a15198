/**
 * RReq delivery as both adapters store it: `rreq_attempts` rows (the timeline's record of
 * every attempt) and `rreq_retries` rows (the next attempt, kept in the database), and the one
 * mapping to and from RReqAttempt and RReqRetry.
 */
import type { RReqAttempt } from '../../domain/sms.ts';
import type { RReqRetry } from '../port.ts';
import { columnTable, type TableRow } from './columns.ts';

/** RReqAttempt in `rreq_attempts` (whose id only orders them). */
const attemptTable = columnTable<RReqAttempt>()({
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

/** An `rreq_attempts` row (without its id). */
export type RReqAttemptRow = TableRow<typeof attemptTable>;

/** An `rreq_retries` row: the RReq as first sent, in JSON. */
export type RReqRetryRow = TableRow<typeof retryTable> & { rreq: string };

/** rreq_attempts row -> RReqAttempt. */
export const rreqAttemptFromRow = attemptTable.fromRow;

/** RReqAttempt -> rreq_attempts row. */
export const rreqAttemptToRow = attemptTable.toRow;

/** rreq_retries row -> RReqRetry. */
export function rreqRetryFromRow(row: RReqRetryRow): RReqRetry {
  return { ...retryTable.fromRow(row), rreq: JSON.parse(row.rreq) as unknown };
}

/** RReqRetry -> rreq_retries row. */
export function rreqRetryToRow(retry: RReqRetry): RReqRetryRow {
  return { ...retryTable.toRow(retry), rreq: JSON.stringify(retry.rreq) };
}
