/**
 * What an ARes C or D needs beyond the decision: where and until when the challenge waits,
 * and the ARes elements that start it (acsURL for the browser; for the app channel the
 * signed acsSignedContent with a fresh ephemeral key, whose private half is sealed at rest
 * for the CReq decryption later, and the acsRenderingType of the first screen;
 * acsDecConInd and cardholderInfo for decoupled).
 *
 * The app channel's first screen is chosen by src/protocol/rendering-choice.ts from the AReq's
 * deviceRenderOptions and the cardholder's methods; `fitChallengeToDevice` turns a challenge no
 * screen of the device can show into U with transStatusReason 03 (unsupported device) before
 * anything is set up (docs/flows.md, "The app channel").
 */
import type { Decision } from '../../decision/decide.ts';
import type { TransactionState } from '../../domain/transaction.ts';
import { InternalError } from '../../errors/index.ts';
import type { AReq } from '../../protocol/areq.ts';
import type { AResInput } from '../../protocol/ares.ts';
import { chooseRendering, type RenderingChoice } from '../../protocol/rendering-choice.ts';
import { transStatusReasons } from '../../protocol/trans-status.ts';
import { createAcsEphemeralKeyPair, signAcsContent } from '../../signing/app-channel.ts';
import { encryptAtRest } from '../../signing/at-rest.ts';
import type { FlowDeps } from '../common/deps.ts';

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

/** The name stored with a challenge the app's device cannot show (the decision's check). */
export const deviceCannotRenderCheck = 'device-cannot-render';

/** The first screen of an app challenge decision on the AReq's device. */
function appRendering(
  areq: AReq,
  decision: Extract<Decision, { kind: 'challenge' }>,
): RenderingChoice | undefined {
  if (areq.deviceChannel !== '01') return undefined;
  if (areq.deviceRenderOptions === undefined) {
    // parseAReq requires deviceRenderOptions for deviceChannel 01 (Table A.1).
    throw new InternalError('invariant_broken', 'an app AReq without deviceRenderOptions');
  }
  return chooseRendering({ methods: decision.methods, deviceRenderOptions: areq.deviceRenderOptions });
}

/**
 * The decision as the app's device allows it: a challenge none of the device's screens can
 * show becomes U, transStatusReason 03 (unsupported device); every other decision is unchanged.
 */
export function fitChallengeToDevice(areq: AReq, decision: Decision): Decision {
  if (decision.kind !== 'challenge' || appRendering(areq, decision)?.kind !== 'unsupported-device') {
    return decision;
  }
  return {
    kind: 'result',
    check: deviceCannotRenderCheck,
    transStatus: 'U',
    reason: transStatusReasons.unsupportedDevice,
  };
}

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
  const acsChallengeMandated = decision.mandated ? 'Y' : 'N';

  const rendering = appRendering(areq, decision);
  if (rendering === undefined) {
    return {
      state: 'awaiting-creq',
      deadlineAt,
      acsEphemeralKeySealed: undefined,
      aresFields: {
        acsChallengeMandated,
        authenticationMethod: decision.methods.length > 1 ? 'choice' : decision.method,
        acsURL,
      },
    };
  }
  if (rendering.kind !== 'rendered' || areq.sdkEphemPubKey === undefined) {
    throw new InternalError('invariant_broken', 'an app challenge needs a screen and the SDK ephemeral key');
  }
  const ephemeral = createAcsEphemeralKeyPair();
  const acsSignedContent = await signAcsContent(deps.keys, {
    acsURL,
    acsEphemPubKey: ephemeral.publicJwk,
    sdkEphemPubKey: areq.sdkEphemPubKey,
  });
  return {
    state: 'awaiting-creq',
    deadlineAt,
    acsEphemeralKeySealed: encryptAtRest(deps.keys, JSON.stringify(ephemeral.privateJwk), acsTransID),
    aresFields: {
      acsChallengeMandated,
      // A device that cannot show the choice starts on the first method it can show.
      authenticationMethod: rendering.method,
      acsSignedContent,
      acsRenderingType: rendering.acsRenderingType,
    },
  };
}
