/**
 * The Preparation Response (PRes): the card ranges this ACS serves, in the shape of the PReq's
 * messageVersion. Two shapes exist:
 *
 * - 2.1.0 and 2.2.0 (Table A.1 and Table A.6 "Card Range Data" of those versions): top-level
 *   dsStartProtocolVersion / dsEndProtocolVersion (R), and one cardRangeData object per range with
 *   startRange, endRange, actionInd, acsStartProtocolVersion, acsEndProtocolVersion and the optional
 *   threeDSMethodURL. 2.2.0 adds to each range acsInfoInd and the optional DS version overrides
 *   dsStartProtocolVersion / dsEndProtocolVersion (2.1.0 defines neither, so they are left out).
 * - 2.3.1 (Table A.1 and Table A.6 of 2.3.1): top-level dsProtocolVersions (R, list) and readOrder
 *   (R); each cardRangeData object holds ranges [{start, end}], actionInd, an optional
 *   dsProtocolVersions override and acsProtocolVersions [{version, acsInfoInd, threeDSMethodURL}].
 *
 * serialNum: this DS has no change history, so the serial number is a digest of the ranges it
 * serves. When the PReq carries the current serial, nothing has changed and cardRangeData is
 * omitted (Table A.1: "required if the Serial Number has changed ... or is absent in the PReq");
 * otherwise every range is sent with actionInd "A". A 3DS Server holding an older serial therefore
 * receives the full list again rather than a delta.
 *
 * acsInfoInd values are filtered to those the version defines (2.2.0: 01-04 and 80-99; 2.3.1:
 * 01-11 and 80-99); a 2.1.0 entry carries none. The `scheme` of a range is ours, not the spec's,
 * and is never sent.
 */

import { createHash } from 'node:crypto';
import { InternalError } from '../errors/index.ts';
import { isDigits, isHttpUrl } from './formats.ts';
import type { PReq } from './preq.ts';
import { type MessageVersion, supportedVersions } from './version.ts';

/** A card range this ACS serves, as configured (plain data, not yet in any version's shape). */
export type CardRange = {
  startRange: string;
  endRange: string;
  scheme: string;
  acsVersions: readonly MessageVersion[];
  dsVersions: readonly MessageVersion[];
  threeDSMethodURL?: string;
  acsInfoInd?: readonly string[];
};

/** One cardRangeData entry of a 2.1.0 or 2.2.0 PRes. */
export type CardRangeDataLegacy = {
  startRange: string;
  endRange: string;
  actionInd: 'A';
  acsStartProtocolVersion: MessageVersion;
  acsEndProtocolVersion: MessageVersion;
  dsStartProtocolVersion?: MessageVersion;
  dsEndProtocolVersion?: MessageVersion;
  acsInfoInd?: readonly string[];
  threeDSMethodURL?: string;
};

/** One acsProtocolVersions entry of a 2.3.1 card range. */
export type AcsProtocolVersion = {
  version: MessageVersion;
  acsInfoInd?: readonly string[];
  threeDSMethodURL?: string;
};

/** One cardRangeData entry of a 2.3.1 PRes. */
export type CardRangeData231 = {
  ranges: readonly { start: string; end: string }[];
  actionInd: 'A';
  dsProtocolVersions?: readonly MessageVersion[];
  acsProtocolVersions: readonly AcsProtocolVersion[];
};

/** A PRes answering a 2.1.0 or 2.2.0 PReq. */
export type PResLegacy = {
  messageType: 'PRes';
  messageVersion: '2.1.0' | '2.2.0';
  threeDSServerTransID: string;
  dsTransID: string;
  serialNum: string;
  dsStartProtocolVersion: MessageVersion;
  dsEndProtocolVersion: MessageVersion;
  cardRangeData?: readonly CardRangeDataLegacy[];
};

/** A PRes answering a 2.3.1 PReq. */
export type PRes231 = {
  messageType: 'PRes';
  messageVersion: '2.3.1';
  threeDSServerTransID: string;
  dsTransID: string;
  serialNum: string;
  dsProtocolVersions: readonly MessageVersion[];
  /** 01 = process the card ranges in the order given. */
  readOrder: '01';
  cardRangeData?: readonly CardRangeData231[];
};

/** Either PRes shape. */
export type PRes = PResLegacy | PRes231;

/** Which acsInfoInd codes each version defines (80-99 are DS-specific and always allowed). */
const acsInfoIndCodes: Readonly<Record<MessageVersion, readonly string[]>> = {
  '2.1.0': [],
  '2.2.0': ['01', '02', '03', '04'],
  '2.3.1': ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'],
};

function acsInfoIndFor(version: MessageVersion, codes: readonly string[] | undefined): string[] {
  if (version === '2.1.0' || codes === undefined) return [];
  return codes.filter((code) => acsInfoIndCodes[version].includes(code) || /^(8|9)[0-9]$/.test(code));
}

/** Versions in protocol order, without duplicates. */
function ordered(versions: readonly MessageVersion[]): MessageVersion[] {
  return supportedVersions.filter((version) => versions.includes(version));
}

/** The serial number of a set of ranges: a stable digest, 20 hex characters (Table A.1: at most 20). */
export function cardRangeSerial(ranges: readonly CardRange[]): string {
  const canonical = ranges.map((range) => [
    range.startRange,
    range.endRange,
    ordered(range.acsVersions),
    ordered(range.dsVersions),
    range.threeDSMethodURL ?? null,
    [...(range.acsInfoInd ?? [])].sort(),
  ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 20);
}

function assertRange(range: CardRange, index: number, methodUrlMax: number): void {
  const problem =
    !isDigits(range.startRange, 13, 19) || !isDigits(range.endRange, 13, 19)
      ? 'startRange/endRange must be 13-19 digits'
      : BigInt(range.startRange) > BigInt(range.endRange)
        ? 'startRange is after endRange'
        : ordered(range.acsVersions).length === 0
          ? 'acsVersions is empty'
          : range.threeDSMethodURL !== undefined && !isHttpUrl(range.threeDSMethodURL, methodUrlMax)
            ? 'threeDSMethodURL is not a URL within the version limit'
            : undefined;
  // The index, not the range itself: a range bound looks like a card number.
  if (problem) throw new InternalError('invariant_broken', `buildPRes: card range #${index}: ${problem}`);
}

function legacyRange(version: '2.1.0' | '2.2.0', range: CardRange): CardRangeDataLegacy {
  const acs = ordered(range.acsVersions);
  const ds = ordered(range.dsVersions);
  const infoInd = acsInfoIndFor(version, range.acsInfoInd);
  return {
    startRange: range.startRange,
    endRange: range.endRange,
    actionInd: 'A',
    acsStartProtocolVersion: acs[0] as MessageVersion,
    acsEndProtocolVersion: acs[acs.length - 1] as MessageVersion,
    ...(version === '2.2.0' && ds.length > 0
      ? {
          dsStartProtocolVersion: ds[0] as MessageVersion,
          dsEndProtocolVersion: ds[ds.length - 1] as MessageVersion,
        }
      : {}),
    ...(infoInd.length > 0 ? { acsInfoInd: infoInd } : {}),
    ...(range.threeDSMethodURL !== undefined ? { threeDSMethodURL: range.threeDSMethodURL } : {}),
  };
}

function range231(range: CardRange): CardRangeData231 {
  const ds = ordered(range.dsVersions);
  return {
    ranges: [{ start: range.startRange, end: range.endRange }],
    actionInd: 'A',
    ...(ds.length > 0 ? { dsProtocolVersions: ds } : {}),
    acsProtocolVersions: ordered(range.acsVersions).map((version) => {
      const infoInd = acsInfoIndFor(version, range.acsInfoInd);
      return {
        version,
        ...(infoInd.length > 0 ? { acsInfoInd: infoInd } : {}),
        ...(range.threeDSMethodURL !== undefined ? { threeDSMethodURL: range.threeDSMethodURL } : {}),
      };
    }),
  };
}

/**
 * Builds the PRes for a validated PReq: the PReq's version decides the shape; dsTransID is the one
 * this DS assigned. The DS versions at the top are those of all ranges together (all supported
 * versions when there is no range). Throws an InternalError for a misconfigured range.
 */
export function buildPRes(input: { preq: PReq; dsTransID: string; ranges: readonly CardRange[] }): PRes {
  const { preq, dsTransID, ranges } = input;
  const version = preq.messageVersion;
  for (const [index, range] of ranges.entries()) assertRange(range, index, version === '2.3.1' ? 2048 : 256);

  const allDs = ordered(ranges.flatMap((range) => range.dsVersions));
  const dsVersions = allDs.length > 0 ? allDs : [...supportedVersions];
  const serialNum = cardRangeSerial(ranges);
  const sendRanges = ranges.length > 0 && preq.serialNum !== serialNum;
  const common = {
    messageType: 'PRes',
    threeDSServerTransID: preq.threeDSServerTransID,
    dsTransID,
    serialNum,
  } as const;

  if (version === '2.3.1') {
    return {
      ...common,
      messageVersion: version,
      dsProtocolVersions: dsVersions,
      readOrder: '01',
      ...(sendRanges ? { cardRangeData: ranges.map(range231) } : {}),
    };
  }
  return {
    ...common,
    messageVersion: version,
    dsStartProtocolVersion: dsVersions[0] as MessageVersion,
    dsEndProtocolVersion: dsVersions[dsVersions.length - 1] as MessageVersion,
    ...(sendRanges ? { cardRangeData: ranges.map((range) => legacyRange(version, range)) } : {}),
  };
}
