/**
 * No card number at rest, even where a requestor puts one in a field the ACS must keep exactly
 * as given. notificationURL is used exactly as given (query string included), the
 * threeDSServerURL is where the RReq goes, and purchaseAmount feeds the authenticationValue,
 * so none of them can be masked. When one of them holds something that reads as a card number
 * (13-19 digits passing Luhn), it is stored sealed instead (AES-GCM under the at-rest key, bound
 * to the transaction and the field) and opened again when read back.
 *
 * This wraps the store once, in the composition root, so no flow has to remember it: every
 * transaction written goes through `seal`, every one read through `open`. Values without a card
 * number, which is all of them in normal traffic, are stored as they are.
 */
import { holdsCardNumber } from '../../domain/pan.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { decryptAtRest, encryptAtRest } from '../../signing/at-rest.ts';
import type { AcsKeys } from '../../signing/keys.ts';
import type { AcsStore } from '../../store/port.ts';

/** Marks a stored value as sealed (no URL or amount starts with it). */
const sealedPrefix = 'sealed:';

type Field = 'amount' | 'notificationURL' | 'threeDSServerURL';

function context(acsTransID: string, field: Field): string {
  return `transaction-field/v1/${acsTransID}/${field}`;
}

/** `store` with card numbers in a transaction's URLs and amount sealed at rest. */
export function withSealedCardData(store: AcsStore, keys: AcsKeys): AcsStore {
  const sealValue = (tx: Transaction, field: Field, value: string | undefined) =>
    value === undefined || !holdsCardNumber(value)
      ? value
      : `${sealedPrefix}${encryptAtRest(keys, value, context(tx.acsTransID, field))}`;
  const openValue = (tx: Transaction, field: Field, value: string | undefined) =>
    value?.startsWith(sealedPrefix) === true
      ? decryptAtRest(keys, value.slice(sealedPrefix.length), context(tx.acsTransID, field))
      : value;

  const seal = (tx: Transaction): Transaction => ({
    ...tx,
    purchase: { ...tx.purchase, amount: sealValue(tx, 'amount', tx.purchase.amount) },
    notificationURL: sealValue(tx, 'notificationURL', tx.notificationURL),
    threeDSServerURL: sealValue(tx, 'threeDSServerURL', tx.threeDSServerURL),
  });
  const open = (tx: Transaction): Transaction => ({
    ...tx,
    purchase: { ...tx.purchase, amount: openValue(tx, 'amount', tx.purchase.amount) },
    notificationURL: openValue(tx, 'notificationURL', tx.notificationURL),
    threeDSServerURL: openValue(tx, 'threeDSServerURL', tx.threeDSServerURL),
  });

  return {
    ...store,
    recordAuthentication: (tx, messages) => store.recordAuthentication(seal(tx), messages),
    getTransaction: async (acsTransID) => {
      const tx = await store.getTransaction(acsTransID);
      return tx === undefined ? undefined : open(tx);
    },
    listTransactions: async (filter) => (await store.listTransactions(filter)).map(open),
    listUndeliveredRReqs: async (limit) => (await store.listUndeliveredRReqs(limit)).map(open),
    claimOverdue: async (now, leaseUntil, limit) =>
      (await store.claimOverdue(now, leaseUntil, limit)).map((overdue) => ({
        ...overdue,
        transaction: open(overdue.transaction),
      })),
    listPendingApprovals: async (limit) =>
      (await store.listPendingApprovals(limit)).map((pending) => ({
        ...pending,
        transaction: open(pending.transaction),
      })),
  };
}
