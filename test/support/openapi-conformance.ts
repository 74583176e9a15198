/**
 * Checks real admin API answers against the OpenAPI document: the status must be one the
 * operation documents, and the body must match that response's schema (references resolved,
 * closed objects closed), so the document cannot drift from what the routes send.
 */
import { expect } from 'vitest';
import { z } from 'zod';
import { adminOpenApiDocument } from '../../src/http/admin/openapi.ts';
import type { OpenApiMethod } from '../../src/http/admin/openapi-operations.ts';

/** `value` with every local $ref replaced by what it points to. */
export function resolveRefs(value: unknown, depth = 0): unknown {
  if (depth > 40) throw new Error('$ref nesting too deep (a cycle?)');
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const target = object.$ref;
  if (typeof target === 'string') {
    const { $ref: _ref, ...siblings } = object;
    return { ...(resolveRefs(pointer(target), depth + 1) as Record<string, unknown>), ...siblings };
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, inner]) => [key, resolveRefs(inner, depth + 1)]),
  );
}

/** The part of the document a local JSON pointer (`#/components/...`) names; throws when it names nothing. */
export function pointer(target: string): unknown {
  if (!target.startsWith('#/')) throw new Error(`not a local reference: ${target}`);
  let node: unknown = adminOpenApiDocument;
  for (const part of target.slice(2).split('/')) {
    if (typeof node !== 'object' || node === null || !(part in node))
      throw new Error(`dangling $ref ${target}`);
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Asserts that `res` is a documented answer of `method path` (path as in the document, e.g. /api/admin/cards/{id}). */
export function expectDocumented(
  method: OpenApiMethod,
  path: string,
  res: { status: number; body: unknown; text?: string },
): void {
  const operation = adminOpenApiDocument.paths[path]?.[method];
  expect(operation, `${method.toUpperCase()} ${path} is documented`).toBeDefined();
  const documented = resolveRefs(operation?.responses[String(res.status)]) as
    | { content?: Record<string, { schema: unknown }> }
    | undefined;
  expect(documented, `${method.toUpperCase()} ${path} documents status ${res.status}`).toBeDefined();
  const schema = documented?.content?.['application/json']?.schema;
  if (schema === undefined) {
    expect(res.text ?? '', `${method.toUpperCase()} ${path} ${res.status} has no body`).toBe('');
    return;
  }
  const parsed = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(res.body);
  expect(
    parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    `${method.toUpperCase()} ${path} ${res.status} matches its schema`,
  ).toEqual([]);
}
