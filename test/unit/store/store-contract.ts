/**
 * The contract every AcsStore adapter must keep (src/store/port.ts is its text). An adapter's
 * test file calls `storeContract(name, create, createPeer)`; the cases live in ./contract/, one
 * file per aggregate, plus the races and a last case checking that every port method was called.
 */
import { describe } from 'vitest';
import type { AcsStore } from '../../../src/store/port.ts';
import { cardContract } from './contract/cards.ts';
import { challengeContract } from './contract/challenges.ts';
import { concurrencyContract } from './contract/concurrency.ts';
import { consoleContract } from './contract/console.ts';
import { coverageContract } from './contract/coverage.ts';
import { contractContext } from './contract/harness.ts';
import { overdueContract } from './contract/overdue.ts';
import { rreqContract } from './contract/rreq.ts';
import { smsContract } from './contract/sms.ts';
import { transactionContract } from './contract/transactions.ts';

/** A complete transaction with every optional field filled (other tests build on it). */
export { sampleTransaction } from './contract/fixtures.ts';

/**
 * Runs the store contract against fresh stores made by `create`. With `createPeer` (another
 * connection or pool on the database of the store it is given) the races also run across two
 * stores, as two ACS instances would.
 */
export function storeContract(
  name: string,
  create: () => Promise<AcsStore>,
  createPeer?: (store: AcsStore) => Promise<AcsStore>,
): void {
  describe(`${name} store contract`, () => {
    const context = contractContext(create, createPeer);
    cardContract(context);
    transactionContract(context);
    challengeContract(context);
    overdueContract(context);
    smsContract(context);
    rreqContract(context);
    consoleContract(context);
    concurrencyContract(context);
    coverageContract(context);
  });
}
