/**
 * The cards the challenge flows use. Virtual user 0 uses the repository's challenge-sms card
 * (4000000000001000); every other user has a challenge-sms card of its own, with its own phone
 * number, added to a copy of the repository's seed file. Why: the per-phone SMS limit
 * (ACS_LIMIT_SMS_PER_PHONE) accepts at most 1000 texts per 10 minutes, fewer than one
 * measurement sends, and a refused text would end the flow. With one phone per user each
 * phone receives a few hundred at most.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { challengeCardNumber } from './areq-body.ts';

/** The Luhn check digit for `body` (the PAN without its last digit). */
function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** The PAN of virtual user `user` (0-99): in the seeded Visa range, beside no repository card. */
export function flowCardNumber(user: number): string {
  if (user === 0) return challengeCardNumber;
  const body = `4000000000005${String(user).padStart(2, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/** Writes the repository's seed plus one challenge-sms card per user (1..users-1) into `dir`; returns its path. */
export function writeBenchSeedFile(repositorySeed: string, dir: string, users: number): string {
  const seed = JSON.parse(readFileSync(repositorySeed, 'utf8')) as { cards: unknown[] };
  for (let user = 1; user < users; user++) {
    seed.cards.push({
      pan: flowCardNumber(user),
      scenario: 'challenge-sms',
      cardholderName: `Bench User ${user}`,
      phone: `+1555556${String(user).padStart(4, '0')}`,
      email: `bench.user.${user}@example.test`,
    });
  }
  const path = join(dir, 'bench-cards.json');
  writeFileSync(path, `${JSON.stringify(seed, null, 2)}\n`);
  return path;
}
