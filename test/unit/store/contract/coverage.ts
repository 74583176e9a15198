/**
 * Contract: the suite itself covers the whole port. Adding a method to AcsStore breaks the type
 * check below until it is listed, and this case fails until some case calls it; an adapter with
 * a method the port lacks fails too.
 */
import { expect, it } from 'vitest';
import type { AcsStore } from '../../../../src/store/port.ts';
import type { ContractContext } from './harness.ts';

/** Every method of the port, listed once (the compiler rejects a missing or unknown name). */
const portMethods = {
  ping: true,
  seed: true,
  findCardByPanHash: true,
  getCard: true,
  listCardRanges: true,
  recordAuthentication: true,
  recordMessages: true,
  getTransaction: true,
  listMessages: true,
  startChallenge: true,
  getChallenge: true,
  saveChallenge: true,
  completeTransaction: true,
  claimOverdue: true,
  recordSms: true,
  hasSms: true,
  updateSmsStatusByProviderId: true,
  updateSmsStatus: true,
  listSms: true,
  recordRReqAttempt: true,
  listRReqAttempts: true,
  scheduleRReqRetry: true,
  claimRReqRetries: true,
  cancelRReqRetry: true,
  listCards: true,
  listCredentialStates: true,
  getCardCredentials: true,
  setTotpSecret: true,
  setPasswordHash: true,
  acceptTotpStep: true,
  recordApproval: true,
  getApproval: true,
  listPendingApprovals: true,
  countRateEvent: true,
  createApiKey: true,
  useApiKey: true,
  countApiKeys: true,
  createCard: true,
  updateCard: true,
  deleteCard: true,
  listTransactions: true,
  outcomeCounts: true,
  listUndeliveredRReqs: true,
  listApiKeys: true,
  deleteApiKey: true,
  createOperator: true,
  findOperatorByUsername: true,
  getOperator: true,
  countOperators: true,
  createSession: true,
  findSession: true,
  deleteSession: true,
  withStartupLock: true,
  close: true,
} as const satisfies Record<keyof AcsStore, true>;

/** The last case of the suite: run after all the others (vitest runs a file's cases in order). */
export function coverageContract({ exercised, openUnrecorded }: ContractContext): void {
  it('exercises every method of the port, and the adapter has no others', async () => {
    const store = await openUnrecorded();
    try {
      const methods = Object.keys(store).sort();
      expect(methods).toEqual(Object.keys(portMethods).sort());
      expect([...exercised].sort()).toEqual(methods);
    } finally {
      await store.close();
    }
  });
}
