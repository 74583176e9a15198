/**
 * The console's transaction explorer: search by any of the three transaction IDs, by card
 * (a full PAN typed by the tester is reduced to its masked form at once and goes no further),
 * or by scenario, newest first and paged; and everything kept about one transaction for its
 * timeline: the messages in order (an app CReq or CRes decrypted, the size of its JWE beside it:
 * src/flows/challenge/encrypted-size.ts), the entries of a requestor fault read apart from the
 * messages (src/flows/common/fault-log.ts), the challenge and each RReq delivery attempt.
 */
import type { Challenge } from '../../domain/challenge.ts';
import { maskPan } from '../../domain/pan.ts';
import { isScenario, type Scenario } from '../../domain/scenario.ts';
import type { RReqAttempt } from '../../domain/sms.ts';
import type { StoredMessage, Transaction } from '../../domain/transaction.ts';
import { isJsonObject, isUuid } from '../../protocol/formats.ts';
import { splitEncryptedSize } from '../challenge/encrypted-size.ts';
import type { FlowDeps } from '../common/deps.ts';
import { isFaultEntry } from '../common/fault-log.ts';

/** The search form as typed: free text (an ID or a card), a scenario, and the paging cursor. */
export type TransactionSearchForm = Readonly<{ q: string; scenario: string; before: string }>;

/** A search field's name. */
export type TransactionSearchField = keyof TransactionSearchForm;

/** What the free text was read as. */
export type SearchTerm =
  | Readonly<{ kind: 'none' }>
  | Readonly<{ kind: 'id'; id: string }>
  /** One or more masked PANs: BIN + last 4 without a length matches every length. */
  | Readonly<{ kind: 'card'; maskedPans: readonly string[]; display: string }>;

/** A checked search: the term, scenario and cursor, or a message per field. */
export type TransactionSearch =
  | Readonly<{
      ok: true;
      term: SearchTerm;
      scenario: Scenario | undefined;
      before: string | undefined;
      /** The search text safe to put in a URL or a page (a typed PAN already masked). */
      safeQuery: string;
    }>
  | Readonly<{
      ok: false;
      errors: Readonly<Partial<Record<TransactionSearchField, string>>>;
      safeQuery: string;
    }>;

/** One page of results, and the cursor of the next page when there may be one. */
export type TransactionPage = Readonly<{
  transactions: readonly Transaction[];
  nextBefore: string | undefined;
}>;

/**
 * What a fault's timeline entry says, read field by field from its stored body
 * (src/flows/common/fault-log.ts, FaultNote): '' for a text the body lacks.
 */
export type TimelineFault = Readonly<{
  fault: string;
  description: string;
  action: string;
  applied: boolean;
  trueTransStatus: string | undefined;
}>;

/**
 * An entry of the timeline: a message with its body as exchanged and the size of its JWE when it
 * was encrypted, or (`fault` set) a fault's entry, which is no message exchanged.
 */
export type TimelineEntry = StoredMessage &
  Readonly<{ encryptedBytes: number | undefined; fault: TimelineFault | undefined }>;

/** Everything the console shows about one transaction. */
export type TransactionDetail = Readonly<{
  transaction: Transaction;
  challenge: Challenge | undefined;
  /** The stored messages (PANs masked), oldest first. */
  messages: readonly TimelineEntry[];
  /** RReq delivery attempts, in order. */
  rreqAttempts: readonly RReqAttempt[];
  /** True when the transaction has an RReq a tester may send again. */
  canResendRReq: boolean;
}>;

/** Results per page. */
export const transactionPageSize = 50;

const separators = /[\s-]/g;
const fullPan = /^[0-9]{13,19}$/;
/** A masked PAN as the console shows it (stars, bullets or x for the hidden digits). */
const maskedForm = /^([0-9]{6})[*•xX]{3,9}([0-9]{4})$/;
/** BIN and last 4 without the length: "400000...1000", "400000…1000" or "400000 1000". */
const binAndLastFour = /^([0-9]{6})\s*(?:\.\.\.|…|\s)\s*([0-9]{4})$/;
const isoTime = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,3})?Z$/;

/** Checks the search form; a full PAN in it is masked before anything else sees it. */
export function parseTransactionSearch(form: TransactionSearchForm): TransactionSearch {
  const text = form.q.trim();
  const term = searchTermOf(text);
  const safeQuery = term === undefined ? maskDigitRuns(text) : safeQueryOf(term, text);
  const errors: Partial<Record<TransactionSearchField, string>> = {};
  if (term === undefined) {
    errors.q =
      'Enter an acsTransID, threeDSServerTransID or dsTransID (a UUID), a card number, or a masked card number like 400000******1000.';
  }
  const scenario = form.scenario.trim();
  if (scenario !== '' && !isScenario(scenario)) errors.scenario = 'Choose a scenario from the list.';
  const before = form.before.trim();
  if (before !== '' && !isoTime.test(before))
    errors.before = 'The page cursor is not a valid time: start again.';
  if (term === undefined || Object.keys(errors).length > 0) return { ok: false, errors, safeQuery };
  return {
    ok: true,
    term,
    scenario: isScenario(scenario) ? scenario : undefined,
    before: before === '' ? undefined : before,
    safeQuery,
  };
}

/** One page of transactions matching a checked search, newest first. */
export async function searchTransactions(
  deps: Pick<FlowDeps, 'store'>,
  search: Extract<TransactionSearch, { ok: true }>,
  limit = transactionPageSize,
): Promise<TransactionPage> {
  const base = { scenario: search.scenario, before: search.before, limit };
  const { term } = search;
  const found =
    term.kind === 'card'
      ? mergeNewestFirst(
          await Promise.all(
            term.maskedPans.map((maskedPan) => deps.store.listTransactions({ ...base, maskedPan })),
          ),
          limit,
        )
      : await deps.store.listTransactions({ ...base, id: term.kind === 'id' ? term.id : undefined });
  const last = found.at(-1);
  return { transactions: found, nextBefore: found.length === limit ? last?.createdAt : undefined };
}

/** Everything kept about `acsTransID`, or undefined when there is no such transaction. */
export async function transactionDetail(
  deps: Pick<FlowDeps, 'store'>,
  acsTransID: string,
): Promise<TransactionDetail | undefined> {
  const transaction = isUuid(acsTransID) ? await deps.store.getTransaction(acsTransID) : undefined;
  if (transaction === undefined) return undefined;
  return {
    transaction,
    challenge: await deps.store.getChallenge(acsTransID),
    messages: (await deps.store.listMessages(acsTransID)).map(timelineEntryOf),
    rreqAttempts: await deps.store.listRReqAttempts(acsTransID),
    canResendRReq: rreqResendProblem(transaction) === undefined,
  };
}

/** A stored message with the JWE size of an app CReq or CRes taken out of its body, or a fault's entry read. */
function timelineEntryOf(message: StoredMessage): TimelineEntry {
  if (isFaultEntry(message)) return { ...message, encryptedBytes: undefined, fault: faultOf(message.body) };
  const { body, encryptedBytes } = splitEncryptedSize(message.body);
  return { ...message, body: body as StoredMessage['body'], encryptedBytes, fault: undefined };
}

/** A fault entry's note; a body that is not one (never written so) reads as empty texts. */
function faultOf(body: unknown): TimelineFault {
  const note = isJsonObject(body) ? body : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    fault: text(note.fault),
    description: text(note.description),
    action: text(note.action),
    applied: note.applied !== false,
    trueTransStatus: typeof note.trueTransStatus === 'string' ? note.trueTransStatus : undefined,
  };
}

/**
 * Why `tx` has no RReq to send again, or undefined when it has one: the rule of
 * admin-transactions.ts resendRReq, asked before the console offers (or presses) the button.
 */
export function rreqResendProblem(tx: Transaction): string | undefined {
  // Only a challenge (ARes C) or a decoupled authentication (ARes D) ends with an RReq.
  if (tx.aresStatus !== 'C' && tx.aresStatus !== 'D') return `it was not challenged (ARes ${tx.aresStatus})`;
  if (tx.result === undefined) return 'its challenge has not ended yet';
  return undefined;
}

function searchTermOf(text: string): SearchTerm | undefined {
  if (text === '') return { kind: 'none' };
  if (isTransactionId(text)) return { kind: 'id', id: text };
  const digits = text.replace(separators, '');
  if (fullPan.test(digits)) return cardTerm([maskPan(digits)]);
  const masked = maskedForm.exec(text.replace(/\s/g, ''));
  if (masked !== null) {
    const hidden = text.replace(/\s/g, '').length - 10;
    return cardTerm([`${masked[1]}${'*'.repeat(hidden)}${masked[2]}`]);
  }
  const loose = binAndLastFour.exec(text);
  if (loose !== null) {
    // PANs have 13 to 19 digits: the same BIN and last four, masked, for every length.
    return cardTerm(
      Array.from({ length: 7 }, (_, i) => `${loose[1]}${'*'.repeat(3 + i)}${loose[2]}`),
      `${loose[1]}…${loose[2]}`,
    );
  }
  return undefined;
}

/** isUuid as a plain test (its type guard would narrow a string to never on the false branch). */
function isTransactionId(text: string): boolean {
  return isUuid(text);
}

function cardTerm(maskedPans: readonly string[], display?: string): SearchTerm {
  return { kind: 'card', maskedPans, display: display ?? maskedPans[0] ?? '' };
}

function safeQueryOf(term: SearchTerm, text: string): string {
  switch (term.kind) {
    case 'none':
      return '';
    case 'id':
      return text;
    case 'card':
      return term.display;
  }
}

/** Text with any run of 13 or more digits masked (a PAN inside text that was not understood). */
function maskDigitRuns(text: string): string {
  return text.replace(/[0-9]{13,}/g, (run) => (run.length <= 19 ? maskPan(run) : '*'.repeat(run.length)));
}

/** Merges lists that are each newest first into one, newest first, at most `limit` long. */
function mergeNewestFirst(lists: readonly (readonly Transaction[])[], limit: number): readonly Transaction[] {
  return lists
    .flat()
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, limit);
}
