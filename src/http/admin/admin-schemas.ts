/**
 * The admin API's one set of schemas, by the name the OpenAPI document gives each: what the
 * routes validate (bodies, path parameters, query strings) and what they answer. The routes
 * parse with these very objects (src/http/admin/admin-routes.ts takes the set) and the document
 * is generated from them (src/http/admin/openapi.ts), so the two cannot disagree. A set with a
 * changed schema, built from this one, changes both at once.
 */
import type { z } from 'zod';
import { newTestCardSchema, testCardChangesSchema } from '../../flows/admin/card-input.ts';
import {
  apiKeyAnswer,
  apiKeyListAnswer,
  cardAnswer,
  cardListAnswer,
  challengeAnswer,
  issuedApiKeyAnswer,
  messageListAnswer,
  openApiDocumentAnswer,
  problemAnswer,
  purchaseAnswer,
  replyVerdictAnswer,
  rreqAnswer,
  rreqAttemptAnswer,
  rreqResendAnswer,
  sandboxMessageAnswer,
  timelineMessageAnswer,
  totpEnrolmentAnswer,
  transactionAnswer,
  transactionDetailAnswer,
  transactionListAnswer,
  transactionSummaryAnswer,
} from './answer-schemas.ts';
import { exchangeDocumentAnswer, replayReportAnswer } from './exchange-schemas.ts';
import {
  apiKeyPathSchema,
  cardPasswordSchema,
  cardPathSchema,
  emptyBodySchema,
  messageSearchSchema,
  newApiKeySchema,
  replaySchema,
  transactionPathSchema,
  transactionSearchSchema,
} from './request-schemas.ts';

/** The schemas of the admin API, as its routes and its document use them. */
export const adminSchemas = {
  /** Request bodies: components.schemas, described as a client sends them. */
  bodies: {
    NewCard: newTestCardSchema,
    CardChanges: testCardChangesSchema,
    CardPassword: cardPasswordSchema,
    NewApiKey: newApiKeySchema,
    EmptyBody: emptyBodySchema,
    Replay: replaySchema,
  },
  /** Path parameters and query strings: one object each, listed as an operation's parameters. */
  parameters: {
    CardPath: cardPathSchema,
    TransactionPath: transactionPathSchema,
    ApiKeyPath: apiKeyPathSchema,
    TransactionSearch: transactionSearchSchema,
    MessageSearch: messageSearchSchema,
  },
  /** Answers: components.schemas, described as the API sends them. */
  answers: {
    Error: problemAnswer,
    Card: cardAnswer,
    CardList: cardListAnswer,
    TotpEnrolment: totpEnrolmentAnswer,
    Purchase: purchaseAnswer,
    TransactionSummary: transactionSummaryAnswer,
    TransactionList: transactionListAnswer,
    Transaction: transactionAnswer,
    Challenge: challengeAnswer,
    TimelineMessage: timelineMessageAnswer,
    ReplyVerdict: replyVerdictAnswer,
    RReqAttempt: rreqAttemptAnswer,
    TransactionDetail: transactionDetailAnswer,
    RReq: rreqAnswer,
    RReqResend: rreqResendAnswer,
    ExchangeDocument: exchangeDocumentAnswer,
    ReplayReport: replayReportAnswer,
    SandboxMessage: sandboxMessageAnswer,
    MessageList: messageListAnswer,
    ApiKey: apiKeyAnswer,
    ApiKeyList: apiKeyListAnswer,
    IssuedApiKey: issuedApiKeyAnswer,
    OpenApiDocument: openApiDocumentAnswer,
  },
} as const;

type DefaultSchemas = typeof adminSchemas;

/**
 * A schema set the routes and the document can be built from: the same names, each schema
 * free to differ as long as what it parses to is what the route hands its flow.
 */
export type AdminSchemas = {
  readonly [Group in keyof DefaultSchemas]: {
    readonly [Name in keyof DefaultSchemas[Group]]: z.ZodType<z.output<DefaultSchemas[Group][Name]>>;
  };
};

/** The name of a request body schema. */
export type BodyName = keyof AdminSchemas['bodies'];
/** The name of a path or query parameter schema. */
export type ParametersName = keyof AdminSchemas['parameters'];
/** The name of an answer schema. */
export type AnswerName = keyof AdminSchemas['answers'];
/** What the answer schema `Name` parses to: the type its builder (src/http/admin/admin-json.ts) returns. */
export type Answer<Name extends AnswerName> = z.output<DefaultSchemas['answers'][Name]>;
