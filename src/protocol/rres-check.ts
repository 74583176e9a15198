/**
 * The element-by-element checks behind `checkReply` (rres.ts): what a strict ACS finds wrong in
 * a 3DS Server's RRes or Erro. Each check notes one short sentence per deviation and goes on, so
 * every fault of a reply is reported at once. Values are quoted only where they help (IDs, codes,
 * versions), cut to 64 characters; the reply can carry no PAN.
 *
 * RRes (Table A.1): messageType, messageVersion (the RReq's), threeDSServerTransID, acsTransID,
 * dsTransID (R, the RReq's), sdkTransID (R for 01-APP, the RReq's), resultsStatus (R, the
 * version's values), messageExtension (O: 1-10 items, 15 in 2.3.1, Table A.7; a critical one is
 * a deviation, as the ACS recognises none). Erro (Table A.1, codes in Table A.4): messageType,
 * messageVersion (the RReq's), errorCode (3 digits, the expected one), errorComponent "S" (the 3DS
 * Server answers an RReq), errorDescription and errorDetail (R, at most 2048 characters),
 * errorMessageType "RReq", and the transaction IDs it echoes: acsTransID, dsTransID and
 * sdkTransID must be the RReq's; threeDSServerTransID only a UUID, since an RReq faulty on purpose
 * may carry a wrong one that the Erro rightly echoes. For both, an element Table A.1 does not
 * define is a deviation, and a required element that is absent, null or empty is missing.
 */

import { messageExtension } from './areq-objects.ts';
import { criticalExtensionPaths, type Findings, own, text } from './element-checks.ts';
import { isUuid } from './formats.ts';
import type { ReplyExpectation, ResultsStatus } from './rres.ts';
import { isSupportedVersion, supportedVersions, versionAtLeast } from './version.ts';

/** Records one deviation, a short sentence. */
export type Note = (deviation: string) => void;

type Message = Readonly<Record<string, unknown>>;

/** resultsStatus values each version defines (Table A.1, resultsStatus). */
export const resultsStatusByVersion = {
  '2.1.0': ['01', '02'],
  '2.2.0': ['01', '02', '03'],
  '2.3.1': ['01', '02', '03', '04'],
} as const satisfies Readonly<Record<string, readonly ResultsStatus[]>>;

/** The elements Table A.1 defines for the RRes. */
const rresElements: ReadonlySet<string> = new Set([
  'messageType',
  'messageVersion',
  'threeDSServerTransID',
  'acsTransID',
  'dsTransID',
  'sdkTransID',
  'resultsStatus',
  'messageExtension',
]);

/** The elements Table A.1 defines for the Erro. */
const erroElements: ReadonlySet<string> = new Set([
  'messageType',
  'messageVersion',
  'threeDSServerTransID',
  'acsTransID',
  'dsTransID',
  'sdkTransID',
  'errorCode',
  'errorComponent',
  'errorDescription',
  'errorDetail',
  'errorMessageType',
]);

/** Table A.1: errorDescription and errorDetail are at most 2048 characters. */
const maxErroText = 2048;

/** Checks an RRes (messageType already read) against the RReq it answers. */
export function checkRResElements(message: Message, expectation: ReplyExpectation, note: Note): void {
  const version = expectation.messageVersion;
  checkVersion(message, expectation, note);
  for (const name of ['threeDSServerTransID', 'acsTransID', 'dsTransID'] as const) {
    checkEchoedId(message, name, expectation[name], note, 'required');
  }
  checkSdkTransID(message, expectation.sdkTransID, note, 'required');

  const allowed: readonly string[] = resultsStatusByVersion[version];
  const resultsStatus = elementValue(message, 'resultsStatus', note, 'required');
  if (resultsStatus !== undefined && !(typeof resultsStatus === 'string' && allowed.includes(resultsStatus)))
    note(`resultsStatus ${shown(resultsStatus)} is not one that ${version} defines (${allowed.join(', ')})`);

  checkExtensions(message, versionAtLeast(version, '2.3.1') ? 15 : 10, note);
  checkUnexpected(message, rresElements, note);
}

/** Checks an Erro (messageType already read) answering an RReq that was faulty on purpose. */
export function checkErroElements(message: Message, expectation: ReplyExpectation, note: Note): void {
  checkVersion(message, expectation, note);

  const errorCode = elementValue(message, 'errorCode', note, 'required');
  const codes = expectation.erroCodes;
  if (errorCode !== undefined) {
    if (!(typeof errorCode === 'string' && /^[0-9]{3}$/.test(errorCode)))
      note(`errorCode ${shown(errorCode)} is not three digits`);
    else if (codes !== undefined && !codes.includes(errorCode))
      note(`errorCode ${shown(errorCode)} is not the one this RReq calls for (${codes.join(' or ')})`);
  }

  const errorComponent = elementValue(message, 'errorComponent', note, 'required');
  if (errorComponent !== undefined && errorComponent !== 'S')
    note(`errorComponent ${shown(errorComponent)} is not "S" (the 3DS Server answers the RReq)`);

  const withinLength = text(1, maxErroText);
  for (const name of ['errorDescription', 'errorDetail'] as const) {
    const value = elementValue(message, name, note, 'required');
    const findings: Findings = { missing: [], invalid: [] };
    if (value !== undefined) withinLength(value, name, findings);
    if (findings.invalid.length > 0) note(`${name} is not text of at most ${maxErroText} characters`);
  }

  const errorMessageType = elementValue(message, 'errorMessageType', note, 'required');
  if (errorMessageType !== undefined && errorMessageType !== 'RReq')
    note(`errorMessageType ${shown(errorMessageType)} is not "RReq"`);

  // An RReq faulty on purpose may carry a wrong threeDSServerTransID, which the Erro may echo.
  checkEchoedId(message, 'threeDSServerTransID', undefined, note, 'optional');
  for (const name of ['acsTransID', 'dsTransID'] as const) {
    checkEchoedId(message, name, expectation[name], note, 'optional');
  }
  checkSdkTransID(message, expectation.sdkTransID, note, 'optional');
  checkUnexpected(message, erroElements, note);
}

/** A value for a deviation: a string quoted and cut to 64 characters, other JSON named by kind. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return '(an array)';
  if (typeof value === 'object') return '(an object)';
  return String(value).slice(0, 64);
}

/**
 * The value of `name` when it has one. Otherwise notes a missing required element (Table A.1:
 * absent, null or empty counts as missing), or an optional one sent without a value, and
 * returns undefined.
 */
function elementValue(
  message: Message,
  name: string,
  note: Note,
  inclusion: 'required' | 'optional',
  why = '',
): unknown {
  const value = own(message, name);
  if (value !== undefined && value !== null && value !== '') return value;
  const sent = value === null ? 'is null' : 'is an empty string';
  if (inclusion === 'required')
    note(value === undefined ? `${name} is missing${why}` : `${name} ${sent}, which counts as missing${why}`);
  else if (value !== undefined)
    note(`${name} ${sent}: an element without a value is left out, not sent empty`);
  return undefined;
}

/** messageVersion: present, supported, and the RReq's (Table A.4, 203: not the version set). */
function checkVersion(message: Message, expectation: ReplyExpectation, note: Note): void {
  const version = elementValue(message, 'messageVersion', note, 'required');
  if (version === undefined) return;
  if (!isSupportedVersion(version))
    note(`messageVersion ${shown(version)} is not a supported version (${supportedVersions.join(', ')})`);
  else if (version !== expectation.messageVersion)
    note(`messageVersion ${shown(version)} is not the RReq's (${shown(expectation.messageVersion)})`);
}

/** A transaction ID: a UUID and, when `sent` is known, the RReq's (letter case aside). */
function checkEchoedId(
  message: Message,
  name: string,
  sent: string | undefined,
  note: Note,
  inclusion: 'required' | 'optional',
  why = '',
): void {
  const id = elementValue(message, name, note, inclusion, why);
  if (id === undefined) return;
  if (!isUuid(id)) note(`${name} ${shown(id)} is not a UUID`);
  else if (sent !== undefined && id.toLowerCase() !== sent.toLowerCase())
    note(`${name} ${shown(id)} is not the RReq's (${shown(sent)})`);
}

/** sdkTransID: the RReq's for an app transaction (01-APP), and absent for any other. */
function checkSdkTransID(
  message: Message,
  sent: string | undefined,
  note: Note,
  inclusion: 'required' | 'optional',
): void {
  if (sent !== undefined) {
    checkEchoedId(message, 'sdkTransID', sent, note, inclusion, ' (required for an app transaction, 01-APP)');
  } else if (own(message, 'sdkTransID') !== undefined) {
    note(
      `sdkTransID ${shown(message.sdkTransID)} is present, but the RReq carried none (not an app transaction)`,
    );
  }
}

/** messageExtension (Table A.7): well-formed items, within the version's count, none critical. */
function checkExtensions(message: Message, maxItems: number, note: Note): void {
  const extensions = elementValue(message, 'messageExtension', note, 'optional');
  if (extensions === undefined) return;
  const findings: Findings = { missing: [], invalid: [] };
  messageExtension(maxItems)(extensions, 'messageExtension', findings);
  for (const path of findings.missing) note(`${path} is missing`);
  for (const path of findings.invalid) {
    note(
      path === 'messageExtension'
        ? `messageExtension is not a list of 1 to ${maxItems} extensions of at most 81920 characters in all`
        : `${path} is not in the required format`,
    );
  }
  for (const path of criticalExtensionPaths(extensions)) {
    note(`${path} is critical (criticalityIndicator true), and the ACS recognises no message extension`);
  }
}

/** Every element `defined` does not list, in the order the reply sent them. */
function checkUnexpected(message: Message, defined: ReadonlySet<string>, note: Note): void {
  for (const name of Object.keys(message)) {
    if (!defined.has(name)) note(`unexpected element ${shown(name)}`);
  }
}
