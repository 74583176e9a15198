/**
 * The shapes of an OpenAPI 3.1 document (the parts the admin API's document uses) and small
 * builders for its schemas and responses, so the document itself reads as data.
 */

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), with the keywords this document uses. */
export type JsonSchema = Readonly<{
  $ref?: string;
  type?: JsonType | readonly JsonType[];
  format?: string;
  description?: string;
  enum?: readonly (string | null)[];
  const?: string | boolean;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: readonly JsonSchema[];
  examples?: readonly unknown[];
}>;

/** JSON Schema's primitive type names. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** An OpenAPI Parameter Object. */
export type OpenApiParameter = Readonly<{
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description: string;
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

/** The HTTP methods the admin API uses. */
export type OpenApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** An OpenAPI Path Item Object (operations by method). */
export type OpenApiPathItem = Readonly<Partial<Record<OpenApiMethod, OpenApiOperation>>>;

/** The OpenAPI 3.1 document. */
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

/** A reference to components.schemas[name]. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
/** `schema`, or null (an enum lists null too, or JSON Schema would refuse it). */
export const nullable = (schema: JsonSchema): JsonSchema => ({
  ...schema,
  type: [schema.type as JsonType, 'null'],
  ...(Array.isArray(schema.enum) ? { enum: [...schema.enum, null] } : {}),
});
/** A JSON content map for `schema`. */
export const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
/** A reference to components.responses[name]. */
export const response = (name: string): OpenApiResponse => ({ $ref: `#/components/responses/${name}` });
/** A success response with a JSON body. */
export const ok = (description: string, schema: JsonSchema): OpenApiResponse => ({
  description,
  content: json(schema),
});
/** A closed object: every property listed is required, no other is allowed. */
export const record = (
  properties: Readonly<Record<string, JsonSchema>>,
  description?: string,
): JsonSchema => ({
  type: 'object',
  ...(description === undefined ? {} : { description }),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

/** A UUID string. */
export const uuid: JsonSchema = { type: 'string', format: 'uuid' };
/** A UTC date-time string. */
export const time: JsonSchema = { type: 'string', format: 'date-time' };
/** Any string. */
export const text: JsonSchema = { type: 'string' };
