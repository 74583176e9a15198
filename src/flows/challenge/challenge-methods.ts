/**
 * Which ways a cardholder can answer a challenge, and checking each answer:
 * - sms: the current one-time code (keyed hash, expiry, single use);
 * - totp: an authenticator-app code (RFC 6238, one step of past tolerance), its time step
 *   recorded atomically on the card so no code is ever accepted twice;
 * - password: the static password (argon2id);
 * - oob: the cardholder's answer in the (sandbox) bank app;
 * - kba: the security question's ticked options (kba-question.ts), exactly the right set.
 * A method is offered only when the cardholder is enrolled in it (a phone for SMS, a TOTP
 * secret, a password); out-of-band is always available through the bank app, and the security
 * question to every card whose scenario asks it (its question is fixed, kba-question.ts).
 */
import type { Challenge } from '../../domain/challenge.ts';
import { type AuthenticationMethod, challengeMethodsOf } from '../../domain/scenario.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { attemptsRemaining, judgeCode } from '../../otp/challenge-rules.ts';
import { isCodeShaped } from '../../otp/code.ts';
import { verifyTotp } from '../../otp/totp.ts';
import { decryptAtRest } from '../../signing/at-rest.ts';
import { sameText } from '../../signing/constant-time.ts';
import { otpCodeHash } from '../../signing/keyed-hash.ts';
import { verifyPassword } from '../../signing/password-hash.ts';
import { totpSealContext } from '../common/card-credential-seal.ts';
import type { FlowDeps } from '../common/deps.ts';
import { isRightKbaAnswer } from './kba-question.ts';

/** The verdict on what the cardholder sent. */
export type ResponseVerdict = 'accepted' | 'wrong' | 'expired' | 'exhausted' | 'pending' | 'denied';

/** The methods this cardholder can use, in the scenario's order of preference. */
export async function enrolledMethods(
  deps: FlowDeps,
  tx: Transaction,
): Promise<readonly AuthenticationMethod[]> {
  if (tx.scenario === undefined || tx.cardId === undefined) return [];
  const card = await deps.store.getCard(tx.cardId);
  const credentials = await deps.store.getCardCredentials(tx.cardId);
  const enrolled: Readonly<Record<AuthenticationMethod, boolean>> = {
    sms: card?.phone !== undefined,
    totp: credentials?.totpSecretSealed !== undefined,
    password: credentials?.passwordHash !== undefined,
    oob: true,
    kba: true,
  };
  return challengeMethodsOf(tx.scenario).filter((method) => enrolled[method]);
}

/**
 * Judges the cardholder's answer (`response`: the typed code or password, the ticked options
 * comma-separated for kba; unused for oob).
 */
export async function judgeResponse(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  response: string,
): Promise<ResponseVerdict> {
  const policy = deps.config.challenge;
  const now = deps.clock();
  if (attemptsRemaining(challenge, policy) === 0) return 'exhausted';
  switch (challenge.method) {
    case 'sms': {
      const matches =
        isCodeShaped(response) &&
        challenge.codeHash !== undefined &&
        sameText(otpCodeHash(deps.keys, tx.acsTransID, response), challenge.codeHash);
      return judgeCode(challenge, matches, now, policy);
    }
    case 'totp': {
      const credentials =
        tx.cardId === undefined ? undefined : await deps.store.getCardCredentials(tx.cardId);
      if (tx.cardId === undefined || credentials?.totpSecretSealed === undefined) return 'wrong';
      let secret: string;
      try {
        secret = decryptAtRest(deps.keys, credentials.totpSecretSealed, totpSealContext(tx.cardId));
      } catch (error) {
        // A sealed secret that fails authentication was tampered with: it cannot verify anything.
        deps.logger.error('TOTP secret failed integrity check', { cardId: tx.cardId, err: error });
        return 'wrong';
      }
      const verdict = verifyTotp({
        secret,
        code: response,
        nowMs: now.getTime(),
        lastAcceptedStep: credentials.totpLastStep,
      });
      // The step is claimed atomically: of two concurrent posts of one code, one wins.
      return verdict.valid && (await deps.store.acceptTotpStep(tx.cardId, verdict.step))
        ? 'accepted'
        : 'wrong';
    }
    case 'password': {
      const hash =
        tx.cardId === undefined ? undefined : (await deps.store.getCardCredentials(tx.cardId))?.passwordHash;
      return hash !== undefined && (await verifyPassword(hash, response)) ? 'accepted' : 'wrong';
    }
    case 'kba':
      return isRightKbaAnswer(response) ? 'accepted' : 'wrong';
    case 'oob': {
      const approval = await deps.store.getApproval(tx.acsTransID);
      return approval === 'approved' ? 'accepted' : approval === 'denied' ? 'denied' : 'pending';
    }
  }
}
