/**
 * checkARes: every way an ARes can be wrong for the AReq it answers, as readable sentences.
 * Written on the test side from the spec tables (see ares-table.ts) and docs/flows.md, without
 * reading the production builder, so the two can catch each other's mistakes.
 */

import { isSupportedVersion, type MessageVersion } from '../../../src/protocol/version.ts';
import {
  challengeViolations,
  decoupledViolations,
  spcViolations,
  statusAllowedViolations,
} from './ares-status-rules.ts';
import { aresTables } from './ares-table.ts';
import { type Channel, tableViolations } from './element-rule.ts';
import { emptyValueViolations, has, isRecord, type JsonObject, show } from './json-values.ts';
import {
  acsRenderingTypeViolations,
  cardholderInfoObjectViolations,
  messageExtensionViolations,
} from './nested-objects.ts';
import { echoed, headerViolations, required } from './presence.ts';
import { authenticationResultViolations, reasonViolations, statusSourceViolations } from './result-rules.ts';
import { transStatusesByVersion } from './status-codes.ts';

/** Every violation of the rules by `ares` as an answer to `areq`; empty when the ARes is correct. */
export function checkARes(areq: unknown, ares: unknown): string[] {
  if (!isRecord(areq)) return ['the AReq is not a JSON object'];
  if (!isRecord(ares)) return ['the ARes is not a JSON object'];
  const version = areq.messageVersion;
  if (!isSupportedVersion(version)) {
    return [`the AReq's messageVersion ${show('messageVersion', version)} is not supported: expect Erro 102`];
  }
  const channel = areq.deviceChannel;
  if (channel !== '01' && channel !== '02' && channel !== '03') {
    return [`the AReq's deviceChannel ${show('deviceChannel', channel)} is not 01, 02 or 03`];
  }
  const violations = [
    ...emptyValueViolations(ares),
    ...tableViolations(ares, aresTables[version], channel, `${version} ARes`),
    ...headerViolations(ares, 'ARes', version, 'AReq'),
    ...idViolations(areq, ares, channel),
    ...referenceViolations(areq, ares),
    ...messageExtensionViolations(ares.messageExtension),
    ...statusSourceViolations(ares),
    ...acsRenderingTypeViolations(ares.acsRenderingType, version),
    ...(version === '2.3.1' ? cardholderInfoObjectViolations(ares.cardholderInfo) : []),
    ...appExtrasViolations(ares, channel, version),
  ];
  return [...violations, ...statusViolations(areq, ares, channel, version)];
}

function statusViolations(
  areq: JsonObject,
  ares: JsonObject,
  channel: Channel,
  version: MessageVersion,
): string[] {
  if (!has(ares, 'transStatus')) return ['transStatus is required'];
  const status = ares.transStatus;
  // A status the version does not define is already reported by the table; judge nothing more on it.
  if (typeof status !== 'string' || !transStatusesByVersion[version].includes(status)) return [];
  const context = { version, category: areq.messageCategory, pan: areq.acctNumber };
  return [
    ...statusAllowedViolations(areq, status, channel),
    ...reasonViolations(ares, status, context),
    ...authenticationResultViolations(ares, status, context),
    ...challengeViolations(ares, status, channel, version),
    ...decoupledViolations(ares, status, version),
    ...(version === '2.3.1' ? spcViolations(ares, status, channel) : []),
  ];
}

// Transaction IDs: the requestor's and the SDK's are echoed, the DS's is echoed when the AReq came
// through a DS and assigned otherwise (docs/flows.md, step 2 of "Authentication"), the ACS's is
// its own.
function idViolations(areq: JsonObject, ares: JsonObject, channel: Channel): string[] {
  const violations = echoed(ares, 'threeDSServerTransID', areq.threeDSServerTransID, 'AReq');
  if (has(areq, 'dsTransID')) violations.push(...echoed(ares, 'dsTransID', areq.dsTransID, 'AReq'));
  else violations.push(...required(ares, 'dsTransID', '(the simulator assigns one when the AReq has none)'));
  if (channel === '01') violations.push(...echoed(ares, 'sdkTransID', areq.sdkTransID, 'AReq'));
  violations.push(...required(ares, 'acsTransID'));
  const acsTransID = ares.acsTransID;
  for (const other of ['threeDSServerTransID', 'dsTransID'] as const) {
    if (typeof acsTransID === 'string' && acsTransID !== '' && acsTransID === ares[other]) {
      violations.push(`acsTransID must be the ACS's own UUID, not a copy of ${other}`);
    }
  }
  return violations;
}

// acsReferenceNumber is required by the table; acsOperatorID is optional there, but this ACS
// always names its operator (brief). dsReferenceNumber is echoed when a DS forwarded the AReq.
function referenceViolations(areq: JsonObject, ares: JsonObject): string[] {
  const violations = [...required(ares, 'acsReferenceNumber'), ...required(ares, 'acsOperatorID')];
  if (has(areq, 'dsReferenceNumber')) {
    violations.push(...echoed(ares, 'dsReferenceNumber', areq.dsReferenceNumber, 'AReq'));
  } else violations.push(...required(ares, 'dsReferenceNumber'));
  return violations;
}

// ares_231.html marks both of these "Required" for APP.
function appExtrasViolations(ares: JsonObject, channel: Channel, version: MessageVersion): string[] {
  if (version !== '2.3.1' || channel !== '01') return [];
  const when = 'in a 2.3.1 APP ARes';
  return [
    ...required(ares, 'threeDSRequestorAppURLInd', when),
    ...required(ares, 'deviceInfoRecognisedVersion', when),
  ];
}
