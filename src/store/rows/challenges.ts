/**
 * Challenges as both adapters store them: the `challenges` row, which columns opening the
 * window writes and which a later step may change, and the one mapping to and from Challenge.
 */
import type { Challenge, WindowSize } from '../../domain/challenge.ts';
import { orUndefined } from './nullable.ts';

/** A `challenges` row. */
export type ChallengeRow = {
  acs_trans_id: string;
  method: string;
  methods: string;
  window_size: string;
  three_ds_session_data: string | null;
  code_hash: string | null;
  code_expires_at: string | null;
  codes_sent: number;
  wrong_attempts: number;
  interaction_counter: number;
  last_totp_step: number | null;
  started_at: string;
  updated_at: string;
};

/** Every column of `challenges`, all written when the window opens (startChallenge). */
export const challengeColumns = [
  'acs_trans_id',
  'method',
  'methods',
  'window_size',
  'three_ds_session_data',
  'code_hash',
  'code_expires_at',
  'codes_sent',
  'wrong_attempts',
  'interaction_counter',
  'last_totp_step',
  'started_at',
  'updated_at',
] as const satisfies readonly (keyof ChallengeRow)[];

/** A column of `challenges`. */
type ChallengeColumn = (typeof challengeColumns)[number];

/** The columns fixed when the window opens: the transaction, its window size and session data, the start. */
const fixedWhenOpened: readonly ChallengeColumn[] = [
  'acs_trans_id',
  'window_size',
  'three_ds_session_data',
  'started_at',
];

/** The columns a later step may change (saveChallenge), in the order of challengeColumns. */
export const challengeStepColumns: readonly ChallengeColumn[] = challengeColumns.filter(
  (column) => !fixedWhenOpened.includes(column),
);

/** challenges row -> Challenge. */
export function challengeFromRow(row: ChallengeRow): Challenge {
  return {
    acsTransID: row.acs_trans_id,
    method: row.method as Challenge['method'],
    methods: row.methods.split(',') as Challenge['methods'],
    windowSize: row.window_size as WindowSize,
    threeDSSessionData: orUndefined(row.three_ds_session_data),
    codeHash: orUndefined(row.code_hash),
    codeExpiresAt: orUndefined(row.code_expires_at),
    codesSent: row.codes_sent,
    wrongAttempts: row.wrong_attempts,
    interactionCounter: row.interaction_counter,
    lastTotpStep: orUndefined(row.last_totp_step),
    startedAt: row.started_at,
    updatedAt: row.updated_at,
  };
}

/** Challenge -> challenges row. */
export function challengeToRow(c: Challenge): ChallengeRow {
  return {
    acs_trans_id: c.acsTransID,
    method: c.method,
    methods: c.methods.join(','),
    window_size: c.windowSize,
    three_ds_session_data: c.threeDSSessionData ?? null,
    code_hash: c.codeHash ?? null,
    code_expires_at: c.codeExpiresAt ?? null,
    codes_sent: c.codesSent,
    wrong_attempts: c.wrongAttempts,
    interaction_counter: c.interactionCounter,
    last_totp_step: c.lastTotpStep ?? null,
    started_at: c.startedAt,
    updated_at: c.updatedAt,
  };
}
