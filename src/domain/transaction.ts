/**
 * One authentication as the ACS remembers it, from AReq to final result. The ARes status
 * (`aresStatus`) never changes; a challenge ends by writing `result` once.
 */

import type { TransStatus } from '../protocol/trans-status.ts';
import type { MessageVersion } from '../protocol/version.ts';
import type { ChallengeCancel } from './challenge.ts';
import type { Fault } from './fault.ts';
import type { AuthenticationMethod, Scenario } from './scenario.ts';
import type { Scheme } from './scheme.ts';

/**
 * Where a transaction is in its life:
 * - `final`: it has a result (frictionless at ARes time, or a finished challenge);
 * - `awaiting-creq`: ARes C sent, the first CReq not yet received;
 * - `challenging`: the challenge window is open;
 * - `awaiting-decoupled`: ARes D sent, waiting for the cardholder's approval.
 */
export type TransactionState = 'final' | 'awaiting-creq' | 'challenging' | 'awaiting-decoupled';

/** The final outcome of a transaction. */
export type TransactionResult = Readonly<{
  transStatus: TransStatus;
  transStatusReason: string | undefined;
  eci: string | undefined;
  authenticationValue: string | undefined;
  /** Why a challenge ended without the cardholder finishing it (RReq challengeCancel). */
  challengeCancel: ChallengeCancel | undefined;
  /** Cardholder interactions during the challenge (RReq interactionCounter). */
  interactionCounter: number | undefined;
  completedAt: string;
}>;

/** The purchase as the requestor described it (display and authenticationValue binding). */
export type Purchase = Readonly<{
  amount: string | undefined;
  currency: string | undefined;
  exponent: string | undefined;
  merchantName: string | undefined;
}>;

/** A stored transaction. */
export type Transaction = Readonly<{
  acsTransID: string;
  threeDSServerTransID: string;
  dsTransID: string;
  sdkTransID: string | undefined;
  messageVersion: MessageVersion;
  deviceChannel: '01' | '02' | '03';
  messageCategory: '01' | '02';
  cardId: string | undefined;
  maskedPan: string;
  scheme: Scheme | undefined;
  scenario: Scenario | undefined;
  decisionCheck: string;
  /** The fault the card carried at AReq time (docs/faults.md): it never changes the result. */
  fault: Fault | undefined;
  /** That fault's delay, when the card set one (src/domain/fault.ts, faultDelayOf). */
  faultDelayMs: number | undefined;
  aresStatus: TransStatus;
  aresStatusReason: string | undefined;
  authenticationMethod: AuthenticationMethod | undefined;
  state: TransactionState;
  result: TransactionResult | undefined;
  purchase: Purchase;
  notificationURL: string | undefined;
  threeDSServerURL: string | undefined;
  browserLanguage: string | undefined;
  /** App channel: the ACS's ephemeral ECDH private key for this transaction, sealed at rest. */
  acsEphemeralKeySealed: string | undefined;
  /** When the current waiting state times out (ISO), if it can. */
  deadlineAt: string | undefined;
  createdAt: string;
  updatedAt: string;
}>;

/** A protocol message kept for the transaction's timeline (PAN masked). */
export type StoredMessage = Readonly<{
  id: number;
  acsTransID: string | undefined;
  threeDSServerTransID: string | undefined;
  messageType: string;
  direction: 'in' | 'out';
  body: Readonly<Record<string, unknown>>;
  createdAt: string;
}>;

/** A message about to be stored. */
export type NewMessage = Omit<StoredMessage, 'id'>;
