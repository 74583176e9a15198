/**
 * The storage port: domain-level operations, each atomic. The flows depend on this type
 * only; src/store/sqlite/ is the embedded adapter, and a server-backed adapter can take its
 * place by passing the same contract tests (test/unit/store/store-contract.ts).
 */
import type { Card, CardRange } from '../domain/card.ts';
import type { NewMessage, StoredMessage, Transaction } from '../domain/transaction.ts';

/** A card to add (the PAN already reduced to hash + mask). */
export type NewCard = Omit<Card, 'createdAt'>;

/** What a seed run added. */
export type SeedReport = Readonly<{ cardsAdded: number; rangesAdded: number }>;

/** The ACS's storage. Every method is one atomic operation. */
export type AcsStore = {
  /** True when the database answers a trivial query. */
  ping(): boolean;
  /** Adds cards and ranges that are not already present (by PAN hash / start of range). */
  seed(cards: readonly NewCard[], ranges: readonly CardRange[], now: string): SeedReport;
  /** The card whose keyed PAN hash is `panHash`. */
  findCardByPanHash(panHash: string): Card | undefined;
  /** Every BIN range served, ordered by start. */
  listCardRanges(): readonly CardRange[];
  /** Stores a new transaction together with its first messages (AReq, ARes). */
  recordAuthentication(transaction: Transaction, messages: readonly NewMessage[]): void;
  /** Appends messages to timelines (or, with no acsTransID, to the unattached Erro log). */
  recordMessages(messages: readonly NewMessage[]): void;
  /** The transaction with this acsTransID. */
  getTransaction(acsTransID: string): Transaction | undefined;
  /** The transaction's messages, oldest first. */
  listMessages(acsTransID: string): readonly StoredMessage[];
  /** Closes the database; further calls fail. */
  close(): void;
};
