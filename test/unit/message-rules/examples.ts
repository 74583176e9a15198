/**
 * Hand-written messages for the checker's own tests: AReqs as a 3DS Server sends them and the
 * correct ARes, RReq, CRes and Erro an ACS answers with, per version and channel.
 */

import type { JsonObject } from '../../support/message-rules/json-values.ts';

/** Fixed transaction IDs so a test can name what must be echoed. */
export const ids = {
  threeDSServerTransID: '8a93926c-6df5-49c8-942e-c479453b33b0',
  dsTransID: 'ee276299-4b47-4a6a-8c66-616a04b0fc1f',
  acsTransID: 'f8df5dae-1ca7-4621-aa28-c287ad339f9c',
  sdkTransID: 'bada8b56-2bcd-41d0-89f3-ea891140d5b0',
  otherUuid: '85df26c5-1bad-45d1-bbcb-4cb20f77672b',
} as const;

/** A 20-byte authentication value in base64 (28 characters). */
export const authenticationValue = 'p5i/1ipKxwgdWXP+YPOySKjnHZo=';

/** A browser AReq for a Visa frictionless-y card, as a 3DS Server sends it (no dsTransID). */
export function browserAReq(version: string, changes: JsonObject = {}): JsonObject {
  return {
    messageType: 'AReq',
    messageVersion: version,
    deviceChannel: '02',
    messageCategory: '01',
    threeDSServerTransID: ids.threeDSServerTransID,
    threeDSRequestorChallengeInd: '01',
    acctNumber: '4000000000000101',
    purchaseAmount: '1999',
    purchaseCurrency: '978',
    purchaseExponent: '2',
    notificationURL: 'https://merchant.example/3ds/notify',
    ...changes,
  };
}

/** An app AReq (deviceChannel 01) carrying the SDK's transaction ID. */
export function appAReq(version: string, changes: JsonObject = {}): JsonObject {
  return browserAReq(version, { deviceChannel: '01', sdkTransID: ids.sdkTransID, ...changes });
}

/** A 3RI AReq (deviceChannel 03). */
export function threeRiAReq(version: string, changes: JsonObject = {}): JsonObject {
  return browserAReq(version, { deviceChannel: '03', threeRIInd: '01', ...changes });
}

/** The elements every ARes of this simulator carries, for the given version. */
export function aresBase(version: string): JsonObject {
  return {
    messageType: 'ARes',
    messageVersion: version,
    threeDSServerTransID: ids.threeDSServerTransID,
    dsTransID: ids.dsTransID,
    acsTransID: ids.acsTransID,
    acsReferenceNumber: 'ACS-SIMULATOR-REF',
    acsOperatorID: 'ACS-SIMULATOR-OP',
    dsReferenceNumber: 'DS-SIMULATOR-REF',
  };
}

/** A frictionless Y for a Visa card. */
export function visaYAres(version: string): JsonObject {
  return { ...aresBase(version), transStatus: 'Y', eci: '05', authenticationValue };
}

/** A BRW challenge ARes (2.1.0 / 2.2.0 name the method with authenticationType, 2.3.1 with authenticationMethod). */
export function browserChallengeAres(version: string): JsonObject {
  const method = version === '2.3.1' ? { authenticationMethod: ['02'] } : { authenticationType: '02' };
  return {
    ...aresBase(version),
    transStatus: 'C',
    acsChallengeMandated: 'N',
    acsURL: 'http://localhost:8080/3ds/challenge',
    ...method,
  };
}

/** An APP challenge ARes with signed content and the native UI it will show. */
export function appChallengeAres(version: string): JsonObject {
  const method = version === '2.3.1' ? { authenticationMethod: ['02'] } : { authenticationType: '02' };
  const extras =
    version === '2.3.1' ? { threeDSRequestorAppURLInd: 'N', deviceInfoRecognisedVersion: '1.4' } : {};
  return {
    ...aresBase(version),
    sdkTransID: ids.sdkTransID,
    transStatus: 'C',
    acsChallengeMandated: 'N',
    acsSignedContent: 'eyJhbGciOiJFUzI1NiJ9.eyJhY3NVUkwiOiJodHRwOi8vbG9jYWxob3N0In0.c2lnbmF0dXJl',
    acsRenderingType: { acsInterface: '01', acsUiTemplate: '01' },
    ...method,
    ...extras,
  };
}

/** A decoupled (D) ARes of 2.2.0. */
export function decoupledAres220(): JsonObject {
  return {
    ...aresBase('2.2.0'),
    transStatus: 'D',
    acsChallengeMandated: 'N',
    acsDecConInd: 'Y',
    authenticationType: '04',
    cardholderInfo: 'Approve this payment in your banking app.',
  };
}

/** A final browser CReq as the 3DS Server posts it through the challenge window. */
export function browserCReq(version: string): JsonObject {
  return {
    messageType: 'CReq',
    messageVersion: version,
    threeDSServerTransID: ids.threeDSServerTransID,
    acsTransID: ids.acsTransID,
    challengeWindowSize: '05',
  };
}
