/**
 * The rules of a code challenge (docs/flows.md, "Browser challenge", step 3), as pure state
 * transitions: issuing a code (first send or resend, which replaces the old one), checking a
 * submitted code against expiry and the attempt budget, and how many attempts and resends
 * remain. Attempts are
 * counted across resends, so resending never buys more guesses.
 */
import type { Challenge } from '../domain/challenge.ts';

/** The configurable limits. */
export type ChallengePolicy = Readonly<{ codeTtlSeconds: number; maxAttempts: number; maxResends: number }>;

/** The verdict on a submitted code. */
export type CodeVerdict = 'accepted' | 'wrong' | 'expired' | 'exhausted';

/** Resends still allowed. */
export function resendsRemaining(challenge: Challenge, policy: ChallengePolicy): number {
  return Math.max(0, policy.maxResends - Math.max(0, challenge.codesSent - 1));
}

/** Wrong entries still allowed before the challenge fails. */
export function attemptsRemaining(challenge: Challenge, policy: ChallengePolicy): number {
  return Math.max(0, policy.maxAttempts - challenge.wrongAttempts);
}

/** The challenge with a freshly issued code (hash only) replacing any earlier one. */
export function withNewCode(
  challenge: Challenge,
  codeHash: string,
  now: Date,
  policy: ChallengePolicy,
): Challenge {
  return {
    ...challenge,
    codeHash,
    codeExpiresAt: new Date(now.getTime() + policy.codeTtlSeconds * 1000).toISOString(),
    codesSent: challenge.codesSent + 1,
    updatedAt: now.toISOString(),
  };
}

/**
 * Judges a submission. `matches` says whether the submitted code's keyed hash equals the
 * current one (compared in constant time by the caller). A code is single use: once
 * accepted, the challenge ends, so the hash is never checked again.
 */
export function judgeCode(
  challenge: Challenge,
  matches: boolean,
  now: Date,
  policy: ChallengePolicy,
): CodeVerdict {
  if (attemptsRemaining(challenge, policy) === 0) return 'exhausted';
  if (challenge.codeHash === undefined || challenge.codeExpiresAt === undefined) return 'expired';
  if (now.getTime() >= Date.parse(challenge.codeExpiresAt)) return 'expired';
  return matches ? 'accepted' : 'wrong';
}

/** The challenge after a submission with `verdict`: counts the interaction and any wrong entry. */
export function afterSubmission(challenge: Challenge, verdict: CodeVerdict, now: Date): Challenge {
  return {
    ...challenge,
    interactionCounter: challenge.interactionCounter + 1,
    wrongAttempts: challenge.wrongAttempts + (verdict === 'wrong' ? 1 : 0),
    codeHash: verdict === 'accepted' ? undefined : challenge.codeHash,
    updatedAt: now.toISOString(),
  };
}
