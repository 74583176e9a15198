/**
 * The shape of the seed file (data/test-cards.json): BIN ranges served and test cards with
 * their scenarios. Validated strictly so a typo in a hand-edited seed fails loudly at start.
 */
import { z } from 'zod';
import { StartupError } from '../errors/index.ts';
import { isLuhnValid } from '../protocol/formats.ts';
import { methodBehaviours } from './card.ts';
import { delayedFaults, faults, isDelayedFault, maxFaultDelayMs } from './fault.ts';
import { scenarios } from './scenario.ts';
import { schemeOfPan, schemes } from './scheme.ts';

const digits = z.string().regex(/^[0-9]{13,19}$/, 'expected 13-19 digits');

const cardSchema = z
  .object({
    pan: digits.refine(isLuhnValid, 'fails the Luhn check').refine((pan) => schemeOfPan(pan) !== undefined, {
      message: 'belongs to no supported scheme',
    }),
    scenario: z.enum(scenarios),
    cardholderName: z.string().min(1).max(45).optional(),
    phone: z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/, 'expected an E.164 phone number')
      .optional(),
    email: z.email().optional(),
    /** Authenticator-app secret (base32, at least 16 bytes), for app and choice cards. */
    totpSecret: z
      .string()
      .regex(/^[A-Z2-7]{26,}$/, 'expected a base32 secret of at least 16 bytes')
      .optional(),
    /** Static password, for password and choice cards (test data, hashed with argon2id when seeded). */
    password: z.string().min(8).max(64).optional(),
    /** A requestor fault rehearsed on top of the scenario (docs/faults.md). */
    fault: z.enum(faults).optional(),
    /** The delay of a fault that waits, in ms (absent: the fault's default). */
    faultDelayMs: z.number().int().min(0).max(maxFaultDelayMs).optional(),
  })
  .strict()
  .refine(
    (card) => card.faultDelayMs === undefined || (card.fault !== undefined && isDelayedFault(card.fault)),
    {
      message: `faultDelayMs applies only with fault ${delayedFaults.join(', ')}`,
      path: ['faultDelayMs'],
    },
  );

const rangeSchema = z
  .object({
    startRange: digits,
    endRange: digits,
    scheme: z.enum(schemes),
    /** The 3DS Method behaviour of the range's threeDSMethodURL (absent: posts back at once). */
    threeDSMethod: z.enum(methodBehaviours).optional(),
  })
  .strict()
  .refine((r) => r.startRange.length === r.endRange.length && r.startRange <= r.endRange, {
    message: 'startRange and endRange must have one length and be in order',
  });

/** The seed file schema. */
export const seedFileSchema = z
  .object({ $comment: z.string().optional(), ranges: z.array(rangeSchema), cards: z.array(cardSchema) })
  .strict();

/** A parsed seed file. */
export type SeedFile = z.infer<typeof seedFileSchema>;

/** Parses seed file text; throws a StartupError (seed_file_invalid) naming the bad entry, never a PAN. */
export function parseSeedFile(text: string): SeedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StartupError('seed_file_invalid', 'seed file is not valid JSON', { cause: error });
  }
  const parsed = seedFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StartupError(
      'seed_file_invalid',
      `seed file invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  return parsed.data;
}
