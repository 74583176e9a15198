/**
 * The dependency rules of STYLE.md, checked by reading imports: http -> flows -> (decision,
 * otp, signing, delivery, store) -> domain -> protocol -> errors, and each third-party
 * library imported only by the layer that owns it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Each file with its layer (first folder under src/, or the file name) and import specifiers. */
const files = sourceFiles(root).map((file) => {
  const rel = relative(root, file);
  const layer = rel.includes('/') ? (rel.split('/')[0] as string) : rel.replace(/\.ts$/, '');
  const imports = [
    ...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'|^import\s+'([^']+)'/gm),
  ].map((m) => (m[1] ?? m[2]) as string);
  const targets = imports.map((spec) =>
    spec.startsWith('.')
      ? relative(root, join(file, '..', spec))
          .split('/')[0]
          ?.replace(/\.ts$/, '')
      : `pkg:${spec}`,
  );
  return { rel, layer, targets };
});

/** Which src layers each layer may import (itself always allowed). */
const allowed: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  protocol: ['errors'],
  domain: ['protocol', 'errors'],
  decision: ['domain', 'protocol', 'errors'],
  otp: ['domain', 'protocol', 'errors'],
  signing: ['domain', 'protocol', 'errors'],
  delivery: ['domain', 'protocol', 'errors'],
  store: ['domain', 'protocol', 'errors'],
  config: ['errors'],
  log: [],
  metrics: [],
  flows: [
    'decision',
    'otp',
    'signing',
    'delivery',
    'store',
    'domain',
    'protocol',
    'errors',
    'config',
    'log',
    'metrics',
    '..',
  ],
  http: ['flows', 'signing', 'domain', 'protocol', 'errors', 'config', 'log', 'metrics', '..'],
  app: ['http', 'flows', 'errors', '..'],
  main: ['app', 'config', 'domain', 'flows', 'log', 'metrics', 'signing', 'store', 'delivery'],
};

/** Third-party packages only one layer may import. */
const ownedPackages: Readonly<Record<string, readonly string[]>> = {
  'pkg:jose': ['signing'],
  'pkg:@peculiar/x509': ['signing'],
  'pkg:reflect-metadata': ['signing'],
  'pkg:better-sqlite3': ['store'],
  'pkg:prom-client': ['metrics'],
  'pkg:pg': ['store'],
  'pkg:twilio': ['delivery'],
  'pkg:argon2': ['signing'],
  'pkg:otplib': ['otp'],
  'pkg:qrcode': ['otp'],
  'pkg:express': ['http', 'app'],
  'pkg:helmet': ['http', 'app'],
};

describe('architecture', () => {
  it('knows every layer', () => {
    expect(files.map((f) => f.layer).filter((layer) => !(layer in allowed))).toEqual([]);
  });

  it('keeps dependencies pointing one way', () => {
    const violations = files.flatMap(({ rel, layer, targets }) =>
      targets
        .filter((t): t is string => t !== undefined && !t.startsWith('pkg:') && t !== layer)
        .filter((t) => !(allowed[layer] ?? []).includes(t))
        .map((t) => `${rel} imports ${t}`),
    );
    expect(violations).toEqual([]);
  });

  it('lets only the owning layer import each infrastructure library', () => {
    const violations = files.flatMap(({ rel, layer, targets }) =>
      targets
        .filter((t): t is string => t !== undefined && t in ownedPackages)
        .filter((t) => !(ownedPackages[t] ?? []).includes(layer))
        .map((t) => `${rel} imports ${t.slice(4)}`),
    );
    expect(violations).toEqual([]);
  });
});
