/**
 * checkFinalCRes: every way the final CRes (the one that ends the challenge, posted to the
 * notificationURL in a browser or returned to the SDK) can be wrong. Tables: cres_{210,220,231}.html
 * list exactly the elements of a final CRes; transStatus there is Y or N only. The brief adds:
 * challengeCompletionInd is Y in every final CRes of 2.1.0 and 2.2.0 (BRW included) and in a
 * 2.3.1 APP CRes; cres_231.html defines it for APP only, so a 2.3.1 browser CRes must not carry
 * it. The result agrees with the RReq when one is given (Y stays Y, anything else is N).
 */

import { isSupportedVersion, type MessageVersion } from '../../../src/protocol/version.ts';
import { app, type Channel, type ElementTable, tableViolations } from './element-rule.ts';
import { emptyValueViolations, has, isRecord, type JsonObject, show } from './json-values.ts';
import { messageExtensionViolations } from './nested-objects.ts';
import { echoed, headerViolations, required } from './presence.ts';
import { finalCResStatuses } from './status-codes.ts';

const uuid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function finalCResTable(version: MessageVersion): ElementTable {
  return {
    acsCounterAtoS: { kind: 'string', channels: app, pattern: /^[0-9]{3}$/ },
    acsTransID: { kind: 'string', pattern: uuid },
    challengeCompletionInd: {
      kind: 'string',
      values: ['Y', 'N'],
      ...(version === '2.3.1' ? { channels: app } : {}),
    },
    messageExtension: { kind: 'array', maxLength: version === '2.3.1' ? 15 : 10 },
    messageType: { kind: 'string' },
    messageVersion: { kind: 'string' },
    sdkTransID: { kind: 'string', channels: app, pattern: uuid },
    threeDSServerTransID: { kind: 'string', pattern: uuid },
    transStatus: { kind: 'string', values: finalCResStatuses },
  };
}

/** What a final CRes answers: the CReq it responds to, or the AReq and ARes of the transaction. */
export type FinalCResContext =
  | { readonly creq: unknown; readonly rreq?: unknown }
  | { readonly areq: unknown; readonly ares: unknown; readonly rreq?: unknown };

interface Origin {
  readonly ids: JsonObject;
  readonly source: string;
  readonly version: unknown;
  readonly channel: unknown;
}

// A CReq carries the version and the IDs; only an APP CReq carries sdkTransID.
function originOf(context: FinalCResContext): Origin | string {
  if ('creq' in context) {
    const creq = context.creq;
    if (!isRecord(creq)) return 'the CReq is not a JSON object';
    const channel = has(creq, 'sdkTransID') ? '01' : '02';
    return { ids: creq, source: 'CReq', version: creq.messageVersion, channel };
  }
  const { areq, ares } = context;
  if (!isRecord(areq)) return 'the AReq is not a JSON object';
  if (!isRecord(ares)) return 'the ARes is not a JSON object';
  if (ares.transStatus !== 'C') {
    return `a CRes follows only an ARes with transStatus C, not ${show('transStatus', ares.transStatus)}`;
  }
  return { ids: ares, source: 'ARes', version: areq.messageVersion, channel: areq.deviceChannel };
}

/** Every violation of the rules by `cres` as the final CRes of its challenge; empty when correct. */
export function checkFinalCRes(cres: unknown, context: FinalCResContext): string[] {
  const origin = originOf(context);
  if (typeof origin === 'string') return [origin];
  if (!isRecord(cres)) return ['the CRes is not a JSON object'];
  const { version, channel, ids, source } = origin;
  if (!isSupportedVersion(version))
    return [`the ${source}'s messageVersion ${show('messageVersion', version)} is not supported`];
  if (channel !== '01' && channel !== '02') {
    return [`a CRes exists only for APP or BRW, not deviceChannel ${show('deviceChannel', channel)}`];
  }
  return [
    ...emptyValueViolations(cres),
    ...tableViolations(cres, finalCResTable(version), channel, `${version} final CRes`),
    ...headerViolations(cres, 'CRes', version, source),
    ...idViolations(cres, ids, source, channel),
    ...messageExtensionViolations(cres.messageExtension),
    ...completionViolations(cres, context.rreq, version === '2.3.1' && channel === '02'),
  ];
}

function idViolations(cres: JsonObject, ids: JsonObject, source: string, channel: Channel): string[] {
  const violations = [
    ...echoed(cres, 'threeDSServerTransID', ids.threeDSServerTransID, source),
    ...echoed(cres, 'acsTransID', ids.acsTransID, source),
  ];
  if (channel === '01') {
    violations.push(
      ...echoed(cres, 'sdkTransID', ids.sdkTransID, source),
      ...required(cres, 'acsCounterAtoS'),
    );
  }
  return violations;
}

function completionViolations(cres: JsonObject, rreq: unknown, browser231: boolean): string[] {
  const violations: string[] = [];
  if (browser231) {
    // Not defined for BRW in 2.3.1: tableViolations reports it if present.
  } else if (!has(cres, 'challengeCompletionInd'))
    violations.push('challengeCompletionInd is required (Y in a final CRes)');
  else if (cres.challengeCompletionInd !== 'Y') {
    violations.push(
      `challengeCompletionInd must be Y in a final CRes, got ${show('challengeCompletionInd', cres.challengeCompletionInd)}`,
    );
  }
  if (!has(cres, 'transStatus')) return [...violations, 'transStatus is required in a final CRes'];
  const status = cres.transStatus;
  if (isRecord(rreq) && typeof rreq.transStatus === 'string' && finalCResStatuses.includes(String(status))) {
    const expected = rreq.transStatus === 'Y' ? 'Y' : 'N';
    if (status !== expected) {
      violations.push(
        `transStatus must be ${expected} to agree with the RReq's ${show('transStatus', rreq.transStatus)}, got ${show('transStatus', status)}`,
      );
    }
  }
  return violations;
}
