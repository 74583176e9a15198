/**
 * The cards aggregate as both adapters store it: `cards` (with the cardholder's credentials)
 * and `card_ranges` rows, and the one mapping between them and Card, CardRange and the port's
 * credential records.
 */
import type { Card, CardRange } from '../../domain/card.ts';
import type { Scenario } from '../../domain/scenario.ts';
import type { Scheme } from '../../domain/scheme.ts';
import type { CardChanges, CardCredentials, CredentialState, NewCard } from '../port.ts';
import { orUndefined } from './nullable.ts';

/** A `cards` row (without the credential columns, which only the credential reads select). */
export type CardRow = {
  id: string;
  pan_hash: string;
  masked_pan: string;
  scheme: string;
  scenario: string;
  cardholder_name: string | null;
  phone: string | null;
  email: string | null;
  created_at: string;
};

/** A `card_ranges` row. */
export type RangeRow = {
  start_range: string;
  end_range: string;
  scheme: string;
  three_ds_method: string | null;
};

/** The credential columns of a `cards` row. */
export type CredentialsRow = {
  totp_secret_sealed: string | null;
  totp_last_step: number | null;
  password_hash: string | null;
};

/** Whether a card has each credential: 0/1 in SQLite, a boolean in PostgreSQL. */
export type CredentialStateRow = { id: string; totp: number | boolean; password: number | boolean };

/**
 * The parameters of a card update: each `set_` flag (1/0, which both databases read as true or
 * false) says whether the column beside it is written, since a field given as undefined clears it.
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
};

/** cards row -> Card. */
export function cardFromRow(row: CardRow): Card {
  return {
    id: row.id,
    panHash: row.pan_hash,
    maskedPan: row.masked_pan,
    scheme: row.scheme as Scheme,
    scenario: row.scenario as Scenario,
    cardholderName: orUndefined(row.cardholder_name),
    phone: orUndefined(row.phone),
    email: orUndefined(row.email),
    createdAt: row.created_at,
  };
}

/** A new card, added at `now` -> cards row. */
export function cardToRow(card: NewCard, now: string): CardRow {
  return {
    id: card.id,
    pan_hash: card.panHash,
    masked_pan: card.maskedPan,
    scheme: card.scheme,
    scenario: card.scenario,
    cardholder_name: card.cardholderName ?? null,
    phone: card.phone ?? null,
    email: card.email ?? null,
    created_at: now,
  };
}

/** card_ranges row -> CardRange. */
export function rangeFromRow(row: RangeRow): CardRange {
  const behaviour = row.three_ds_method;
  return {
    startRange: row.start_range,
    endRange: row.end_range,
    scheme: row.scheme as Scheme,
    ...(behaviour === 'late' || behaviour === 'never' ? { threeDSMethod: behaviour } : {}),
  };
}

/** CardRange -> card_ranges row. */
export function rangeToRow(range: CardRange): RangeRow {
  return {
    start_range: range.startRange,
    end_range: range.endRange,
    scheme: range.scheme,
    three_ds_method: range.threeDSMethod ?? null,
  };
}

/** The credential columns -> CardCredentials. */
export function credentialsFromRow(row: CredentialsRow): CardCredentials {
  return {
    totpSecretSealed: orUndefined(row.totp_secret_sealed),
    totpLastStep: orUndefined(row.totp_last_step),
    passwordHash: orUndefined(row.password_hash),
  };
}

/** Which credentials a card has -> CredentialState. */
export function credentialStateFromRow(row: CredentialStateRow): CredentialState {
  return { cardId: row.id, totpEnrolled: Boolean(row.totp), passwordSet: Boolean(row.password) };
}

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
  };
}
