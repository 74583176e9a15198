/**
 * Over 300 lines: one document, one path per route; it is to be generated from the zod schemas
 * (issue 13), which will remove most of it, so it is not split by hand first.
 *
 * The admin API's OpenAPI 3.1 document, served at GET /api/admin/openapi.json. It is written by
 * hand as a typed object, next to the routes it describes, and kept honest by tests: every
 * route of adminRoutes() is in `paths` and every path is a route
 * (test/integration/admin-openapi.test.ts), every route refuses a request without a valid key,
 * and the answers the tests receive are checked against the response schemas here.
 */
import { adminResponses, adminSchemas, scenarioSchema } from './openapi-schemas.ts';
import {
  json,
  type OpenApiDocument,
  type OpenApiParameter,
  type OpenApiPathItem,
  ok,
  record,
  ref,
  response,
  text,
  time,
  uuid,
} from './openapi-types.ts';

const cardIdParameter: OpenApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The card id (a UUID; anything else is an unknown card).',
  schema: uuid,
};
const acsTransIDParameter: OpenApiParameter = {
  name: 'acsTransID',
  in: 'path',
  required: true,
  description: "The transaction's acsTransID.",
  schema: uuid,
};
const limitParameter: OpenApiParameter = {
  name: 'limit',
  in: 'query',
  required: false,
  description: 'How many to return, 1 to 200 (default 50).',
  schema: { type: 'string', pattern: '^[0-9]{1,4}$' },
};
const emptyBody = {
  required: false,
  content: json({ type: 'object', additionalProperties: false, description: 'No body, or {}.' }),
} as const;

/** Responses every operation with a JSON body can give besides its own. */
const bodyFailures = {
  '400': response('BadRequest'),
  '401': response('Unauthorized'),
  '413': response('PayloadTooLarge'),
  '415': response('UnsupportedMediaType'),
} as const;

const paths: Readonly<Record<string, OpenApiPathItem>> = {
  '/api/admin/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This document',
      tags: ['meta'],
      responses: {
        '200': ok('The OpenAPI 3.1 document of the admin API.', { type: 'object' }),
        '401': response('Unauthorized'),
      },
    },
  },
  '/api/admin/cards': {
    get: {
      operationId: 'listCards',
      summary: 'Every test card, newest first',
      tags: ['cards'],
      responses: {
        '200': ok('The cards.', record({ cards: { type: 'array', items: ref('Card') } })),
        '401': response('Unauthorized'),
      },
    },
    post: {
      operationId: 'createCard',
      summary: 'Add a test card',
      description:
        'The PAN is reduced at once to a keyed lookup hash and its masked form; it is never stored, logged or returned.',
      tags: ['cards'],
      requestBody: { required: true, content: json(ref('NewCard')) },
      responses: {
        '201': {
          description: 'Created.',
          headers: { Location: { description: 'The new card.', schema: text } },
          content: json(ref('Card')),
        },
        ...bodyFailures,
        '409': response('Conflict'),
      },
    },
  },
  '/api/admin/cards/{id}': {
    get: {
      operationId: 'getCard',
      summary: 'One test card',
      tags: ['cards'],
      parameters: [cardIdParameter],
      responses: {
        '200': ok('The card.', ref('Card')),
        '401': response('Unauthorized'),
        '404': response('NotFound'),
      },
    },
    patch: {
      operationId: 'updateCard',
      summary: "Change a card's scenario or details",
      tags: ['cards'],
      parameters: [cardIdParameter],
      requestBody: { required: true, content: json(ref('CardChanges')) },
      responses: {
        '200': ok('The card as changed.', ref('Card')),
        ...bodyFailures,
        '404': response('NotFound'),
      },
    },
    delete: {
      operationId: 'deleteCard',
      summary: 'Delete a card and its credentials',
      description:
        'Its transactions keep their masked PAN. A deleted seed card is added again at the next start.',
      tags: ['cards'],
      parameters: [cardIdParameter],
      responses: {
        '204': response('NoContent'),
        '401': response('Unauthorized'),
        '404': response('NotFound'),
      },
    },
  },
  '/api/admin/cards/{id}/totp': {
    post: {
      operationId: 'enrolTotp',
      summary: "Enrol (or re-enrol) the card's authenticator app",
      tags: ['cards'],
      parameters: [cardIdParameter],
      requestBody: emptyBody,
      responses: {
        '200': ok('The new secret, shown once.', ref('TotpEnrolment')),
        ...bodyFailures,
        '404': response('NotFound'),
      },
    },
  },
  '/api/admin/cards/{id}/password': {
    put: {
      operationId: 'setCardPassword',
      summary: "Set the card's static password",
      description: '8 to 64 characters after NFKC normalisation; stored only as an argon2id hash.',
      tags: ['cards'],
      parameters: [cardIdParameter],
      requestBody: {
        required: true,
        content: json({
          type: 'object',
          properties: { password: text },
          required: ['password'],
          additionalProperties: false,
        }),
      },
      responses: { '204': response('NoContent'), ...bodyFailures, '404': response('NotFound') },
    },
  },
  '/api/admin/transactions': {
    get: {
      operationId: 'listTransactions',
      summary: 'Search transactions, newest first',
      tags: ['transactions'],
      parameters: [
        {
          name: 'id',
          in: 'query',
          required: false,
          description: 'An acsTransID, threeDSServerTransID or dsTransID.',
          schema: uuid,
        },
        {
          name: 'maskedPan',
          in: 'query',
          required: false,
          description: 'The masked PAN (first 6, *, last 4). A full PAN is refused.',
          schema: { type: 'string', pattern: '^[0-9]{6}\\*{3,9}[0-9]{4}$' },
        },
        {
          name: 'scenario',
          in: 'query',
          required: false,
          description: "The card's scenario.",
          schema: scenarioSchema,
        },
        {
          name: 'before',
          in: 'query',
          required: false,
          description: 'Only transactions created before this UTC time (paging).',
          schema: time,
        },
        limitParameter,
      ],
      responses: {
        '200': ok(
          'The transactions.',
          record({ transactions: { type: 'array', items: ref('TransactionSummary') } }),
        ),
        '400': response('BadRequest'),
        '401': response('Unauthorized'),
      },
    },
  },
  '/api/admin/transactions/{acsTransID}': {
    get: {
      operationId: 'getTransaction',
      summary: "A transaction's whole story",
      description:
        'The transaction, its challenge, every message in and out (oldest first) and every RReq attempt.',
      tags: ['transactions'],
      parameters: [acsTransIDParameter],
      responses: {
        '200': ok('The transaction.', ref('TransactionDetail')),
        '401': response('Unauthorized'),
        '404': response('NotFound'),
      },
    },
  },
  '/api/admin/transactions/{acsTransID}/rreq': {
    post: {
      operationId: 'resendRReq',
      summary: "Send a finished challenge's RReq again",
      description:
        'Rebuilt from the stored result, exactly as first sent, with the usual retries. 409 when the transaction was not challenged or its challenge has not ended.',
      tags: ['transactions'],
      parameters: [acsTransIDParameter],
      requestBody: emptyBody,
      responses: {
        '200': ok('Sent (delivered or not: see delivered and rreqAttempts).', ref('RReqResend')),
        ...bodyFailures,
        '404': response('NotFound'),
        '409': response('Conflict'),
      },
    },
  },
  '/api/admin/messages': {
    get: {
      operationId: 'listMessages',
      summary: 'Text messages sent, newest first, with their codes',
      tags: ['messages'],
      parameters: [
        {
          name: 'to',
          in: 'query',
          required: false,
          description: 'The phone number, E.164 (+ written as %2B, or left out).',
          schema: text,
        },
        { name: 'acsTransID', in: 'query', required: false, description: 'The transaction.', schema: uuid },
        limitParameter,
      ],
      responses: {
        '200': ok('The messages.', record({ messages: { type: 'array', items: ref('SandboxMessage') } })),
        '400': response('BadRequest'),
        '401': response('Unauthorized'),
      },
    },
  },
  '/api/admin/api-keys': {
    get: {
      operationId: 'listApiKeys',
      summary: 'Every admin API key, oldest first',
      tags: ['api-keys'],
      responses: {
        '200': ok(
          'The keys (never the keys themselves).',
          record({ apiKeys: { type: 'array', items: ref('ApiKey') } }),
        ),
        '401': response('Unauthorized'),
      },
    },
    post: {
      operationId: 'createApiKey',
      summary: 'Issue a new admin API key',
      tags: ['api-keys'],
      requestBody: { required: true, content: json(ref('NewApiKey')) },
      responses: {
        '201': {
          description: 'Issued; the key is shown this once.',
          headers: { Location: { description: 'The new key.', schema: text } },
          content: json(ref('IssuedApiKey')),
        },
        ...bodyFailures,
      },
    },
  },
  '/api/admin/api-keys/{id}': {
    delete: {
      operationId: 'deleteApiKey',
      summary: 'Revoke an admin API key',
      description:
        'The key making the request cannot revoke itself (409), so one working key always remains.',
      tags: ['api-keys'],
      parameters: [{ name: 'id', in: 'path', required: true, description: 'The key id.', schema: uuid }],
      responses: {
        '204': response('NoContent'),
        '401': response('Unauthorized'),
        '404': response('NotFound'),
        '409': response('Conflict'),
      },
    },
  },
};

/** The admin API's OpenAPI 3.1 document. */
export const adminOpenApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'ACS Simulator admin API',
    version: '1',
    description:
      'Test cards and their credentials, transactions and their timelines, sent text messages, and admin API keys. Every operation needs an admin API key (docs/admin-api.md).',
  },
  tags: [
    { name: 'cards', description: 'Test cards and their credentials' },
    { name: 'transactions', description: 'Transactions, their timelines and RReq delivery' },
    { name: 'messages', description: 'Text messages sent to cardholders' },
    { name: 'api-keys', description: 'Admin API keys' },
    { name: 'meta', description: 'This document' },
  ],
  security: [{ bearerKey: [] }, { headerKey: [] }],
  paths,
  components: {
    securitySchemes: {
      bearerKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' },
      headerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    },
    schemas: adminSchemas,
    responses: adminResponses,
  },
};
