/**
 * The cards aggregate as both adapters store it: `cards` (with the cardholder's credentials)
 * and `card_ranges` rows, and the one mapping between them and Card, CardRange and the port's
 * credential records.
 */
import type { Card, CardRange } from '../../domain/card.ts';
import type { CardChanges, CardCredentials, CredentialState, NewCard } from '../port.ts';
import { columnTable, type TableRow } from './columns.ts';

/** Card in `cards` (without the credential columns, which only the credential reads select). */
const cardTable = columnTable<Card>()({
  id: 'id',
  panHash: 'pan_hash',
  maskedPan: 'masked_pan',
  scheme: 'scheme',
  scenario: 'scenario',
  cardholderName: 'cardholder_name',
  phone: 'phone',
  email: 'email',
  fault: 'fault',
  faultDelayMs: 'fault_delay_ms',
  createdAt: 'created_at',
});

/** CardRange in `card_ranges`. */
const rangeTable = columnTable<CardRange>()({
  startRange: 'start_range',
  endRange: 'end_range',
  scheme: 'scheme',
  threeDSMethod: 'three_ds_method',
});

/** CardCredentials in the credential columns of `cards`. */
const credentialsTable = columnTable<CardCredentials>()({
  totpSecretSealed: 'totp_secret_sealed',
  totpLastStep: 'totp_last_step',
  passwordHash: 'password_hash',
});

/** A `cards` row (without the credential columns). */
export type CardRow = TableRow<typeof cardTable>;

/** A `card_ranges` row. */
export type RangeRow = TableRow<typeof rangeTable>;

/** The credential columns of a `cards` row. */
export type CredentialsRow = TableRow<typeof credentialsTable>;

/** Whether a card has each credential: 0/1 in SQLite, a boolean in PostgreSQL. */
export type CredentialStateRow = { id: string; totp: number | boolean; password: number | boolean };

/** cards row -> Card. */
export const cardFromRow = cardTable.fromRow;

/** A new card, added at `now` -> cards row. */
export function cardToRow(card: NewCard, now: string): CardRow {
  return cardTable.toRow({ ...card, createdAt: now });
}

/** card_ranges row -> CardRange. */
export const rangeFromRow = rangeTable.fromRow;

/** CardRange -> card_ranges row. */
export const rangeToRow = rangeTable.toRow;

/** The credential columns -> CardCredentials. */
export const credentialsFromRow = credentialsTable.fromRow;

/** Which credentials a card has -> CredentialState. */
export function credentialStateFromRow(row: CredentialStateRow): CredentialState {
  return { cardId: row.id, totpEnrolled: Boolean(row.totp), passwordSet: Boolean(row.password) };
}

/**
 * The parameters of a card update: each `set_` flag (1/0, which both databases read as true or
 * false) says whether the column beside it is written, since a field given as undefined clears it.
 * `set_fault` writes the fault and its delay together.
 */
export type CardChangesRow = {
  id: string;
  scenario: string | null;
  set_name: 0 | 1;
  cardholder_name: string | null;
  set_phone: 0 | 1;
  phone: string | null;
  set_email: 0 | 1;
  email: string | null;
  set_fault: 0 | 1;
  fault: string | null;
  fault_delay_ms: number | null;
};

/** The changes to card `id` -> the parameters of the update. */
export function cardChangesToRow(id: string, changes: CardChanges): CardChangesRow {
  return {
    id,
    scenario: changes.scenario ?? null,
    set_name: 'cardholderName' in changes ? 1 : 0,
    cardholder_name: changes.cardholderName ?? null,
    set_phone: 'phone' in changes ? 1 : 0,
    phone: changes.phone ?? null,
    set_email: 'email' in changes ? 1 : 0,
    email: changes.email ?? null,
    // The fault and its delay are set together: a new fault never inherits the old one's delay.
    set_fault: 'fault' in changes ? 1 : 0,
    fault: changes.fault ?? null,
    fault_delay_ms: changes.faultDelayMs ?? null,
  };
}
