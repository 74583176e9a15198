/**
 * Signed results: the transaction's final outcome as a compact JWS a 3DS Server or tester can
 * verify against /.well-known/jwks.json, and the issuer-host check of an
 * authenticationValue that needs no database.
 */
import { AcsError } from '../../errors/index.ts';
import { isUuid } from '../../protocol/formats.ts';
import { type AvFields, verifyAuthenticationValue } from '../../signing/authentication-value.ts';
import { signResult } from '../../signing/result-jws.ts';
import type { FlowDeps } from '../common/deps.ts';

/** The final result of `acsTransID` as a compact JWS. */
export async function signedResult(deps: FlowDeps, acsTransID: string): Promise<string> {
  const tx = isUuid(acsTransID) ? await deps.store.getTransaction(acsTransID) : undefined;
  if (tx === undefined) throw new AcsError('not_found', 'no transaction with that acsTransID');
  if (tx.result === undefined) throw new AcsError('conflict', 'the transaction has no final result yet');
  const payload: Record<string, unknown> = {
    iss: deps.config.publicUrl,
    sub: tx.acsTransID,
    acsTransID: tx.acsTransID,
    threeDSServerTransID: tx.threeDSServerTransID,
    dsTransID: tx.dsTransID,
    messageVersion: tx.messageVersion,
    deviceChannel: tx.deviceChannel,
    messageCategory: tx.messageCategory,
    maskedPan: tx.maskedPan,
    aresTransStatus: tx.aresStatus,
    transStatus: tx.result.transStatus,
    transStatusReason: tx.result.transStatusReason,
    eci: tx.result.eci,
    authenticationValue: tx.result.authenticationValue,
    // The method the cardholder finally used (they may have switched), else the one offered.
    authenticationMethod: (await deps.store.getChallenge(tx.acsTransID))?.method ?? tx.authenticationMethod,
    decisionCheck: tx.decisionCheck,
    purchaseAmount: tx.purchase.amount,
    purchaseCurrency: tx.purchase.currency,
    purchaseExponent: tx.purchase.exponent,
    completedAt: tx.result.completedAt,
  };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return signResult(deps.keys, payload);
}

/** What an issuer host knows at authorisation time, to check an authenticationValue. */
export type AvCheck = Readonly<{
  authenticationValue: string;
  acsTransID: string;
  threeDSServerTransID: string;
  dsTransID: string;
  eci: string;
  purchaseAmount?: string | undefined;
  purchaseCurrency?: string | undefined;
  purchaseExponent?: string | undefined;
}>;

/** ECI values that mean a full authentication (Y) or an attempt (A), across schemes. */
const outcomeByEci: Readonly<Record<string, 'Y' | 'A'>> = { '05': 'Y', '02': 'Y', '06': 'A', '01': 'A' };

/** True when the authenticationValue is genuine for exactly these transaction details. */
export function checkAuthenticationValue(deps: FlowDeps, check: AvCheck): boolean {
  const transStatus = outcomeByEci[check.eci];
  if (transStatus === undefined) return false;
  const fields: AvFields = {
    acsTransID: check.acsTransID,
    threeDSServerTransID: check.threeDSServerTransID,
    dsTransID: check.dsTransID,
    transStatus,
    eci: check.eci,
    purchaseAmount: check.purchaseAmount,
    purchaseCurrency: check.purchaseCurrency,
    purchaseExponent: check.purchaseExponent,
  };
  return verifyAuthenticationValue(deps.keys, check.authenticationValue, fields);
}
