/**
 * What a tester may type for a test card, as schemas with messages a person can act on. The
 * admin API validates bodies with them and the console can reuse them for its forms; messages
 * describe the rule, never the value typed (a PAN must not come back in an error). They stay
 * with the use case (not in src/http/admin/) because the flows' input types are inferred from
 * them and flows may not import the HTTP layer; the admin API's OpenAPI document is generated
 * from these same schemas (src/http/admin/admin-schemas.ts), descriptions and examples included.
 */
import { z } from 'zod';
import { delayedFaults, faults, isDelayedFault, maxFaultDelayMs } from '../../domain/fault.ts';
import { holdsCardNumber } from '../../domain/pan.ts';
import { scenarios } from '../../domain/scenario.ts';
import { schemeOfPan } from '../../domain/scheme.ts';
import { isLuhnValid } from '../../protocol/formats.ts';

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const e164 = /^\+[1-9][0-9]{6,14}$/;
/** C0 and C1 control characters: refused in names, which are shown on pages and in SMS text. */
const controlCharacter = /\p{Cc}/u;

/** Why `pan` cannot be a test card, or undefined when it can (digits only, spaces removed). */
export function panProblem(pan: string): string | undefined {
  if (!/^[0-9]{13,19}$/.test(pan)) return 'expected 13 to 19 digits';
  if (!isLuhnValid(pan)) return 'fails the Luhn check';
  if (schemeOfPan(pan) === undefined) {
    return 'belongs to no supported scheme (Visa, Mastercard, American Express, Discover, JCB)';
  }
  return undefined;
}

/** A PAN as typed: digits, optionally grouped with spaces as printed on a card. */
const panSchema = z
  .string()
  .transform((value) => value.replaceAll(' ', ''))
  .superRefine((pan, ctx) => {
    const problem = panProblem(pan);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    description:
      '13 to 19 digits (spaces allowed between groups), Luhn-valid, of a supported scheme. Never stored, logged or returned.',
  });

/** A scenario name (the admin API's transaction search reuses it). */
export const scenarioSchema = z.enum(scenarios, { error: `expected one of ${scenarios.join(', ')}` });

const nameSchema = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(45, { error: 'must be at most 45 characters' })
  .refine((name) => !controlCharacter.test(name), { error: 'must not contain control characters' })
  // Nothing that reads as a card number is ever stored in clear (docs/security.md).
  .refine((name) => !holdsCardNumber(name), { error: 'must not contain a card number' });

const phoneSchema = z
  .string()
  .regex(e164, { error: 'expected an E.164 phone number, like +447700900123' })
  .meta({ examples: ['+447700900123'] });

const emailSchema = z
  .email({ error: 'expected an email address' })
  .max(254, { error: 'must be at most 254 characters' });

/** A requestor fault (docs/faults.md), rehearsed on top of the card's scenario. */
export const faultSchema = z
  .enum(faults, { error: `expected one of ${faults.join(', ')}` })
  .meta({ description: 'A requestor fault rehearsed on top of the scenario (docs/faults.md).' });

const faultDelaySchema = z
  .number({ error: 'expected a whole number of milliseconds' })
  .int({ error: 'expected a whole number of milliseconds' })
  .min(0, { error: 'must be at least 0' })
  .max(maxFaultDelayMs, { error: `must be at most ${maxFaultDelayMs}` })
  .meta({ description: `The delay of ${delayedFaults.join(', ')}, in ms (absent: the fault's default).` });

/** faultDelayMs only with a fault that waits, given in the same body. */
function checkFaultDelay(
  body: { fault?: string | null | undefined; faultDelayMs?: number | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (body.faultDelayMs === undefined || body.faultDelayMs === null) return;
  const fault = body.fault;
  if (fault === undefined || fault === null || !isDelayedFault(fault as (typeof faults)[number])) {
    ctx.addIssue({
      code: 'custom',
      path: ['faultDelayMs'],
      message: `applies only with fault ${delayedFaults.join(', ')} in the same body`,
    });
  }
}

/** The body that creates a test card. */
export const newTestCardSchema = z
  .object({
    pan: panSchema,
    scenario: scenarioSchema,
    cardholderName: nameSchema.optional(),
    phone: phoneSchema.optional(),
    email: emailSchema.optional(),
    fault: faultSchema.optional(),
    faultDelayMs: faultDelaySchema.optional(),
  })
  .strict()
  .superRefine(checkFaultDelay);

/** A test card to create, validated. */
export type NewTestCard = z.infer<typeof newTestCardSchema>;

/** The body that changes a test card: absent leaves a detail alone, null clears it. */
export const testCardChangesSchema = z
  .object({
    scenario: scenarioSchema.optional(),
    cardholderName: nameSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
    fault: faultSchema.nullable().optional(),
    faultDelayMs: faultDelaySchema.nullable().optional(),
  })
  .strict()
  .superRefine(checkFaultDelay)
  .meta({
    description:
      'Absent leaves a detail alone; null clears it. A fault is set with its delay: setting a fault without faultDelayMs gives it its default delay.',
  });

/** Changes to a test card, validated. */
export type TestCardChanges = z.infer<typeof testCardChangesSchema>;
