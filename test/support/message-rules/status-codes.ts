/**
 * Code sets that change between versions: transStatus values, transStatusReason codes,
 * challengeCancel codes and Erro errorCodes, each per the clearhaus restatement of the
 * version's tables (ares_*, rreq_*, erro_* for 2.1.0, 2.2.0 and 2.3.1).
 */

import type { MessageVersion } from '../../../src/protocol/version.ts';
import { codes } from './element-rule.ts';

/** Codes 80-99: "Reserved for DS use" in every two-digit enumeration. */
export const dsReservedCodes: readonly string[] = codes(80, 99);

/** ARes transStatus values per version: D and I arrive in 2.2.0, S (SPC) in 2.3.1. */
export const transStatusesByVersion: Readonly<Record<MessageVersion, readonly string[]>> = {
  '2.1.0': ['Y', 'N', 'U', 'A', 'C', 'R'],
  '2.2.0': ['Y', 'N', 'U', 'A', 'C', 'D', 'R', 'I'],
  '2.3.1': ['Y', 'N', 'U', 'A', 'C', 'D', 'R', 'I', 'S'],
};

/** RReq transStatus values (every version): a result after a challenge, never C, D, I or S. */
export const resultStatuses: readonly string[] = ['Y', 'N', 'U', 'A', 'R'];

/** Final CRes transStatus values (cres_*.html, every version): Y or N only. */
export const finalCResStatuses: readonly string[] = ['Y', 'N'];

/** transStatusReason codes defined by EMVCo per version: 01-21, then 01-26, then 01-30. */
export const reasonCodesByVersion: Readonly<Record<MessageVersion, readonly string[]>> = {
  '2.1.0': [...codes(1, 21), ...dsReservedCodes],
  '2.2.0': [...codes(1, 26), ...dsReservedCodes],
  '2.3.1': [...codes(1, 30), ...dsReservedCodes],
};

/** Statuses that explain themselves with a transStatusReason (required for PA). */
export const statusesWithReason: readonly string[] = ['N', 'U', 'R'];

/** RReq challengeCancel codes per version (02 is never defined; 03 arrives in 2.2.0, 09-10 in 2.3.1). */
export const challengeCancelByVersion: Readonly<Record<MessageVersion, readonly string[]>> = {
  '2.1.0': ['01', ...codes(4, 8), ...dsReservedCodes],
  '2.2.0': ['01', ...codes(3, 8), ...dsReservedCodes],
  '2.3.1': ['01', ...codes(3, 10), ...dsReservedCodes],
};

const errorCodes220 = ['101', '102', '103', '201', '202', '203', '204', '301', '302', '303', '304', '305'];
const errorCodesTail = ['306', '307', '402', '403', '404', '405'];

/** Erro errorCode values per version; 2.3.1 adds 205, 206 and 207. */
export const errorCodesByVersion: Readonly<Record<MessageVersion, readonly string[]>> = {
  '2.1.0': [...errorCodes220, ...errorCodesTail],
  '2.2.0': [...errorCodes220, ...errorCodesTail],
  '2.3.1': [...errorCodes220, '205', '206', '207', ...errorCodesTail],
};
