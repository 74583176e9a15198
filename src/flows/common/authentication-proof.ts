/**
 * The proof that goes with a successful outcome: the scheme's ECI and the authenticationValue
 * (docs/flows.md, step 4 of "Authentication", and "authenticationValue"). Shared by frictionless
 * answers and finished challenges so both sign exactly the same fields.
 */
import { eciFor } from '../../domain/scheme.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { createAuthenticationValue } from '../../signing/authentication-value.ts';
import type { FlowDeps } from './deps.ts';

/** ECI and authenticationValue, present only for outcomes that carry them. */
export type AuthenticationProof = Readonly<{
  eci: string | undefined;
  authenticationValue: string | undefined;
}>;

/**
 * The proof for `status`: Y and A carry one; every other status carries none (I, the
 * requestor's exemption acknowledged, authenticates nothing).
 */
export function authenticationProof(
  deps: Pick<FlowDeps, 'keys'>,
  tx: Pick<Transaction, 'acsTransID' | 'threeDSServerTransID' | 'dsTransID' | 'scheme' | 'purchase'>,
  status: string,
): AuthenticationProof {
  const outcome = status === 'A' ? 'A' : status === 'Y' ? 'Y' : undefined;
  if (outcome === undefined || tx.scheme === undefined)
    return { eci: undefined, authenticationValue: undefined };
  const eci = eciFor(tx.scheme, outcome);
  const authenticationValue = createAuthenticationValue(deps.keys, {
    acsTransID: tx.acsTransID,
    threeDSServerTransID: tx.threeDSServerTransID,
    dsTransID: tx.dsTransID,
    transStatus: outcome,
    eci,
    purchaseAmount: tx.purchase.amount,
    purchaseCurrency: tx.purchase.currency,
    purchaseExponent: tx.purchase.exponent,
  });
  return { eci, authenticationValue };
}
