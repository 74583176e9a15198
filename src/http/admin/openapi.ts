/**
 * The admin API's OpenAPI 3.1 document, served at GET /api/admin/openapi.json, generated from
 * the schema set the routes validate with (src/http/admin/admin-schemas.ts) and the table of
 * operations (src/http/admin/openapi-operations.ts) by zod's own `z.toJSONSchema`: request
 * bodies as a client sends them (io "input": a PAN typed with spaces, a limit as a string),
 * answers as the API sends them (io "output"), each named schema once in components.schemas and
 * referenced wherever it is used. Path and query schemas become the operations' parameters.
 */
import { z } from 'zod';
import { InternalError } from '../../errors/index.ts';
import { mountPoints } from '../common/mount-points.ts';
import { type AdminSchemas, adminSchemas } from './admin-schemas.ts';
import {
  type AdminOperation,
  adminOperations,
  type OpenApiMethod,
  type OwnResponse,
  type SharedResponseName,
} from './openapi-operations.ts';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** An OpenAPI Parameter Object. */
export type OpenApiParameter = Readonly<{
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}>;

/** An OpenAPI Response Object, or a reference to one in components.responses. */
export type OpenApiResponse =
  | Readonly<{
      description: string;
      headers?: Readonly<Record<string, Readonly<{ description: string; schema: JsonSchema }>>>;
      content?: Readonly<Record<string, Readonly<{ schema: JsonSchema }>>>;
    }>
  | Readonly<{ $ref: string }>;

/** An OpenAPI Operation Object. */
export type OpenApiOperation = Readonly<{
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  parameters?: readonly OpenApiParameter[];
  requestBody?: Readonly<{
    required: boolean;
    content: Readonly<Record<string, Readonly<{ schema: JsonSchema }>>>;
  }>;
  responses: Readonly<Record<string, OpenApiResponse>>;
}>;

/** An OpenAPI Path Item Object (operations by method). */
export type OpenApiPathItem = Readonly<Partial<Record<OpenApiMethod, OpenApiOperation>>>;

/** The OpenAPI 3.1 document (its `servers` are added when it is served). */
export type OpenApiDocument = Readonly<{
  openapi: '3.1.0';
  info: Readonly<{ title: string; version: string; description: string }>;
  tags: readonly Readonly<{ name: string; description: string }>[];
  security: readonly Readonly<Record<string, readonly string[]>>[];
  paths: Readonly<Record<string, OpenApiPathItem>>;
  components: Readonly<{
    securitySchemes: Readonly<Record<string, Readonly<Record<string, string>>>>;
    schemas: Readonly<Record<string, JsonSchema>>;
    responses: Readonly<Record<string, OpenApiResponse>>;
  }>;
}>;

const schemaRef = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const problem = (description: string): OpenApiResponse => ({
  description,
  content: json(schemaRef('Error')),
});

/** components.responses: the answers many operations share. */
const sharedResponses: Readonly<Record<SharedResponseName, OpenApiResponse>> = {
  BadRequest: problem('The body or query fails validation; the message names the fields.'),
  Unauthorized: {
    description: 'No admin API key, or not a valid one.',
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="acs-admin"', schema: { type: 'string' } } },
    content: json(schemaRef('Error')),
  },
  NotFound: problem('No such resource.'),
  Conflict: problem('The request conflicts with the current state.'),
  PayloadTooLarge: problem('The body is over 8 KiB.'),
  ExchangeTooLarge: problem('The body is over 1 MiB.'),
  UnsupportedMediaType: problem('The body is not application/json.'),
  Unprocessable: problem(
    'The export cannot be replayed: no AReq or ARes in it, an AReq this ACS refuses (the message gives its Erro), or no single card to answer for (give acctNumber).',
  ),
  NoContent: { description: 'Done; no body.' },
};

/**
 * Leaves out what zod writes only as an implementation of something already said: the regular
 * expression beside a `format` (uuid, date-time, email), the safe-integer bounds of every
 * integer, and "keys are strings" on a record (JSON keys always are). The rules themselves stay,
 * and the routes still apply zod's exact ones.
 */
function tidy({ jsonSchema }: { jsonSchema: Record<string, unknown> }): void {
  if (typeof jsonSchema.format === 'string') delete jsonSchema.pattern;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  const keys = jsonSchema.propertyNames as Record<string, unknown> | undefined;
  if (keys?.type === 'string' && Object.keys(keys).length === 1) delete jsonSchema.propertyNames;
}

/** The JSON Schema of each named schema of `group`, references between them as components.schemas refs. */
function componentSchemas(
  group: Readonly<Record<string, z.ZodType>>,
  io: 'input' | 'output',
): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(group)) registry.add(schema, { id: name });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    uri: (id) => `#/components/schemas/${id}`,
    override: tidy,
  });
  // Only the set's named schemas become components; zod puts anything else it must extract (a
  // recursive schema without a name) in a shared document the OpenAPI document has no place for.
  if ('__shared' in schemas)
    throw new InternalError(
      'invariant_broken',
      'an admin schema must be extracted but has no name in the set',
    );
  return Object.fromEntries(
    Object.entries(schemas).map(([name, { $schema: _dialect, $id: _id, ...schema }]) => [name, schema]),
  );
}

/** The parameters an object schema of path or query values describes, one per property. */
function parametersOf(schema: z.ZodType, location: 'path' | 'query'): OpenApiParameter[] {
  const object = z.toJSONSchema(schema, { io: 'input', override: tidy }) as {
    properties?: Record<string, JsonSchema>;
    required?: readonly string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, { description, ...valueSchema }]) => {
    const required = object.required?.includes(name) ?? false;
    if (location === 'path' && !required)
      throw new InternalError('invariant_broken', `path parameter ${name} must be required`);
    return {
      name,
      in: location,
      required,
      ...(typeof description === 'string' ? { description } : {}),
      schema: valueSchema,
    };
  });
}

function responseOf(spec: OwnResponse | SharedResponseName): OpenApiResponse {
  if (typeof spec === 'string') return { $ref: `#/components/responses/${spec}` };
  const headers = {
    ...(spec.location === undefined
      ? {}
      : { Location: { description: spec.location, schema: { type: 'string' } } }),
    ...(spec.disposition === undefined
      ? {}
      : { 'Content-Disposition': { description: spec.disposition, schema: { type: 'string' } } }),
  };
  return {
    description: spec.description,
    ...(Object.keys(headers).length === 0 ? {} : { headers }),
    content: json(schemaRef(spec.answer)),
  };
}

function operationOf(operation: AdminOperation, { parameters }: AdminSchemas): OpenApiOperation {
  const listed = [
    ...(operation.pathParameters === undefined
      ? []
      : parametersOf(parameters[operation.pathParameters], 'path')),
    ...(operation.query === undefined ? [] : parametersOf(parameters[operation.query], 'query')),
  ];
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description === undefined ? {} : { description: operation.description }),
    tags: [operation.tag],
    ...(listed.length === 0 ? {} : { parameters: listed }),
    ...(operation.body === undefined
      ? {}
      : {
          requestBody: { required: operation.body.required, content: json(schemaRef(operation.body.schema)) },
        }),
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, spec]) => [status, responseOf(spec)]),
    ),
  };
}

/** The OpenAPI 3.1 document of the admin API whose routes validate and answer with `schemas`. */
export function buildAdminOpenApiDocument(schemas: AdminSchemas): OpenApiDocument {
  const bodies = componentSchemas(schemas.bodies, 'input');
  const answers = componentSchemas(schemas.answers, 'output');
  const clash = Object.keys(bodies).find((name) => name in answers);
  if (clash !== undefined)
    throw new InternalError('invariant_broken', `${clash} names both a request body and an answer`);
  const paths: Record<string, Partial<Record<OpenApiMethod, OpenApiOperation>>> = {};
  for (const operation of adminOperations) {
    const path = `${mountPoints.admin}${operation.path}`;
    paths[path] = { ...paths[path], [operation.method]: operationOf(operation, schemas) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ACS Simulator admin API',
      version: '1',
      description:
        'Test cards and their credentials, transactions and their timelines (exported, and replayed as regression tests), sent text messages, and admin API keys. Every operation needs an admin API key (docs/admin-api.md).',
    },
    tags: [
      { name: 'cards', description: 'Test cards and their credentials' },
      {
        name: 'transactions',
        description: 'Transactions, their timelines, RReq delivery, export and replay',
      },
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
      schemas: { ...bodies, ...answers },
      responses: sharedResponses,
    },
  };
}

/** The document of the admin API as served (src/http/admin/admin-routes.ts adds `servers`). */
export const adminOpenApiDocument: OpenApiDocument = buildAdminOpenApiDocument(adminSchemas);
