/**
 * What an ARes C or D needs beyond the decision: where and until when the challenge waits,
 * and the ARes elements that start it (acsURL for the browser; for the app channel the
 * signed acsSignedContent with a fresh ephemeral key, whose private half is sealed at rest
 * for the CReq decryption later; acsDecConInd and cardholderInfo for decoupled).
 */
import type { Decision } from '../../decision/decide.ts';
import type { TransactionState } from '../../domain/transaction.ts';
import type { AReq } from '../../protocol/areq.ts';
import type { AResInput } from '../../protocol/ares.ts';
import { createAcsEphemeralKeyPair, signAcsContent } from '../../signing/app-channel.ts';
import { encryptAtRest } from '../../signing/at-rest.ts';
import type { FlowDeps } from '../shared/deps.ts';

/** The waiting state and ARes elements of a challenge or decoupled authentication. */
export type ChallengeSetup = Readonly<{
  state: TransactionState;
  deadlineAt: string;
  acsEphemeralKeySealed: string | undefined;
  aresFields: Partial<AResInput>;
}>;

/** Decoupled wait when the requestor sent no threeDSRequestorDecMaxTime (minutes). */
const defaultDecoupledMinutes = 10;

/** The path of the acsURL (the browser's first CReq goes here). */
export const challengePath = '/3ds/challenge';

/** Prepares the challenge (C) or decoupled (D) half of an authentication. */
export async function setUpChallenge(
  deps: FlowDeps,
  areq: AReq,
  acsTransID: string,
  decision: Extract<Decision, { kind: 'challenge' | 'decoupled' }>,
  now: Date,
): Promise<ChallengeSetup> {
  if (decision.kind === 'decoupled') {
    const minutes = Number(areq.threeDSRequestorDecMaxTime ?? defaultDecoupledMinutes);
    return {
      state: 'awaiting-decoupled',
      deadlineAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
      acsEphemeralKeySealed: undefined,
      aresFields: {
        acsDecConInd: 'Y',
        cardholderInfo: 'Approve this purchase in your banking app to complete it.',
        authenticationMethod: 'oob',
      },
    };
  }

  const deadlineAt = new Date(now.getTime() + deps.config.challenge.creqTimeoutSeconds * 1000).toISOString();
  const acsURL = `${deps.config.publicUrl}${challengePath}`;
  const common = {
    acsChallengeMandated: decision.mandated ? 'Y' : 'N',
    authenticationMethod: decision.methods.length > 1 ? 'choice' : decision.method,
  } as const;

  if (areq.deviceChannel !== '01') {
    return {
      state: 'awaiting-creq',
      deadlineAt,
      acsEphemeralKeySealed: undefined,
      aresFields: { ...common, acsURL },
    };
  }
  const ephemeral = await createAcsEphemeralKeyPair();
  const acsSignedContent = await signAcsContent(deps.keys, {
    acsTransID,
    acsRefNumber: deps.config.identity.acsReferenceNumber,
    acsURL,
    acsEphemPubKey: ephemeral.publicJwk,
  });
  return {
    state: 'awaiting-creq',
    deadlineAt,
    acsEphemeralKeySealed: encryptAtRest(deps.keys, JSON.stringify(ephemeral.privateJwk), acsTransID),
    aresFields: { ...common, acsSignedContent },
  };
}
