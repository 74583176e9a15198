/**
 * RReq delivery as both adapters store it: `rreq_attempts` rows (the timeline's record of
 * every attempt) and `rreq_retries` rows (the next attempt, kept in the database), and the one
 * mapping to and from RReqAttempt and RReqRetry.
 */
import type { RReqAttempt } from '../../domain/sms.ts';
import type { RReqRetry } from '../port.ts';
import { orUndefined } from './nullable.ts';

/** An `rreq_attempts` row (without its id, which only orders them). */
export type RReqAttemptRow = {
  acs_trans_id: string;
  attempt: number;
  outcome: string;
  http_status: number | null;
  detail: string | null;
  at: string;
};

/** An `rreq_retries` row: the RReq as first sent, in JSON. */
export type RReqRetryRow = { acs_trans_id: string; rreq: string; attempt: number; due_at: string };

/** rreq_attempts row -> RReqAttempt. */
export function rreqAttemptFromRow(row: RReqAttemptRow): RReqAttempt {
  return {
    acsTransID: row.acs_trans_id,
    attempt: row.attempt,
    outcome: row.outcome as RReqAttempt['outcome'],
    httpStatus: orUndefined(row.http_status),
    detail: orUndefined(row.detail),
    at: row.at,
  };
}

/** RReqAttempt -> rreq_attempts row. */
export function rreqAttemptToRow(attempt: RReqAttempt): RReqAttemptRow {
  return {
    acs_trans_id: attempt.acsTransID,
    attempt: attempt.attempt,
    outcome: attempt.outcome,
    http_status: attempt.httpStatus ?? null,
    detail: attempt.detail ?? null,
    at: attempt.at,
  };
}

/** rreq_retries row -> RReqRetry. */
export function rreqRetryFromRow(row: RReqRetryRow): RReqRetry {
  return {
    acsTransID: row.acs_trans_id,
    rreq: JSON.parse(row.rreq) as unknown,
    attempt: row.attempt,
    dueAt: row.due_at,
  };
}

/** RReqRetry -> rreq_retries row. */
export function rreqRetryToRow(retry: RReqRetry): RReqRetryRow {
  return {
    acs_trans_id: retry.acsTransID,
    rreq: JSON.stringify(retry.rreq),
    attempt: retry.attempt,
    due_at: retry.dueAt,
  };
}
