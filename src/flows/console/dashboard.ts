/**
 * What the console's dashboard shows at a glance: the latest transactions, how transactions
 * ended per scenario over the last day, and the RReqs the 3DS Server never acknowledged (each
 * with its latest delivery attempt), all read from the store in one place.
 */
import type { RReqAttempt } from '../../domain/sms.ts';
import type { Transaction } from '../../domain/transaction.ts';
import type { OutcomeCount } from '../../store/port.ts';
import type { FlowDeps } from '../common/deps.ts';

/** How many recent transactions the dashboard lists. */
export const recentTransactionCount = 20;

/** How far back the outcome table looks. */
export const outcomeWindowMs = 24 * 60 * 60_000;

/** How many undelivered RReqs the dashboard lists. */
export const undeliveredRReqCount = 20;

/** A transaction whose RReq was not delivered, with the attempt that failed last. */
export type UndeliveredRReq = Readonly<{
  transaction: Transaction;
  lastAttempt: RReqAttempt | undefined;
  attempts: number;
}>;

/** Everything on the dashboard. */
export type Dashboard = Readonly<{
  recent: readonly Transaction[];
  outcomes: readonly OutcomeCount[];
  /** Start of the outcome window (ISO). */
  outcomesSince: string;
  undelivered: readonly UndeliveredRReq[];
}>;

/** Reads the dashboard's data. */
export async function readDashboard(deps: Pick<FlowDeps, 'store' | 'clock'>): Promise<Dashboard> {
  const outcomesSince = new Date(deps.clock().getTime() - outcomeWindowMs).toISOString();
  const undelivered = await Promise.all(
    (await deps.store.listUndeliveredRReqs(undeliveredRReqCount)).map(async (transaction) => {
      const attempts = await deps.store.listRReqAttempts(transaction.acsTransID);
      return { transaction, lastAttempt: attempts.at(-1), attempts: attempts.length };
    }),
  );
  return {
    recent: await deps.store.listTransactions({ limit: recentTransactionCount }),
    outcomes: await deps.store.outcomeCounts(outcomesSince),
    outcomesSince,
    undelivered,
  };
}
