/**
 * Human secrets (static challenge passwords, operator passwords) stored as argon2id hashes
 * (docs/security.md: argon2id is for secrets people choose). The only importer of argon2.
 *
 * Parameters are OWASP's minimum for argon2id (m=19456 KiB, t=2, p=1), about 24 ms a hash
 * on the reference machine, instead of the library default (~210 ms), which would make every
 * static-password challenge and console login slow. The encoded PHC string carries its own
 * parameters, so raising them later still verifies old hashes.
 *
 * Passwords are NFKC-normalised before hashing and verifying (NIST SP 800-63B 5.1.1.2), so the
 * same password typed on another keyboard or OS (composed vs decomposed accents, full-width
 * digits) still matches.
 */

import { hash as argon2Hash, argon2id, verify as argon2Verify } from 'argon2';

/** The argon2id cost parameters every new hash uses (OWASP Password Storage Cheat Sheet). */
export const passwordHashParameters = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Length limits of the password policy, in Unicode characters after normalisation. */
export const passwordLengthLimits = { min: 8, max: 64 } as const;

/** An argon2id PHC string (`$argon2id$v=19$m=19456,p=1,t=2$<salt>$<hash>`, random 16-byte salt). */
export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(normalise(password), { type: argon2id, ...passwordHashParameters });
}

/** True when `password` matches `hash`; false for a wrong password or a malformed hash, never throws. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (typeof hash !== 'string' || typeof password !== 'string' || !hash.startsWith('$argon2')) return false;
  try {
    return await argon2Verify(hash, normalise(password));
  } catch {
    // argon2 throws on an unparsable PHC string (bad parameters, short salt or digest).
    return false;
  }
}

/** Why a proposed password is unacceptable (a message for the person choosing it), or undefined. */
export function passwordPolicyProblem(password: unknown): string | undefined {
  if (typeof password !== 'string' || password === '') return 'Enter a password.';
  if (/^\s*$/u.test(password)) return 'The password must not be only spaces.';
  const length = [...normalise(password)].length;
  if (length < passwordLengthLimits.min) {
    return `The password must be at least ${passwordLengthLimits.min} characters long.`;
  }
  if (length > passwordLengthLimits.max) {
    return `The password must be at most ${passwordLengthLimits.max} characters long.`;
  }
  return undefined;
}

/** The form a password is hashed in: Unicode NFKC. */
function normalise(password: string): string {
  return password.normalize('NFKC');
}
