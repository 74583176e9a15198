/**
 * The 3DS Server's reply to an RReq, as the ACS sees it: normally a Results Response (RRes), an
 * Erro when the RReq was faulty on purpose (src/domain/fault.ts). `checkReply` judges the reply
 * strictly against what was expected and returns a verdict that lists every deviation instead of
 * stopping at the first one, so a tester sees all that a 3DS Server got wrong in one attempt;
 * the element-by-element checks are in rres-check.ts.
 *
 * RRes elements (Table A.1, RRes inclusion): messageType "RRes", messageVersion,
 * threeDSServerTransID, acsTransID, dsTransID (R, UUIDs), sdkTransID (R for 01-APP),
 * resultsStatus (R), messageExtension (C). resultsStatus values per version: 01 RReq received for
 * further processing, 02 CReq not sent to the ACS by the 3DS Requestor (2.1.0 on); 03 ARes not
 * delivered to the 3DS Requestor due to a technical error (2.2.0 on); 04 3DS Server will process
 * decoupled authentication in a subsequent authentication (2.3.1). DS-reserved values (80-99) are
 * not recognised by this DS and are deviations.
 *
 * `isErro` recognises an Erro and `readErro` extracts what the delivery log keeps of one.
 */

import { isJsonObject } from './formats.ts';
import { checkErroElements, checkRResElements, shown } from './rres-check.ts';
import type { MessageVersion } from './version.ts';

/** resultsStatus values any supported version defines. */
export type ResultsStatus = '01' | '02' | '03' | '04';

/** A conforming RRes. */
export type RRes = {
  messageType: 'RRes';
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  dsTransID: string;
  sdkTransID?: string;
  resultsStatus: ResultsStatus;
  messageExtension?: readonly Record<string, unknown>[];
};

/** What the ACS expects in reply to an RReq it sent: an RRes (a normal RReq) or an Erro (an RReq faulty on purpose, see src/domain/fault.ts). */
export type ExpectedReply = 'RRes' | 'Erro';

/** What the reply to one RReq is judged against. */
export type ReplyExpectation = Readonly<{
  expected: ExpectedReply;
  /**
   * For expected 'Erro': the errorCodes a well-behaved 3DS Server would answer (Table A.4), e.g.
   * ['301'] (Transaction ID not recognised) for an RReq whose threeDSServerTransID is not the
   * transaction's, ['201'] (required element missing) for an RReq without transStatus. Absent:
   * any three-digit code will do. Ignored for 'RRes'.
   */
  erroCodes?: readonly string[];
  /** The RReq that was sent: its identifiers and version (the RRes must echo them). */
  threeDSServerTransID: string;
  acsTransID: string;
  dsTransID: string;
  messageVersion: MessageVersion;
  /** Set for 01-APP transactions: the RRes must then carry the same sdkTransID. */
  sdkTransID?: string;
}>;

/** The ACS's judgement of one reply to an RReq. */
export type ReplyVerdict = Readonly<{
  expected: ExpectedReply;
  /** What arrived: an RRes, an Erro, or something else (not a JSON object, another messageType). */
  received: 'RRes' | 'Erro' | 'other';
  /** Every deviation from the expectation, one short sentence each, at most 20; empty when the reply conforms. */
  deviations: readonly string[];
}>;

/** The most deviations a verdict lists; the last line then says how many more there were. */
export const maxDeviations = 20;

/** The longest a deviation sentence gets (longer ones are cut, ending with "…"). */
export const maxDeviationLength = 200;

/** What is worth keeping from an Erro received in reply (each value cut to 2048 characters). */
export type ErroReport = {
  errorCode?: string;
  errorComponent?: string;
  errorDescription?: string;
  errorDetail?: string;
  errorMessageType?: string;
};

/** True when the reply is an Erro message rather than an RRes. */
export function isErro(value: unknown): boolean {
  return isJsonObject(value) && value.messageType === 'Erro';
}

/** The error fields of a received Erro, as strings of at most 2048 characters (Table A.1 maxima). */
export function readErro(value: unknown): ErroReport {
  if (!isJsonObject(value)) return {};
  const report: ErroReport = {};
  for (const name of [
    'errorCode',
    'errorComponent',
    'errorDescription',
    'errorDetail',
    'errorMessageType',
  ] as const) {
    const field = value[name];
    if (typeof field === 'string' && field.length > 0) report[name] = field.slice(0, 2048);
  }
  return report;
}

/**
 * Judges `body` (the reply, already JSON-parsed) against `expectation`. Never throws. Deviations
 * come in a stable order: first a reply of the wrong kind, then the elements in Table A.1 order,
 * then the elements Table A.1 does not define, in the order they were sent. An RRes is checked
 * even when an Erro was expected; an Erro that arrives instead of an RRes is only summarised.
 */
export function checkReply(body: unknown, expectation: ReplyExpectation): ReplyVerdict {
  const { expected } = expectation;
  const deviations = deviationList();
  if (!isJsonObject(body)) {
    deviations.note(`an ${expected} was expected; the reply is not a JSON object (it is ${kindOf(body)})`);
    return { expected, received: 'other', deviations: deviations.lines() };
  }
  const messageType = body.messageType;
  if (messageType === 'RRes') {
    if (expected === 'Erro')
      deviations.note('an Erro was expected (the RReq was faulty on purpose), an RRes arrived');
    checkRResElements(body, expectation, deviations.note);
    return { expected, received: 'RRes', deviations: deviations.lines() };
  }
  if (messageType === 'Erro') {
    if (expected === 'Erro') checkErroElements(body, expectation, deviations.note);
    else deviations.note(`an RRes was expected, an Erro arrived (${erroSummary(body)})`);
    return { expected, received: 'Erro', deviations: deviations.lines() };
  }
  deviations.note(
    messageType === undefined
      ? `an ${expected} was expected; the reply has no messageType`
      : `an ${expected} was expected; the reply's messageType is ${shown(messageType)}`,
  );
  return { expected, received: 'other', deviations: deviations.lines() };
}

/** Collects deviation sentences, keeping at most `maxDeviations` and counting the rest. */
function deviationList(): { note: (line: string) => void; lines: () => readonly string[] } {
  const kept: string[] = [];
  let total = 0;
  return {
    note: (line) => {
      total += 1;
      if (kept.length < maxDeviations)
        kept.push(line.length <= maxDeviationLength ? line : `${line.slice(0, maxDeviationLength - 1)}…`);
    },
    lines: () =>
      total <= maxDeviations
        ? kept
        : [...kept.slice(0, maxDeviations - 1), `…and ${total - maxDeviations + 1} more deviations`],
  };
}

/** The errorCode and errorDetail of an Erro that was not expected, for its one deviation. */
function erroSummary(erro: Readonly<Record<string, unknown>>): string {
  const part = (name: string) => (Object.hasOwn(erro, name) ? `${name} ${shown(erro[name])}` : `no ${name}`);
  return `${part('errorCode')}, ${part('errorDetail')}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}
