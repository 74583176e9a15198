/**
 * What a seeded transaction looks like: the rows recordAuthentication writes for a handful
 * of real frictionless AReqs (the transaction row and its AReq and ARes timeline messages),
 * captured by running the real authenticate flow over the seeded store with
 * recordAuthentication intercepted. The seeders then copy these rows a million times with new
 * IDs and times, in a realistic mix of outcomes (weights below), so the rows are what the ACS
 * itself would have stored: same columns, same masked bodies, same sizes.
 */

import type { NewMessage } from '../src/domain/transaction.ts';
import type { FlowDeps } from '../src/flows/common/deps.ts';
import { authenticate } from '../src/flows/threeds/authenticate.ts';
import { type TransactionRow, transactionToRow } from '../src/store/rows/transactions.ts';
import { areqBody } from './areq-body.ts';

/** One captured transaction, with the IDs to replace in its message bodies. */
export type SeedTemplate = Readonly<{
  /** Out of 100: how many of every hundred seeded transactions copy this one. */
  weight: number;
  row: TransactionRow;
  /** The messages' JSON text, as the store writes it, with their type and direction. */
  messages: readonly Readonly<{ messageType: string; direction: string; body: string }>[];
}>;

/** The cards seeded transactions are for, and how often (out of 100). The weights add up to 100. */
const mix: readonly Readonly<{ pan: string; weight: number }>[] = [
  { pan: '4000000000000101', weight: 50 }, // frictionless-y, Visa
  { pan: '5200000000000106', weight: 20 }, // frictionless-y, Mastercard
  { pan: '4000000000000200', weight: 8 }, // frictionless-n
  { pan: '4000000000000309', weight: 7 }, // frictionless-a
  { pan: '4000000000000408', weight: 3 }, // frictionless-u
  { pan: '5200000000000502', weight: 4 }, // frictionless-r
  { pan: '4000000000009003', weight: 3 }, // not-enrolled
  { pan: '4111111111111111', weight: 5 }, // no card of ours: N, reason 08
];

/** Runs one real AReq per card of the mix and returns what recordAuthentication was asked to write. */
export async function captureSeedTemplates(deps: FlowDeps): Promise<readonly SeedTemplate[]> {
  type Captured = Readonly<{ row: TransactionRow; messages: readonly NewMessage[] }>;
  const box: { captured?: Captured } = {};
  const capturing: FlowDeps = {
    ...deps,
    store: {
      ...deps.store,
      recordAuthentication: async (transaction, messages) => {
        box.captured = { row: transactionToRow(transaction), messages };
      },
    },
  };
  const templates: SeedTemplate[] = [];
  for (const { pan, weight } of mix) {
    box.captured = undefined;
    const answer = await authenticate(
      capturing,
      areqBody({
        pan,
        threeDSServerURL: 'https://3ds-server.example/3ds/rreq',
        notificationURL: 'https://shop.example/3ds/notification?order=1234',
      }),
    );
    // Set inside the store call, out of TypeScript's sight: read it back as what it may be.
    const captured = box.captured as Captured | undefined;
    if (answer.messageType !== 'ARes' || captured === undefined)
      throw new Error(`seeding: the AReq for the mix's card ${pan.slice(-4)} got no stored ARes`);
    const { row, messages } = captured;
    templates.push({
      weight,
      row,
      messages: messages.map((m) => ({
        messageType: m.messageType,
        direction: m.direction,
        body: JSON.stringify(m.body),
      })),
    });
  }
  return templates;
}

/** For each of the 100 buckets (row number mod 100), the template it copies. */
export function templateOfBucket(templates: readonly SeedTemplate[]): readonly SeedTemplate[] {
  const buckets = templates.flatMap((template) => Array.from({ length: template.weight }, () => template));
  if (buckets.length !== 100) throw new Error('seeding: the template weights must add up to 100');
  // Spread each template over the hundred, so neighbouring rows differ as real traffic does.
  return Array.from({ length: 100 }, (_, i) => buckets[(i * 37) % 100] as SeedTemplate);
}

/** The body with the template's IDs replaced by a new transaction's. */
export function withIds(
  body: string,
  template: TransactionRow,
  ids: Readonly<{ acsTransID: string; threeDSServerTransID: string; dsTransID: string }>,
): string {
  return body
    .replaceAll(template.acs_trans_id, ids.acsTransID)
    .replaceAll(template.three_ds_server_trans_id, ids.threeDSServerTransID)
    .replaceAll(template.ds_trans_id, ids.dsTransID);
}
