/**
 * The AReq of the demo merchant's app checkout: a complete app-channel (01-APP) payment (01-PA)
 * AReq, as a 3DS Server sends it for a shopping app whose 3DS SDK is the tester's browser. The
 * purchase and requestor elements are the browser checkout's (areq.ts); the SDK's elements
 * (Table A.1, deviceChannel 01) come from the page: sdkAppID, sdkTransID, sdkReferenceNumber,
 * sdkMaxTimeout, sdkEphemPubKey, sdkEncData, deviceRenderOptions; 2.3.1 adds sdkType 01 (a
 * default SDK) with defaultSdkType, which that type requires. There is no notificationURL: on
 * the app channel the SDK receives the final CRes itself. The RReq still comes to the demo's
 * threeDSServerURL.
 */

import type { DemoAppCheckout } from './app-checkout-form.ts';
import type { DemoAReqIds } from './areq.ts';
import {
  challengeIndicator,
  demoBasePath,
  demoRequestor,
  demoThreeDSServerURL,
  futureExpiry,
  utcTimestamp,
} from './areq.ts';

/** Builds the app AReq body for the checkout. */
export function buildDemoAppAReq(
  checkout: DemoAppCheckout,
  ids: DemoAReqIds,
  publicUrl: string,
  now: Date,
): Record<string, unknown> {
  const { order, sdk } = checkout;
  const version = order.messageVersion;
  return {
    messageType: 'AReq',
    messageVersion: version,
    threeDSServerTransID: ids.threeDSServerTransID,
    deviceChannel: '01',
    messageCategory: '01',
    acctNumber: order.pan,
    cardExpiryDate: futureExpiry(now),
    ...demoRequestor,
    merchantName: order.merchantName,
    threeDSRequestorURL: `${publicUrl}${demoBasePath}`,
    threeDSServerURL: demoThreeDSServerURL(publicUrl),
    threeDSRequestorAuthenticationInd: '01',
    threeDSRequestorChallengeInd: challengeIndicator(version, order.challengeInd),
    purchaseAmount: order.purchaseAmount,
    purchaseCurrency: order.currency.numeric,
    purchaseExponent: String(order.currency.exponent),
    purchaseDate: utcTimestamp(now),
    transType: '01',
    sdkAppID: sdk.sdkAppID,
    sdkTransID: sdk.sdkTransID,
    sdkReferenceNumber: sdk.sdkReferenceNumber,
    sdkMaxTimeout: sdk.sdkMaxTimeout,
    sdkEphemPubKey: { ...sdk.sdkEphemPubKey },
    sdkEncData: sdk.sdkEncData,
    deviceRenderOptions: {
      sdkInterface: sdk.deviceRenderOptions.sdkInterface,
      sdkUiType: [...sdk.deviceRenderOptions.sdkUiType],
    },
    ...(version === '2.3.1' ? { sdkType: '01', defaultSdkType: { sdkVariant: '01' } } : {}),
  };
}
