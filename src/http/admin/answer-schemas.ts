/**
 * What the admin API answers, as zod schemas: closed objects, an absent detail `null`. The
 * builders of src/http/admin/admin-json.ts return exactly these types (`z.output`), and the
 * OpenAPI document's response schemas are generated from these same objects
 * (src/http/admin/admin-schemas.ts), so a field cannot be added to an answer without the
 * document showing it. Only the shape is described here; the values come from the flows.
 */
import { z } from 'zod';
import { windowSizes } from '../../domain/challenge.ts';
import { delayedFaults, faults } from '../../domain/fault.ts';
import { scenarios } from '../../domain/scenario.ts';
import { schemes } from '../../domain/scheme.ts';
import { transStatuses } from '../../protocol/trans-status.ts';
import { supportedVersions } from '../../protocol/version.ts';

const uuid = z.guid();
const time = z.iso.datetime();
const text = z.string();
const count = z.int().min(0);
const messageVersion = z.enum(supportedVersions);
const messageCategory = z.enum(['01', '02']);
const challengeMethod = z.enum(['sms', 'totp', 'password', 'oob', 'kba']);
const decisionCheck = z.string().meta({ description: 'The decision check that answered (docs/flows.md).' });
/** A requestor fault (docs/faults.md). */
export const faultAnswer = z.enum(faults);
const faultDelayMs = z
  .int()
  .min(0)
  .nullable()
  .meta({
    description: `The delay of ${delayedFaults.join(', ')}, in ms; null: the fault's default (or a fault that does not wait).`,
  });

/** A failure (docs/errors.md), as src/http/common/error-handler.ts writes it. */
export const problemAnswer = z
  .strictObject({
    error: z.enum([
      'bad_request',
      'unauthorized',
      'not_found',
      'conflict',
      'payload_too_large',
      'unsupported_media_type',
      'unprocessable_content',
      'unavailable',
    ]),
    message: z.string().meta({ description: 'Names the offending fields, never their values.' }),
  })
  .meta({ description: 'A failure (docs/errors.md).' });

/** A test card. */
export const cardAnswer = z
  .strictObject({
    id: uuid,
    maskedPan: z.string().meta({ description: 'First 6 and last 4 digits: the only form of the PAN kept.' }),
    scheme: z.enum(schemes),
    scenario: z.enum(scenarios),
    cardholderName: text.nullable(),
    phone: text.nullable(),
    email: text.nullable(),
    totpEnrolled: z.boolean(),
    passwordSet: z.boolean(),
    fault: faultAnswer.nullable().meta({
      description: 'The requestor fault rehearsed on top of the scenario (docs/faults.md); null: none.',
    }),
    faultDelayMs,
    createdAt: time,
  })
  .meta({ description: 'A test card. Credentials show as flags only.' });

/** Every test card. */
export const cardListAnswer = z.strictObject({ cards: z.array(cardAnswer) });

/** A TOTP enrolment, shown once. */
export const totpEnrolmentAnswer = z
  .strictObject({
    secret: z.string().regex(/^[A-Z2-7]{32}$/),
    otpauthUri: z.string().meta({ description: 'Key URI Format: SHA1, 6 digits, 30 s.' }),
    qrSvg: z.string().meta({ description: 'The otpauthUri as an SVG QR code.' }),
  })
  .meta({ description: 'Shown once: the secret is kept only sealed and never returned again.' });

/** The purchase as the requestor described it. */
export const purchaseAnswer = z.strictObject({
  amount: text.nullable(),
  currency: text.nullable(),
  exponent: text.nullable(),
  merchantName: text.nullable(),
});

/** A transaction in a search result. */
export const transactionSummaryAnswer = z.strictObject({
  acsTransID: uuid,
  threeDSServerTransID: uuid,
  dsTransID: uuid,
  messageVersion,
  deviceChannel: z.enum(['01', '02', '03']),
  messageCategory,
  cardId: uuid.nullable(),
  maskedPan: text,
  scheme: z.enum(schemes).nullable(),
  scenario: z.enum(scenarios).nullable(),
  fault: faultAnswer.nullable().meta({
    description: 'The fault the card carried at AReq time (docs/faults.md): it never changes the result.',
  }),
  faultDelayMs,
  decisionCheck,
  aresStatus: z.enum(transStatuses),
  aresStatusReason: text.nullable(),
  state: z.enum(['final', 'awaiting-creq', 'challenging', 'awaiting-decoupled']),
  transStatus: text.nullable().meta({ description: 'The final result; null while the transaction waits.' }),
  transStatusReason: text.nullable(),
  purchase: purchaseAnswer,
  createdAt: time,
  updatedAt: time,
});

/** Transactions found. */
export const transactionListAnswer = z.strictObject({ transactions: z.array(transactionSummaryAnswer) });

/** A transaction's final result (null elements absent), in the admin API and in exports. */
export const resultAnswer = z.strictObject({
  transStatus: text,
  transStatusReason: text.nullable(),
  eci: text.nullable(),
  authenticationValue: text.nullable(),
  challengeCancel: text.nullable(),
  interactionCounter: count.nullable(),
  completedAt: time,
});
/** A transaction in full: the summary and everything else the ACS keeps but its secrets. */
export const transactionAnswer = transactionSummaryAnswer.extend({
  sdkTransID: uuid.nullable(),
  authenticationMethod: z.enum(['sms', 'totp', 'password', 'oob', 'kba', 'choice']).nullable(),
  notificationURL: text.nullable(),
  threeDSServerURL: text.nullable(),
  browserLanguage: text.nullable(),
  deadlineAt: time.nullable(),
  result: resultAnswer.nullable(),
});

/** A challenge's progress. */
export const challengeAnswer = z
  .strictObject({
    method: challengeMethod,
    methods: z.array(challengeMethod),
    windowSize: z.enum(windowSizes),
    codesSent: count,
    wrongAttempts: count,
    interactionCounter: count,
    codeExpiresAt: time.nullable(),
    startedAt: time,
    updatedAt: time,
  })
  .meta({ description: "The challenge window's progress (no code, no code hash)." });

/** One message of a transaction's timeline. */
export const timelineMessageAnswer = z.strictObject({
  id: z.int(),
  messageType: z.string().meta({
    description: "The EMV message's type, or Fault for a fault's entry (no message was exchanged).",
    examples: ['AReq', 'ARes', 'CReq', 'CRes', 'RReq', 'RRes', 'Erro', 'Fault'],
  }),
  direction: z.enum(['in', 'out']),
  body: z.record(z.string(), z.unknown()).meta({
    description:
      "The message as exchanged, PANs masked. A Fault entry's body: fault (its name), description, action (what it did here), applied (false when it could not act), trueTransStatus (the true outcome, when known).",
  }),
  encryptedLength: z.int().min(1).nullable().meta({
    description:
      'App channel CReq and CRes: the size in bytes of the JWE the message travelled in (body is it decrypted, what was typed masked); null for a plain message.',
  }),
  createdAt: time,
});

/** The ACS's check of the 3DS Server's reply to an RReq (src/protocol/rres.ts, checkReply). */
export const replyVerdictAnswer = z
  .strictObject({
    expected: z.enum(['RRes', 'Erro']).meta({
      description:
        'Erro when the RReq was faulty on purpose (wrong IDs: 301; no transStatus: 201), else RRes.',
    }),
    received: z.enum(['RRes', 'Erro', 'other']),
    deviations: z.array(text).meta({
      description: 'Every deviation from the expectation, one sentence each; empty when it conforms.',
    }),
  })
  .meta({ description: "The ACS's strict check of the 3DS Server's reply to an RReq (docs/faults.md)." });

/** One RReq delivery attempt. */
export const rreqAttemptAnswer = z.strictObject({
  attempt: z.int().min(1),
  outcome: z.enum(['delivered', 'http-error', 'network-error', 'timeout', 'invalid-rres', 'erro', 'refused']),
  httpStatus: z.int().nullable(),
  detail: text.nullable(),
  verdict: replyVerdictAnswer
    .nullable()
    .meta({ description: 'The check of the reply; null when no reply was read (network error, timeout).' }),
  at: time,
});

/** A transaction's whole story. */
export const transactionDetailAnswer = z.strictObject({
  transaction: transactionAnswer,
  decision: z
    .strictObject({
      check: decisionCheck,
      threeDSCompInd: z.string().nullable().meta({
        description: "The AReq's threeDSCompInd (Y, N or U); null when the AReq carried none.",
      }),
    })
    .meta({ description: 'What the decision was made on (docs/flows.md, "3DS Method").' }),
  challenge: challengeAnswer.nullable(),
  messages: z.array(timelineMessageAnswer),
  rreqAttempts: z.array(rreqAttemptAnswer),
});

/** An RReq as sent (EMV 3DS RReq; src/protocol/rreq.ts builds it). */
export const rreqAnswer = z
  .strictObject({
    messageType: z.literal('RReq'),
    messageVersion,
    threeDSServerTransID: uuid,
    acsTransID: uuid,
    dsTransID: uuid,
    sdkTransID: uuid.optional(),
    messageCategory,
    transStatus: z.enum(['Y', 'N', 'U', 'A', 'R']),
    transStatusReason: text.optional(),
    authenticationType: z.enum(['01', '02', '03', '04']).optional(),
    authenticationMethod: z.array(text).optional(),
    eci: text.optional(),
    authenticationValue: text.optional(),
    interactionCounter: z
      .string()
      .regex(/^[0-9]{2}$/)
      .optional(),
    challengeCancel: text.optional(),
    acsRenderingType: z.record(z.string(), z.unknown()).optional(),
    challengeErrorReporting: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: '2.3.1, with challengeCancel 10: the Erro that answered the CReq.' }),
  })
  .meta({ description: 'The Results Request as sent (EMV 3DS RReq).' });

/** The outcome of sending an RReq again. */
export const rreqResendAnswer = z.strictObject({
  delivered: z.boolean().meta({ description: 'Whether the first attempt was answered by a valid RRes.' }),
  rreq: rreqAnswer,
  rreqAttempts: z.array(rreqAttemptAnswer),
});

/** A text message the ACS sent. */
export const sandboxMessageAnswer = z.strictObject({
  id: uuid,
  to: text,
  body: text,
  code: text.nullable(),
  acsTransID: uuid.nullable(),
  status: z.enum(['queued', 'sent', 'delivered', 'failed', 'undelivered']),
  errorCode: text.nullable(),
  createdAt: time,
});

/** Text messages found. */
export const messageListAnswer = z.strictObject({ messages: z.array(sandboxMessageAnswer) });

/** An admin API key as listed. */
export const apiKeyAnswer = z
  .strictObject({ id: uuid, name: text, createdAt: time, lastUsedAt: time.nullable() })
  .meta({ description: 'Never the key or its hash.' });

/** Every admin API key. */
export const apiKeyListAnswer = z.strictObject({ apiKeys: z.array(apiKeyAnswer) });

/** A new admin API key, shown once. */
export const issuedApiKeyAnswer = z
  .strictObject({
    id: uuid,
    name: text,
    key: z.string().regex(/^acs_[A-Za-z0-9_-]{43}$/),
  })
  .meta({ description: 'Shown once: only a keyed hash of the key is stored.' });

/** This API's own OpenAPI document (src/http/admin/openapi.ts builds it). */
export const openApiDocumentAnswer = z
  .looseObject({ openapi: z.literal('3.1.0') })
  .meta({ description: 'The OpenAPI 3.1 document of the admin API.' });
