/**
 * Challenges as both adapters store them: the `challenges` row, which columns opening the
 * window writes and which a later step may change, and the one mapping to and from Challenge.
 */
import type { Challenge } from '../../domain/challenge.ts';
import { columnTable, type TableRow } from './columns.ts';

/** Challenge in `challenges`, but for its methods, which are stored comma-separated. */
const challengeTable = columnTable<Omit<Challenge, 'methods'>>()({
  acsTransID: 'acs_trans_id',
  method: 'method',
  windowSize: 'window_size',
  threeDSSessionData: 'three_ds_session_data',
  codeHash: 'code_hash',
  codeExpiresAt: 'code_expires_at',
  codesSent: 'codes_sent',
  wrongAttempts: 'wrong_attempts',
  interactionCounter: 'interaction_counter',
  lastTotpStep: 'last_totp_step',
  startedAt: 'started_at',
  updatedAt: 'updated_at',
  appEnc: 'app_enc',
  sdkCounterStoA: 'sdk_counter_sto_a',
  acsCounterAtoS: 'acs_counter_a_to_s',
  acsInterface: 'acs_interface',
  acsUiTemplate: 'acs_ui_template',
  appScreen: 'app_screen',
});

/** A `challenges` row. */
export type ChallengeRow = TableRow<typeof challengeTable> & { methods: string };

/** A column of `challenges`. */
type ChallengeColumn = keyof ChallengeRow;

/** Every column of `challenges`, all written when the window opens (startChallenge). */
export const challengeColumns: readonly ChallengeColumn[] = [...challengeTable.columns, 'methods'];

/** The columns fixed when the window opens: the transaction, its window size and session data, the start. */
const fixedWhenOpened: readonly ChallengeColumn[] = [
  'acs_trans_id',
  'window_size',
  'three_ds_session_data',
  'started_at',
  'app_enc',
  'acs_interface',
  'acs_ui_template',
];

/** The columns a later step may change (saveChallenge), in the order of challengeColumns. */
export const challengeStepColumns: readonly ChallengeColumn[] = challengeColumns.filter(
  (column) => !fixedWhenOpened.includes(column),
);

/** challenges row -> Challenge. */
export function challengeFromRow(row: ChallengeRow): Challenge {
  const challenge: Record<string, unknown> = {
    ...challengeTable.fromRow(row),
    methods: row.methods.split(',') as Challenge['methods'],
  };
  // The app channel's fields are optional on Challenge: a browser challenge reads back without them.
  for (const field of appOnlyFields) if (challenge[field] === undefined) delete challenge[field];
  return challenge as Challenge;
}

/** The fields only an app channel challenge has (NULL for the browser). */
const appOnlyFields = [
  'appEnc',
  'sdkCounterStoA',
  'acsCounterAtoS',
  'acsInterface',
  'acsUiTemplate',
  'appScreen',
] as const;

/** Challenge -> challenges row. */
export function challengeToRow(challenge: Challenge): ChallengeRow {
  return { ...challengeTable.toRow(challenge), methods: challenge.methods.join(',') };
}
