/**
 * checkRReq: every way the RReq the ACS sends after a challenge can be wrong, given the AReq
 * and the ARes of the same transaction. Tables: rreq_{210,220,231}.html (see rreq-table.ts);
 * interactionCounter and acsRenderingType "Required if acsDecConInd is not Y" (always in
 * 2.1.0); authenticationType / authenticationMethod "Required if transStatus is one of [Y, N]";
 * 2.3.1 challengeErrorReporting (an Error object, erro_231.html) "Required if challengeCancel is
 * one of [09, 10]".
 */

import { isSupportedVersion, type MessageVersion } from '../../../src/protocol/version.ts';
import { checkErro } from './check-erro.ts';
import { type Channel, tableViolations } from './element-rule.ts';
import { emptyValueViolations, has, isRecord, type JsonObject, show } from './json-values.ts';
import {
  acsRenderingTypeViolations,
  cardholderInfoObjectViolations,
  messageExtensionViolations,
} from './nested-objects.ts';
import { echoed, headerViolations, required } from './presence.ts';
import {
  authenticationResultViolations,
  methodElementOf,
  reasonViolations,
  statusSourceViolations,
} from './result-rules.ts';
import { rreqTables } from './rreq-table.ts';
import { resultStatuses } from './status-codes.ts';

/** The transaction an RReq reports on: the AReq and the ARes that asked for the challenge. */
export interface RReqContext {
  readonly areq: unknown;
  readonly ares: unknown;
}

/** Every violation of the rules by `rreq`; empty when it is a correct result for that transaction. */
export function checkRReq(rreq: unknown, context: RReqContext): string[] {
  const { areq, ares } = context;
  if (!isRecord(areq)) return ['the AReq is not a JSON object'];
  if (!isRecord(ares)) return ['the ARes is not a JSON object'];
  if (!isRecord(rreq)) return ['the RReq is not a JSON object'];
  const version = areq.messageVersion;
  const channel = areq.deviceChannel;
  if (!isSupportedVersion(version))
    return [`the AReq's messageVersion ${show('messageVersion', version)} is not supported`];
  if (channel !== '01' && channel !== '02' && channel !== '03') {
    return [`the AReq's deviceChannel ${show('deviceChannel', channel)} is not 01, 02 or 03`];
  }
  if (ares.transStatus !== 'C' && ares.transStatus !== 'D') {
    return [
      `an RReq follows only an ARes with transStatus C or D, not ${show('transStatus', ares.transStatus)}`,
    ];
  }
  return [
    ...emptyValueViolations(rreq),
    ...tableViolations(rreq, rreqTables[version], channel, `${version} RReq`),
    ...headerViolations(rreq, 'RReq', version, 'ARes'),
    ...idViolations(areq, ares, rreq, channel, version),
    ...challengeCycleViolations(ares, rreq, channel, version),
    ...messageExtensionViolations(rreq.messageExtension),
    ...statusSourceViolations(rreq),
    ...acsRenderingTypeViolations(rreq.acsRenderingType, version),
    ...(version === '2.3.1' ? cardholderInfoObjectViolations(rreq.cardholderInfo) : []),
    ...(version === '2.3.1' ? errorReportingViolations(rreq, version) : []),
    ...resultViolations(areq, ares, rreq, version),
  ];
}

function idViolations(
  areq: JsonObject,
  ares: JsonObject,
  rreq: JsonObject,
  channel: Channel,
  version: MessageVersion,
): string[] {
  const violations = [
    ...echoed(rreq, 'threeDSServerTransID', ares.threeDSServerTransID, 'ARes'),
    ...echoed(rreq, 'acsTransID', ares.acsTransID, 'ARes'),
    ...echoed(rreq, 'dsTransID', ares.dsTransID, 'ARes'),
    ...echoed(rreq, 'messageCategory', areq.messageCategory, 'AReq'),
  ];
  // rreq_210.html has no sdkTransID; from 2.2.0 it is required for APP.
  if (channel === '01' && version !== '2.1.0')
    violations.push(...echoed(rreq, 'sdkTransID', ares.sdkTransID, 'ARes'));
  return violations;
}

// A challenge in the cardholder's window (not decoupled) reports its interaction count, and on APP
// the UI it rendered. A timeout before the first CReq (challengeCancel 05) had no interaction.
function challengeCycleViolations(
  ares: JsonObject,
  rreq: JsonObject,
  channel: Channel,
  version: MessageVersion,
): string[] {
  const decoupled = version !== '2.1.0' && ares.acsDecConInd === 'Y';
  const violations: string[] = [];
  if (!decoupled && channel !== '03') {
    const when = version === '2.1.0' ? '' : 'unless the challenge was decoupled (acsDecConInd Y)';
    violations.push(...required(rreq, 'interactionCounter', when));
    if (channel === '01') violations.push(...required(rreq, 'acsRenderingType', when));
  }
  const cancel = rreq.challengeCancel;
  if (cancel === '05' && has(rreq, 'interactionCounter') && rreq.interactionCounter !== '00') {
    violations.push('interactionCounter must be 00 with challengeCancel 05 (the first CReq never arrived)');
  }
  if (cancel === '03' && ares.transStatus !== 'D') {
    violations.push('challengeCancel 03 (decoupled timeout) needs an ARes with transStatus D');
  }
  return violations;
}

// rreq_231.html: challengeErrorReporting is conditional on challengeCancel 09 or 10 (an Erro in
// reply to the CRes or the CReq), so it goes with them and only with them. With 10 the ACS itself
// answered the CReq, so the report is an Erro of this ACS about a CReq (erro_231.html).
function errorReportingViolations(rreq: JsonObject, version: MessageVersion): string[] {
  const cancel = rreq.challengeCancel;
  const erroCancel = cancel === '09' || cancel === '10';
  if (!erroCancel) {
    return has(rreq, 'challengeErrorReporting')
      ? ['challengeErrorReporting must be absent unless challengeCancel is 09 or 10']
      : [];
  }
  const violations = required(rreq, 'challengeErrorReporting', `when challengeCancel is ${cancel}`);
  if (cancel === '10' && has(rreq, 'challengeErrorReporting')) {
    const erro = checkErro(rreq.challengeErrorReporting, {
      messageVersion: version,
      errorMessageType: 'CReq',
    });
    violations.push(...erro.map((problem) => `challengeErrorReporting: ${problem}`));
  }
  return violations;
}

function resultViolations(
  areq: JsonObject,
  ares: JsonObject,
  rreq: JsonObject,
  version: MessageVersion,
): string[] {
  if (!has(rreq, 'transStatus')) return ['transStatus is required'];
  const status = rreq.transStatus;
  if (typeof status !== 'string' || !resultStatuses.includes(status)) return []; // reported by the table
  const context = { version, category: areq.messageCategory, pan: areq.acctNumber };
  const violations = [
    ...reasonViolations(rreq, status, context),
    ...authenticationResultViolations(rreq, status, context),
  ];
  if (status === 'Y' || status === 'N') {
    violations.push(...required(rreq, methodElementOf(version), `when transStatus is ${status}`));
  }
  if (has(rreq, 'challengeCancel') && (status === 'Y' || status === 'A')) {
    violations.push(
      `challengeCancel must be absent when transStatus is ${status}: a cancelled challenge authenticates nobody`,
    );
  }
  if (ares.transStatus === 'D' && version === '2.2.0' && has(rreq, 'authenticationType')) {
    // Decoupled authentication reports the Decoupled type (04) it used.
    if (rreq.authenticationType !== '04')
      violations.push('authenticationType must be 04 after a decoupled (D) challenge');
  }
  return violations;
}
