/**
 * The admin API's OpenAPI document against the routes themselves: every route adminRoutes()
 * registers is documented and every documented operation is a route; path parameters match
 * their templates; every reference resolves; every operation answers 401 without a key; the
 * served document is this one. And the document is generated from the schemas the routes
 * validate with: a schema set with a changed card schema changes both the document and what
 * the API accepts.
 */
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newTestCardSchema } from '../../src/flows/admin/card-input.ts';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { adminRoutes } from '../../src/http/admin/admin-routes.ts';
import { type AdminSchemas, adminSchemas } from '../../src/http/admin/admin-schemas.ts';
import { adminOpenApiDocument, buildAdminOpenApiDocument } from '../../src/http/admin/openapi.ts';
import type { OpenApiMethod } from '../../src/http/admin/openapi-operations.ts';
import { errorHandler } from '../../src/http/common/error-handler.ts';
import { mountPoints } from '../../src/http/common/mount-points.ts';
import { pointer, resolveRefs } from '../support/openapi-conformance.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';

const key = 'openapi-test-admin-key-0123456789-abcdefgh';
const methods: readonly OpenApiMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/** The routes registered on a router, as "METHOD /path/{param}". */
function routesOf(router: { stack: readonly unknown[] }): string[] {
  return router.stack.flatMap((layer) => {
    const route = (layer as { route?: { path?: unknown; methods?: unknown } }).route;
    if (route === undefined) return [];
    const methodsOfRoute = route.methods as Record<string, boolean>;
    const path = `/api/admin${String(route.path)}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    return Object.keys(methodsOfRoute)
      .filter((method) => methodsOfRoute[method] === true)
      .map((method) => `${method.toUpperCase()} ${path}`);
  });
}

/** The operations the document describes, as "METHOD /path/{param}". */
function documentedOperations(): string[] {
  return Object.entries(adminOpenApiDocument.paths).flatMap(([path, item]) =>
    methods.filter((method) => item[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** Every "$ref" string anywhere in `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
}

let acs: TestAcs;
beforeAll(async () => {
  acs = await createTestAcs();
  await ensureAdminKey(acs.deps, key);
});
afterAll(() => acs.close());

describe('the admin OpenAPI document', () => {
  it('documents exactly the routes adminRoutes registers', () => {
    const routes = routesOf(adminRoutes(acs.deps)).sort();
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes).toEqual(documentedOperations().sort());
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('declares each path parameter of each template, and no other', () => {
    for (const [path, item] of Object.entries(adminOpenApiDocument.paths)) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const method of methods) {
        const operation = item[method];
        if (operation === undefined) continue;
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort();
        expect({ operation: `${method} ${path}`, declared }).toEqual({
          operation: `${method} ${path}`,
          declared: inTemplate,
        });
      }
    }
  });

  it('gives every operation a unique operationId, a success and a 401 answer', () => {
    const operations = Object.values(adminOpenApiDocument.paths).flatMap((item) =>
      methods.flatMap((method) => (item[method] === undefined ? [] : [item[method]])),
    );
    const ids = operations.map((operation) => operation?.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of operations) {
      const statuses = Object.keys(operation?.responses ?? {});
      expect({ id: operation?.operationId, has401: statuses.includes('401') }).toEqual({
        id: operation?.operationId,
        has401: true,
      });
      expect(statuses.some((status) => status.startsWith('2'))).toBe(true);
    }
  });

  it('has no dangling reference', () => {
    const refs = [...new Set(refsIn(adminOpenApiDocument))];
    expect(refs.length).toBeGreaterThan(10);
    for (const target of refs) expect(() => pointer(target), target).not.toThrow();
    expect(() => resolveRefs(adminOpenApiDocument.paths)).not.toThrow();
  });

  it('is served, with the public URL as its server, only with a key', async () => {
    const res = await request(acs.app).get('/api/admin/openapi.json').set('Authorization', `Bearer ${key}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ ...adminOpenApiDocument, servers: [{ url: 'http://acs.test' }] });

    const anonymous = await request(acs.app).get('/api/admin/openapi.json');
    expect({ status: anonymous.status, body: anonymous.body }).toEqual({
      status: 401,
      body: { error: 'unauthorized', message: 'an admin API key is required (Authorization: Bearer <key>)' },
    });
  });
});

describe('one source per shape', () => {
  /** The default set with another new-card schema. */
  const withNewCard = (NewCard: AdminSchemas['bodies']['NewCard']): AdminSchemas => ({
    ...adminSchemas,
    bodies: { ...adminSchemas.bodies, NewCard },
  });
  /** A card schema that gained a required property, and one that lost the email. */
  const gained = withNewCard(newTestCardSchema.extend({ nickname: z.string().max(20) }));
  // Built from the shape: zod's omit refuses a schema with refinements (the fault delay's).
  const { email: _email, ...withoutEmail } = newTestCardSchema.shape;
  const lost = withNewCard(z.strictObject(withoutEmail));

  /** The NewCard component of a document. */
  const newCardOf = (document: { components: { schemas: Readonly<Record<string, unknown>> } }) =>
    document.components.schemas.NewCard as { properties: Record<string, unknown>; required: string[] };

  /** The admin API mounted as src/app.ts mounts it, with the error handler, over `schemas`. */
  const apiWith = (schemas: AdminSchemas) =>
    express()
      .use(mountPoints.admin, adminRoutes(acs.deps, schemas))
      .use(errorHandler(acs.deps.logger, acs.deps.metrics));

  const body = { pan: '4000 0000 0000 3006', scenario: 'challenge-sms', email: 'nia@example.test' };

  it('generates the document from the schemas it is given', () => {
    expect(buildAdminOpenApiDocument(adminSchemas)).toEqual(adminOpenApiDocument);
    const today = newCardOf(adminOpenApiDocument);
    expect(Object.keys(today.properties)).toEqual([
      'pan',
      'scenario',
      'cardholderName',
      'phone',
      'email',
      'fault',
      'faultDelayMs',
    ]);
    expect(today.required).toEqual(['pan', 'scenario']);

    const more = newCardOf(buildAdminOpenApiDocument(gained));
    expect(more.properties.nickname).toEqual({ type: 'string', maxLength: 20 });
    expect(more.required).toEqual(['pan', 'scenario', 'nickname']);

    const fewer = newCardOf(buildAdminOpenApiDocument(lost));
    expect(Object.keys(fewer.properties)).toEqual([
      'pan',
      'scenario',
      'cardholderName',
      'phone',
      'fault',
      'faultDelayMs',
    ]);
    // Only the schema changed: the rest of the document is the same.
    expect(buildAdminOpenApiDocument(lost).paths).toEqual(adminOpenApiDocument.paths);
  });

  it('writes descriptions and examples from the schemas, query parameters included', () => {
    const pan = newCardOf(adminOpenApiDocument).properties.pan as { type: string; description: string };
    expect(pan.type).toBe('string');
    expect(pan.description).toMatch(/^13 to 19 digits/);
    const search = adminOpenApiDocument.paths['/api/admin/transactions']?.get?.parameters ?? [];
    expect(search.find((parameter) => parameter.name === 'limit')).toEqual({
      name: 'limit',
      in: 'query',
      required: false,
      description: 'How many to return, 1 to 200 (default 50).',
      schema: { type: 'string', pattern: '^[0-9]{1,4}$' },
    });
  });

  it('validates requests with the same schemas it documents', async () => {
    const auth = { Authorization: `Bearer ${key}` };
    const api = apiWith(gained);
    const served = await request(api).get('/api/admin/openapi.json').set(auth);
    expect(served.status).toBe(200);
    expect(newCardOf(served.body).required).toContain('nickname');

    // The API over the default schemas takes the body; over the changed one it is refused.
    const refused = await request(api).post('/api/admin/cards').set(auth).send(body);
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'invalid or missing: nickname' },
    });
    const tooLong = await request(api)
      .post('/api/admin/cards')
      .set(auth)
      .send({ ...body, nickname: 'n'.repeat(21) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/^invalid or missing: nickname \(/);

    const withoutEmail = await request(apiWith(lost)).post('/api/admin/cards').set(auth).send(body);
    expect({ status: withoutEmail.status, body: withoutEmail.body }).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'invalid or missing: email (unknown)' },
    });

    const accepted = await request(acs.app).post('/api/admin/cards').set(auth).send(body);
    expect(accepted.status).toBe(201);
  });
});
