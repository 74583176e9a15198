/**
 * The components of the admin API's OpenAPI document: the schema of every object it sends or
 * accepts (closed objects, so a field added to a route without the document fails the tests)
 * and the shared error responses. Matches src/http/admin/admin-json.ts field for field.
 */
import { scenarios } from '../../domain/scenario.ts';
import { schemes } from '../../domain/scheme.ts';
import {
  type JsonSchema,
  json,
  nullable,
  type OpenApiResponse,
  record,
  ref,
  text,
  time,
  uuid,
} from './openapi-types.ts';

/** A scenario name. */
export const scenarioSchema: JsonSchema = { type: 'string', enum: scenarios };
const nameSchema: JsonSchema = { type: 'string', minLength: 1, maxLength: 45 };
const phoneSchema: JsonSchema = {
  type: 'string',
  pattern: '^\\+[1-9][0-9]{6,14}$',
  examples: ['+447700900123'],
};
const emailSchema: JsonSchema = { type: 'string', format: 'email', maxLength: 254 };

/** components.schemas: every object the admin API sends or accepts. */
export const adminSchemas: Readonly<Record<string, JsonSchema>> = {
  Error: record(
    {
      error: {
        type: 'string',
        enum: [
          'bad_request',
          'unauthorized',
          'not_found',
          'conflict',
          'payload_too_large',
          'unsupported_media_type',
          'unavailable',
        ],
      },
      message: { type: 'string', description: 'Names the offending fields, never their values.' },
    },
    'A failure (docs/errors.md).',
  ),
  Card: record(
    {
      id: uuid,
      maskedPan: { type: 'string', description: 'First 6 and last 4 digits: the only form of the PAN kept.' },
      scheme: { type: 'string', enum: schemes },
      scenario: scenarioSchema,
      cardholderName: nullable(text),
      phone: nullable(text),
      email: nullable(text),
      totpEnrolled: { type: 'boolean' },
      passwordSet: { type: 'boolean' },
      createdAt: time,
    },
    'A test card. Credentials show as flags only.',
  ),
  NewCard: {
    type: 'object',
    properties: {
      pan: {
        type: 'string',
        description:
          '13 to 19 digits (spaces allowed between groups), Luhn-valid, of a supported scheme. Never stored, logged or returned.',
      },
      scenario: scenarioSchema,
      cardholderName: nameSchema,
      phone: phoneSchema,
      email: emailSchema,
    },
    required: ['pan', 'scenario'],
    additionalProperties: false,
  },
  CardChanges: {
    type: 'object',
    description: 'Absent leaves a detail alone; null clears it.',
    properties: {
      scenario: scenarioSchema,
      cardholderName: nullable(nameSchema),
      phone: nullable(phoneSchema),
      email: nullable(emailSchema),
    },
    additionalProperties: false,
  },
  TotpEnrolment: record(
    {
      secret: { type: 'string', pattern: '^[A-Z2-7]{32}$' },
      otpauthUri: { type: 'string', description: 'Key URI Format: SHA1, 6 digits, 30 s.' },
      qrSvg: { type: 'string', description: 'The otpauthUri as an SVG QR code.' },
    },
    'Shown once: the secret is kept only sealed and never returned again.',
  ),
  Purchase: record({
    amount: nullable(text),
    currency: nullable(text),
    exponent: nullable(text),
    merchantName: nullable(text),
  }),
  TransactionSummary: record(transactionSummaryProperties()),
  Transaction: record({
    ...transactionSummaryProperties(),
    sdkTransID: nullable(uuid),
    authenticationMethod: nullable({ type: 'string', enum: ['sms', 'totp', 'password', 'oob', 'choice'] }),
    notificationURL: nullable(text),
    threeDSServerURL: nullable(text),
    browserLanguage: nullable(text),
    deadlineAt: nullable(time),
    result: {
      type: ['object', 'null'],
      properties: {
        transStatus: text,
        transStatusReason: nullable(text),
        eci: nullable(text),
        authenticationValue: nullable(text),
        challengeCancel: nullable(text),
        interactionCounter: nullable({ type: 'integer', minimum: 0 }),
        completedAt: time,
      },
      required: [
        'transStatus',
        'transStatusReason',
        'eci',
        'authenticationValue',
        'challengeCancel',
        'interactionCounter',
        'completedAt',
      ],
      additionalProperties: false,
    },
  }),
  Challenge: record(
    {
      method: { type: 'string', enum: ['sms', 'totp', 'password', 'oob'] },
      methods: { type: 'array', items: { type: 'string', enum: ['sms', 'totp', 'password', 'oob'] } },
      windowSize: { type: 'string', enum: ['01', '02', '03', '04', '05'] },
      codesSent: { type: 'integer', minimum: 0 },
      wrongAttempts: { type: 'integer', minimum: 0 },
      interactionCounter: { type: 'integer', minimum: 0 },
      codeExpiresAt: nullable(time),
      startedAt: time,
      updatedAt: time,
    },
    "The challenge window's progress (no code, no code hash).",
  ),
  TimelineMessage: record({
    id: { type: 'integer' },
    messageType: { type: 'string', examples: ['AReq', 'ARes', 'CReq', 'CRes', 'RReq', 'RRes', 'Erro'] },
    direction: { type: 'string', enum: ['in', 'out'] },
    body: { type: 'object', description: 'The message as exchanged, PANs masked.' },
    createdAt: time,
  }),
  RReqAttempt: record({
    attempt: { type: 'integer', minimum: 1 },
    outcome: {
      type: 'string',
      enum: ['delivered', 'http-error', 'network-error', 'timeout', 'invalid-rres', 'erro', 'refused'],
    },
    httpStatus: nullable({ type: 'integer' }),
    detail: nullable(text),
    at: time,
  }),
  TransactionDetail: record({
    transaction: ref('Transaction'),
    decision: record(
      {
        check: { type: 'string', description: 'The decision check that answered (docs/flows.md).' },
        threeDSCompInd: {
          type: ['string', 'null'],
          description: "The AReq's threeDSCompInd (Y, N or U); null when the AReq carried none.",
        },
      },
      'What the decision was made on (docs/flows.md, "3DS Method").',
    ),
    challenge: { oneOf: [ref('Challenge'), { type: 'null' }] },
    messages: { type: 'array', items: ref('TimelineMessage') },
    rreqAttempts: { type: 'array', items: ref('RReqAttempt') },
  }),
  RReq: {
    type: 'object',
    description: 'The Results Request as sent (EMV 3DS RReq).',
    properties: {
      messageType: { type: 'string', const: 'RReq' },
      messageVersion: { type: 'string', enum: ['2.1.0', '2.2.0', '2.3.1'] },
      threeDSServerTransID: uuid,
      acsTransID: uuid,
      dsTransID: uuid,
      sdkTransID: uuid,
      messageCategory: { type: 'string', enum: ['01', '02'] },
      transStatus: { type: 'string', enum: ['Y', 'N', 'U', 'A', 'R'] },
      transStatusReason: text,
      authenticationType: { type: 'string', enum: ['01', '02', '03', '04'] },
      authenticationMethod: { type: 'array', items: text },
      eci: text,
      authenticationValue: text,
      interactionCounter: { type: 'string', pattern: '^[0-9]{2}$' },
      challengeCancel: text,
      acsRenderingType: { type: 'object' },
      challengeErrorReporting: {
        type: 'object',
        description: '2.3.1, with challengeCancel 10: the Erro that answered the CReq.',
      },
    },
    required: [
      'messageType',
      'messageVersion',
      'threeDSServerTransID',
      'acsTransID',
      'dsTransID',
      'messageCategory',
      'transStatus',
    ],
    additionalProperties: false,
  },
  RReqResend: record({
    delivered: { type: 'boolean', description: 'Whether the first attempt was answered by a valid RRes.' },
    rreq: ref('RReq'),
    rreqAttempts: { type: 'array', items: ref('RReqAttempt') },
  }),
  SandboxMessage: record({
    id: uuid,
    to: text,
    body: text,
    code: nullable(text),
    acsTransID: nullable(uuid),
    status: { type: 'string', enum: ['queued', 'sent', 'delivered', 'failed', 'undelivered'] },
    errorCode: nullable(text),
    createdAt: time,
  }),
  ApiKey: record(
    { id: uuid, name: text, createdAt: time, lastUsedAt: nullable(time) },
    'Never the key or its hash.',
  ),
  NewApiKey: {
    type: 'object',
    properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
    required: ['name'],
    additionalProperties: false,
  },
  IssuedApiKey: record(
    { id: uuid, name: text, key: { type: 'string', pattern: '^acs_[A-Za-z0-9_-]{43}$' } },
    'Shown once: only a keyed hash of the key is stored.',
  ),
};

function transactionSummaryProperties(): Readonly<Record<string, JsonSchema>> {
  return {
    acsTransID: uuid,
    threeDSServerTransID: uuid,
    dsTransID: uuid,
    messageVersion: { type: 'string', enum: ['2.1.0', '2.2.0', '2.3.1'] },
    deviceChannel: { type: 'string', enum: ['01', '02', '03'] },
    messageCategory: { type: 'string', enum: ['01', '02'] },
    cardId: nullable(uuid),
    maskedPan: text,
    scheme: nullable({ type: 'string', enum: schemes }),
    scenario: { type: ['string', 'null'], enum: [...scenarios, null] },
    decisionCheck: { type: 'string', description: 'The decision check that answered (docs/flows.md).' },
    aresStatus: { type: 'string', enum: ['Y', 'N', 'U', 'A', 'C', 'D', 'R', 'I'] },
    aresStatusReason: nullable(text),
    state: { type: 'string', enum: ['final', 'awaiting-creq', 'challenging', 'awaiting-decoupled'] },
    transStatus: { ...nullable(text), description: 'The final result; null while the transaction waits.' },
    transStatusReason: nullable(text),
    purchase: ref('Purchase'),
    createdAt: time,
    updatedAt: time,
  };
}

const errorResponse = (description: string): OpenApiResponse => ({
  description,
  content: json(ref('Error')),
});

/** components.responses: the answers many operations share. */
export const adminResponses: Readonly<Record<string, OpenApiResponse>> = {
  BadRequest: errorResponse('The body or query fails validation; the message names the fields.'),
  Unauthorized: {
    description: 'No admin API key, or not a valid one.',
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="acs-admin"', schema: text } },
    content: json(ref('Error')),
  },
  NotFound: errorResponse('No such resource.'),
  Conflict: errorResponse('The request conflicts with the current state.'),
  PayloadTooLarge: errorResponse('The body is over 8 KiB.'),
  UnsupportedMediaType: errorResponse('The body is not application/json.'),
  NoContent: { description: 'Done; no body.' },
};
