/**
 * The admin API's OpenAPI document against the routes themselves: every route adminRoutes()
 * registers is documented and every documented operation is a route; path parameters match
 * their templates; every reference resolves; every operation answers 401 without a key; the
 * served document is this one.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminKey } from '../../src/flows/admin/keys.ts';
import { adminRoutes } from '../../src/http/admin/admin-routes.ts';
import { adminOpenApiDocument } from '../../src/http/admin/openapi.ts';
import type { OpenApiMethod } from '../../src/http/admin/openapi-types.ts';
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
