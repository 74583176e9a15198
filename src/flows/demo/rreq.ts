/**
 * The demo merchant's 3DS Server endpoint (its threeDSServerURL): the ACS posts the RReq here
 * and expects an RRes. It checks the RReq as a careful 3DS Server would (envelope, required
 * elements and formats per Table A.1, then that it names a demo transaction with the same
 * identifiers, sdkTransID too for the app checkout's 01-APP ones, and version) and answers RRes
 * resultsStatus 01 (echoing sdkTransID on the app channel), or an Erro from component S (3DS
 * Server) naming what was wrong. The ACS stores the RReq and the answer in the timeline
 * itself, so nothing is stored here.
 */
import { ProtocolError, type ProtocolErrorCode } from '../../errors/index.ts';
import { type Erro, erroForFailure } from '../../protocol/erro.ts';
import { isDigits, isJsonObject, isOneOf, isUuid } from '../../protocol/formats.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import type { RRes } from '../../protocol/rres.ts';
import { isSupportedVersion, type MessageVersion } from '../../protocol/version.ts';
import type { FlowDeps } from '../common/deps.ts';
import { demoTransaction } from './merchant.ts';

/** An Erro the demo 3DS Server answers with (errorComponent S: 3DS Server). */
export type DemoServerErro = Omit<Erro, 'errorComponent'> & Readonly<{ errorComponent: 'S' }>;

const idNames = ['threeDSServerTransID', 'acsTransID', 'dsTransID'] as const;

type Rule = Readonly<{ name: string; required: boolean; valid: (value: unknown) => boolean }>;

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Table A.1 RReq rules for the payments the demo starts (browser and app). */
function rulesFor(message: Readonly<Record<string, unknown>>): readonly Rule[] {
  const payment = message.messageCategory === '01';
  const status = message.transStatus;
  return [
    ...idNames.map((name) => ({ name, required: true, valid: isUuid })),
    { name: 'messageCategory', required: true, valid: (v) => isOneOf(v, ['01', '02']) },
    { name: 'transStatus', required: payment, valid: (v) => isOneOf(v, ['Y', 'N', 'U', 'A', 'R']) },
    {
      name: 'transStatusReason',
      required: payment && isOneOf(status, ['N', 'U', 'R']),
      valid: (v) => isDigits(v, 2),
    },
    {
      name: 'authenticationValue',
      required: payment && isOneOf(status, ['Y', 'A']),
      valid: (v) => typeof v === 'string' && /^[A-Za-z0-9+/]{27}=$/.test(v),
    },
    { name: 'eci', required: false, valid: (v) => isDigits(v, 2) },
    { name: 'interactionCounter', required: false, valid: (v) => isDigits(v, 2) },
    { name: 'challengeCancel', required: false, valid: (v) => isDigits(v, 2) },
  ];
}

/** Reads and checks an RReq, throwing the ProtocolError an Erro reports. */
async function checkRReq(
  deps: FlowDeps,
  body: string,
): Promise<{ message: Record<string, unknown>; version: MessageVersion }> {
  const value = parseJsonStrict(body);
  if (!isJsonObject(value)) throw new ProtocolError('101', 'message', { messageType: 'RReq' });
  const ids: Record<string, string> = {};
  for (const name of idNames) {
    const id = value[name];
    if (isUuid(id)) ids[name] = id;
  }
  const fail = (code: ProtocolErrorCode, detail: string, messageVersion?: MessageVersion) =>
    new ProtocolError(code, detail, {
      messageType: 'RReq',
      ids,
      ...(messageVersion ? { messageVersion } : {}),
    });
  if (isAbsent(value.messageType)) throw fail('201', 'messageType');
  if (value.messageType !== 'RReq') throw fail('101', 'messageType');
  if (isAbsent(value.messageVersion)) throw fail('201', 'messageVersion');
  if (!isSupportedVersion(value.messageVersion)) throw fail('102', 'messageVersion');
  const version = value.messageVersion;

  const rules = rulesFor(value);
  const missing = rules.filter((r) => r.required && isAbsent(value[r.name])).map((r) => r.name);
  if (missing.length > 0) throw fail('201', missing.join(','), version);
  const invalid = rules.filter((r) => !isAbsent(value[r.name]) && !r.valid(value[r.name])).map((r) => r.name);
  if (invalid.length > 0) throw fail('203', invalid.join(','), version);

  // The browser checkout's transactions (02) and the app checkout's (01).
  const tx = await demoTransaction(deps, value.acsTransID, ['01', '02']);
  if (tx === undefined) throw fail('301', 'acsTransID', version);
  const mismatched = idNames.filter((name) => String(value[name]).toLowerCase() !== tx[name].toLowerCase());
  if (mismatched.length > 0) throw fail('301', mismatched.join(','), version);
  // An app transaction's RReq names its SDK transaction too (Table A.1: sdkTransID, 01-APP).
  if (tx.deviceChannel === '01' && value.sdkTransID !== tx.sdkTransID) {
    throw fail('301', 'sdkTransID', version);
  }
  // Table A.4, 203: the messageVersion must be the one the AReq used.
  if (version !== tx.messageVersion) throw fail('203', 'messageVersion', tx.messageVersion);
  return { message: value, version };
}

/** Answers one RReq (raw JSON text) with an RRes, or with an Erro naming what was wrong. */
export async function answerDemoRReq(deps: FlowDeps, body: string): Promise<RRes | DemoServerErro> {
  let checked: { message: Record<string, unknown>; version: MessageVersion };
  try {
    checked = await checkRReq(deps, body);
  } catch (error) {
    const erro = erroForFailure(error, {
      fallbackVersion: '2.2.0',
      context: { messageType: 'RReq' },
      log: deps.logger,
      logFields: { during: 'demo RReq' },
      unexpectedDetail: 'the 3DS Server could not process the RReq',
    });
    return { ...erro, errorComponent: 'S' };
  }
  const { message, version } = checked;
  return {
    messageType: 'RRes',
    messageVersion: version,
    threeDSServerTransID: String(message.threeDSServerTransID),
    acsTransID: String(message.acsTransID),
    dsTransID: String(message.dsTransID),
    // The RRes of an app transaction echoes sdkTransID (Table A.1, 01-APP; checked above).
    ...(typeof message.sdkTransID === 'string' ? { sdkTransID: message.sdkTransID } : {}),
    // 01: RReq received for further processing.
    resultsStatus: '01',
  };
}
