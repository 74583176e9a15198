/**
 * The admin API's operations as the OpenAPI document lists them: for each route, its path
 * (relative to the admin mount point, src/http/common/mount-points.ts), what it is called and
 * which schemas of the set (src/http/admin/admin-schemas.ts) it reads and answers, by name.
 * Only words and status codes are written here; every shape comes from the schemas, and
 * src/http/admin/openapi.ts turns this table into the document.
 */
import type { AnswerName, BodyName, ParametersName } from './admin-schemas.ts';

/** The HTTP methods the admin API uses. */
export type OpenApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Answers many operations share (components.responses), each a problem or no body. */
export type SharedResponseName =
  | 'BadRequest'
  | 'Unauthorized'
  | 'NotFound'
  | 'Conflict'
  | 'PayloadTooLarge'
  | 'ExchangeTooLarge'
  | 'UnsupportedMediaType'
  | 'Unprocessable'
  | 'NoContent';

/** An operation's own answer: description, schema, Location header and a download's Content-Disposition. */
export type OwnResponse = Readonly<{
  description: string;
  answer: AnswerName;
  location?: string;
  disposition?: string;
}>;

/** One operation of the table. */
export type AdminOperation = Readonly<{
  method: OpenApiMethod;
  /** Relative to the admin mount point, with {name} for each path parameter. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: 'cards' | 'transactions' | 'messages' | 'api-keys' | 'meta';
  /** The schema of the path parameters. */
  pathParameters?: ParametersName;
  /** The schema of the query string. */
  query?: ParametersName;
  body?: Readonly<{ schema: BodyName; required: boolean }>;
  responses: Readonly<Record<string, OwnResponse | SharedResponseName>>;
}>;

/** What every operation with a JSON body can answer besides its own. */
const bodyFailures = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '413': 'PayloadTooLarge',
  '415': 'UnsupportedMediaType',
} as const;

/** No body, or `{}`. */
const noBody = { schema: 'EmptyBody', required: false } as const;

/** Every operation of the admin API, in the order the document lists them. */
export const adminOperations: readonly AdminOperation[] = [
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    tag: 'meta',
    responses: {
      '200': { description: 'The OpenAPI 3.1 document of the admin API.', answer: 'OpenApiDocument' },
      '401': 'Unauthorized',
    },
  },
  {
    method: 'get',
    path: '/cards',
    operationId: 'listCards',
    summary: 'Every test card, newest first',
    tag: 'cards',
    responses: { '200': { description: 'The cards.', answer: 'CardList' }, '401': 'Unauthorized' },
  },
  {
    method: 'post',
    path: '/cards',
    operationId: 'createCard',
    summary: 'Add a test card',
    description:
      'The PAN is reduced at once to a keyed lookup hash and its masked form; it is never stored, logged or returned.',
    tag: 'cards',
    body: { schema: 'NewCard', required: true },
    responses: {
      '201': { description: 'Created.', answer: 'Card', location: 'The new card.' },
      ...bodyFailures,
      '409': 'Conflict',
    },
  },
  {
    method: 'get',
    path: '/cards/{id}',
    operationId: 'getCard',
    summary: 'One test card',
    tag: 'cards',
    pathParameters: 'CardPath',
    responses: {
      '200': { description: 'The card.', answer: 'Card' },
      '401': 'Unauthorized',
      '404': 'NotFound',
    },
  },
  {
    method: 'patch',
    path: '/cards/{id}',
    operationId: 'updateCard',
    summary: "Change a card's scenario or details",
    tag: 'cards',
    pathParameters: 'CardPath',
    body: { schema: 'CardChanges', required: true },
    responses: {
      '200': { description: 'The card as changed.', answer: 'Card' },
      ...bodyFailures,
      '404': 'NotFound',
    },
  },
  {
    method: 'delete',
    path: '/cards/{id}',
    operationId: 'deleteCard',
    summary: 'Delete a card and its credentials',
    description:
      'Its transactions keep their masked PAN. A deleted seed card is added again at the next start.',
    tag: 'cards',
    pathParameters: 'CardPath',
    responses: { '204': 'NoContent', '401': 'Unauthorized', '404': 'NotFound' },
  },
  {
    method: 'post',
    path: '/cards/{id}/totp',
    operationId: 'enrolTotp',
    summary: "Enrol (or re-enrol) the card's authenticator app",
    tag: 'cards',
    pathParameters: 'CardPath',
    body: noBody,
    responses: {
      '200': { description: 'The new secret, shown once.', answer: 'TotpEnrolment' },
      ...bodyFailures,
      '404': 'NotFound',
    },
  },
  {
    method: 'put',
    path: '/cards/{id}/password',
    operationId: 'setCardPassword',
    summary: "Set the card's static password",
    description: '8 to 64 characters after NFKC normalisation; stored only as an argon2id hash.',
    tag: 'cards',
    pathParameters: 'CardPath',
    body: { schema: 'CardPassword', required: true },
    responses: { '204': 'NoContent', ...bodyFailures, '404': 'NotFound' },
  },
  {
    method: 'get',
    path: '/transactions',
    operationId: 'listTransactions',
    summary: 'Search transactions, newest first',
    tag: 'transactions',
    query: 'TransactionSearch',
    responses: {
      '200': { description: 'The transactions.', answer: 'TransactionList' },
      '400': 'BadRequest',
      '401': 'Unauthorized',
    },
  },
  {
    method: 'get',
    path: '/transactions/{acsTransID}',
    operationId: 'getTransaction',
    summary: "A transaction's whole story",
    description:
      'The transaction, its challenge, every message in and out (oldest first) and every RReq attempt.',
    tag: 'transactions',
    pathParameters: 'TransactionPath',
    responses: {
      '200': { description: 'The transaction.', answer: 'TransactionDetail' },
      '401': 'Unauthorized',
      '404': 'NotFound',
    },
  },
  {
    method: 'get',
    path: '/transactions/{acsTransID}/export',
    operationId: 'exportTransaction',
    summary: "A transaction's whole exchange as one document",
    description:
      'Messages in order with their time since the AReq (fault entries included), the deciding check and every RReq attempt with its verdict, PAN masked and no secret: a file to attach to a bug report, and the body of POST /replays.',
    tag: 'transactions',
    pathParameters: 'TransactionPath',
    responses: {
      '200': {
        description: 'The document, as a download.',
        answer: 'ExchangeDocument',
        disposition: 'attachment; filename=acs-exchange-<acsTransID>.json',
      },
      '401': 'Unauthorized',
      '404': 'NotFound',
    },
  },
  {
    method: 'post',
    path: '/transactions/{acsTransID}/rreq',
    operationId: 'resendRReq',
    summary: "Send a finished challenge's RReq again",
    description:
      'Rebuilt from the stored result, exactly as first sent, with the usual retries. 409 when the transaction was not challenged or its challenge has not ended.',
    tag: 'transactions',
    pathParameters: 'TransactionPath',
    body: noBody,
    responses: {
      '200': {
        description: 'Sent (delivered or not: see delivered and rreqAttempts).',
        answer: 'RReqResend',
      },
      ...bodyFailures,
      '404': 'NotFound',
      '409': 'Conflict',
    },
  },
  {
    method: 'post',
    path: '/replays',
    operationId: 'replayExchange',
    summary: "Run an exported exchange's AReq again and compare",
    description:
      "A dry run against this ACS's current code, settings and cards: nothing is stored, no text message is sent, no limit is counted, no delay is waited (waitMs says how long the answer would have waited). The differences from the recorded ARes and deciding check are listed element by element. The card: acctNumber when given (its first 6 and last 4 digits must be the export's), else the export's card if it still exists, else the one card with the export's masked PAN; 422 when none or several.",
    tag: 'transactions',
    body: { schema: 'Replay', required: true },
    responses: {
      '200': {
        description: 'The comparison (an AReq now answered with an Erro is a difference).',
        answer: 'ReplayReport',
      },
      '400': 'BadRequest',
      '401': 'Unauthorized',
      '413': 'ExchangeTooLarge',
      '415': 'UnsupportedMediaType',
      '422': 'Unprocessable',
    },
  },
  {
    method: 'get',
    path: '/messages',
    operationId: 'listMessages',
    summary: 'Text messages sent, newest first, with their codes',
    tag: 'messages',
    query: 'MessageSearch',
    responses: {
      '200': { description: 'The messages.', answer: 'MessageList' },
      '400': 'BadRequest',
      '401': 'Unauthorized',
    },
  },
  {
    method: 'get',
    path: '/api-keys',
    operationId: 'listApiKeys',
    summary: 'Every admin API key, oldest first',
    tag: 'api-keys',
    responses: {
      '200': { description: 'The keys (never the keys themselves).', answer: 'ApiKeyList' },
      '401': 'Unauthorized',
    },
  },
  {
    method: 'post',
    path: '/api-keys',
    operationId: 'createApiKey',
    summary: 'Issue a new admin API key',
    tag: 'api-keys',
    body: { schema: 'NewApiKey', required: true },
    responses: {
      '201': {
        description: 'Issued; the key is shown this once.',
        answer: 'IssuedApiKey',
        location: 'The new key.',
      },
      ...bodyFailures,
    },
  },
  {
    method: 'delete',
    path: '/api-keys/{id}',
    operationId: 'deleteApiKey',
    summary: 'Revoke an admin API key',
    description: 'The key making the request cannot revoke itself (409), so one working key always remains.',
    tag: 'api-keys',
    pathParameters: 'ApiKeyPath',
    responses: { '204': 'NoContent', '401': 'Unauthorized', '404': 'NotFound', '409': 'Conflict' },
  },
];
