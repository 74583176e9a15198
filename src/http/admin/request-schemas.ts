/**
 * What the admin API accepts besides a card (src/flows/admin/card-input.ts): the path
 * parameters, the search query strings and the small bodies of the key and credential routes.
 * The routes validate with these schemas and the OpenAPI document is generated from them
 * (src/http/admin/admin-schemas.ts), so a description written here is the one the document
 * shows. They live in the HTTP layer because only the HTTP layer reads them: query strings
 * and path parameters are strings, and the flows take the parsed values.
 */
import { z } from 'zod';
import { scenarioSchema } from '../../flows/admin/card-input.ts';
import { exchangeFormat, exchangeFormatVersion } from '../../flows/admin/exchange-export.ts';

/** A UUID in a path or a query, any case (the store keeps ids in lower case). */
const uuidSchema = z.guid({ error: 'expected a UUID' }).transform((id) => id.toLowerCase());

/** A `limit` query value: a whole number from 1 to `max`, `fallback` when absent. */
function limitSchema(fallback: number, max: number) {
  return z
    .string()
    .regex(/^[0-9]{1,4}$/, { error: `expected a whole number from 1 to ${max}` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { error: `expected a whole number from 1 to ${max}` })
    .optional()
    .transform((n) => n ?? fallback)
    .meta({ description: `How many to return, 1 to ${max} (default ${fallback}).` });
}

/** The path of /cards/{id}: a card id that is not a UUID is an unknown card (404). */
export const cardPathSchema = z.object({
  id: uuidSchema.meta({ description: 'The card id (a UUID; anything else is an unknown card).' }),
});

/** The path of /transactions/{acsTransID}. */
export const transactionPathSchema = z.object({
  acsTransID: uuidSchema.meta({ description: "The transaction's acsTransID." }),
});

/** The path of /api-keys/{id}. */
export const apiKeyPathSchema = z.object({
  id: uuidSchema.meta({ description: 'The key id.' }),
});

/** A masked PAN as the ACS keeps it: the first 6 digits, 3 to 9 *, the last 4. */
const maskedPanSchema = z.string().regex(/^[0-9]{6}\*{3,9}[0-9]{4}$/, {
  error: 'expected a masked PAN: the first 6 digits, 3 to 9 *, the last 4 digits',
});

/** The query of GET /transactions. A full PAN is never accepted: only the masked form is searched. */
export const transactionSearchSchema = z
  .object({
    id: z
      .guid({ error: 'expected a UUID' })
      .optional()
      .meta({ description: 'An acsTransID, threeDSServerTransID or dsTransID.' }),
    maskedPan: maskedPanSchema
      .optional()
      .meta({ description: 'The masked PAN (first 6, *, last 4). A full PAN is refused.' }),
    scenario: scenarioSchema.optional().meta({ description: "The card's scenario." }),
    before: z.iso
      .datetime({ error: 'expected an ISO 8601 UTC time, like 2026-11-25T10:00:00.000Z' })
      .transform((time) => new Date(time).toISOString())
      .optional()
      .meta({ description: 'Only transactions created before this UTC time (paging).' }),
    limit: limitSchema(50, 200),
  })
  .strict();

/** A phone number in a query: E.164, with its + optional (an unencoded + arrives as a space). */
const phoneQuerySchema = z
  .string()
  .transform((value) => value.trim().replace(/^\+/, ''))
  .refine((digits) => /^[1-9][0-9]{3,14}$/.test(digits), {
    error: 'expected a phone number in E.164 form (write + as %2B, or leave it out)',
  })
  .transform((digits) => `+${digits}`);

/** The query of GET /messages. */
export const messageSearchSchema = z
  .object({
    to: phoneQuerySchema
      .optional()
      .meta({ description: 'The phone number, E.164 (+ written as %2B, or left out).' }),
    acsTransID: uuidSchema.optional().meta({ description: 'The transaction.' }),
    limit: limitSchema(50, 200),
  })
  .strict();

/** The body of PUT /cards/{id}/password (the flow normalises and checks its length). */
export const cardPasswordSchema = z.object({ password: z.string() }).strict();

/** The body of POST /api-keys. */
export const newApiKeySchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(100, { error: 'must be at most 100 characters' })
      .refine((name) => !/\p{Cc}/u.test(name), { error: 'must not contain control characters' }),
  })
  .strict();

/** A body that must be empty: no body at all, or `{}`. */
export const emptyBodySchema = z.object({}).strict().meta({ description: 'No body, or {}.' });

const notAnExport = 'expected a document exported by GET /api/admin/transactions/{acsTransID}/export';

/** One timeline message of an export, as far as a replay reads it. */
const exportedMessageSchema = z.looseObject({
  direction: z.enum(['in', 'out']),
  messageType: z.string(),
  body: z.record(z.string(), z.unknown()),
});

/**
 * The body of POST /replays: an exported exchange as downloaded (only what the replay reads is
 * checked; the rest is left as it is) and, when needed, the card's PAN. The PAN is never logged
 * or returned, and a message about it names the rule, never the value.
 */
export const replaySchema = z
  .object({
    exchange: z
      .looseObject({
        format: z.literal(exchangeFormat, { error: `${notAnExport} (format ${exchangeFormat})` }),
        formatVersion: z.literal(exchangeFormatVersion, {
          error: `this ACS reads exports of formatVersion ${exchangeFormatVersion}`,
        }),
        transaction: z.looseObject({
          acsTransID: z.guid({ error: 'expected a UUID' }),
          maskedPan: maskedPanSchema,
          cardId: z.guid({ error: 'expected a UUID or null' }).nullable(),
        }),
        decision: z.looseObject({ check: z.string() }),
        messages: z.array(exportedMessageSchema),
      })
      .meta({ description: 'A document from GET /transactions/{acsTransID}/export, as downloaded.' }),
    acctNumber: z
      .string()
      .transform((value) => value.replaceAll(' ', ''))
      .refine((pan) => /^[0-9]{13,19}$/.test(pan), { error: 'expected 13 to 19 digits' })
      .optional()
      .meta({
        description:
          "The card's PAN, when the export's masked PAN does not name one card here; its first 6 and last 4 digits must be the export's. Never logged or returned.",
      }),
  })
  .strict();
