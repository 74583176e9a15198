/**
 * The project's dependency rules, read from the imports of a source tree, so that the
 * architecture test can check the real tree and also show, on a small tree of its own, that a
 * forbidden import is caught.
 *
 * A unit is a layer (the first folder under src/: protocol, domain, store, ...), a group of
 * the flows or the HTTP layer (src/flows/challenge, src/http/admin, ...), or a group of the
 * views (views/console, ...). Layers point one way: http -> flows -> (decision, otp, signing,
 * delivery, store) -> domain -> protocol -> errors. Inside flows, `common` is below every
 * group; the demo merchant (the other side of the protocol) uses only `threeds` and `common`;
 * nothing but the composition root (src/app.ts, src/main.ts) and a group's own routes imports
 * `console` or `demo`. Views render what flows return: they may import flow models, never
 * stores, keys or express, and only the HTTP layer and the composition root import views.
 */
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const lower = [
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
];
const flowsBase = [...lower, 'flows/common'];
const httpBase = [
  'flows/common',
  'http/common',
  'views/common',
  'domain',
  'protocol',
  'errors',
  'config',
  'log',
  'metrics',
  'signing',
];

/** Which units each unit may import (itself always allowed). */
export const allowedImports: Readonly<Record<string, readonly string[]>> = {
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
  'flows/common': lower,
  'flows/threeds': flowsBase,
  'flows/challenge': flowsBase,
  'flows/sandbox': [...flowsBase, 'flows/challenge'],
  'flows/admin': [...flowsBase, 'flows/challenge', 'flows/sandbox', 'flows/threeds'],
  'flows/console': [...flowsBase, 'flows/admin', 'flows/sandbox', 'flows/challenge', 'flows/threeds'],
  'flows/demo': [...flowsBase, 'flows/threeds'],
  'views/common': ['flows/common', 'domain', 'protocol', 'errors'],
  'views/challenge': ['views/common', 'flows/challenge', 'flows/common', 'domain', 'protocol'],
  'views/console': ['views/common', 'flows/console', 'flows/admin', 'flows/common', 'domain', 'protocol'],
  'views/demo': ['views/common', 'flows/demo', 'flows/common', 'domain', 'protocol'],
  'views/sandbox': ['views/common', 'flows/sandbox', 'flows/common', 'domain', 'protocol'],
  'http/common': ['flows/common', 'views/common', 'domain', 'protocol', 'errors', 'config', 'log', 'metrics'],
  'http/threeds': [...httpBase, 'flows/threeds'],
  'http/challenge': [...httpBase, 'flows/challenge', 'flows/threeds', 'views/challenge'],
  'http/admin': [...httpBase, 'flows/admin', 'flows/sandbox', 'flows/challenge'],
  'http/console': [...httpBase, 'flows/console', 'flows/admin', 'flows/sandbox', 'views/console'],
  'http/demo': [...httpBase, 'flows/demo', 'views/demo'],
  'http/sandbox': [...httpBase, 'flows/sandbox', 'flows/challenge', 'views/sandbox'],
  'http/ops': [...httpBase, 'flows/challenge'],
  app: ['http/*', 'flows/common', 'views/common', 'errors'],
  main: ['app', 'config', 'domain', 'flows/*', 'log', 'metrics', 'signing', 'store', 'delivery'],
};

/** Third-party packages only some units may import. */
export const ownedPackages: Readonly<Record<string, readonly string[]>> = {
  jose: ['signing'],
  '@peculiar/x509': ['signing'],
  'reflect-metadata': ['signing'],
  'better-sqlite3': ['store'],
  pg: ['store'],
  'prom-client': ['metrics'],
  pino: ['log'],
  twilio: ['delivery'],
  argon2: ['signing'],
  otplib: ['otp'],
  qrcode: ['otp'],
  express: ['http/*', 'app'],
  cookie: ['http/*'],
  helmet: ['http/*', 'app'],
};

/** The unit of a file, from its path relative to the project root; undefined outside src/ and views/. */
export function unitOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[0] === 'views') return parts.length > 2 ? `views/${parts[1]}` : 'views';
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  if (parts.length === 2) return (parts[1] as string).replace(/\.ts$/, '');
  if ((parts[1] === 'flows' || parts[1] === 'http') && parts.length > 3) return `${parts[1]}/${parts[2]}`;
  return parts[1];
}

function sourceFiles(root: string, dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(root, join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** One import of the tree: the importing file, its unit, and the imported unit or package. */
export type ImportEdge = Readonly<{ file: string; from: string; to: string; isPackage: boolean }>;

/** Every import of src/ and views/ under `root`, as edges between units (and to packages). */
export function importEdges(root: string): ImportEdge[] {
  const files = [...sourceFiles(root, 'src'), ...sourceFiles(root, 'views')];
  return files.flatMap((file) => {
    const from = unitOf(file);
    if (from === undefined) return [];
    const text = readFileSync(join(root, file), 'utf8');
    const specs = [...text.matchAll(/^(?:import|export)[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)].map(
      (m) => (m[1] ?? m[2]) as string,
    );
    return specs.map((spec): ImportEdge => {
      if (!spec.startsWith('.')) {
        const name = spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : (spec.split('/')[0] as string);
        return { file, from, to: name, isPackage: true };
      }
      const target = relative(root, normalize(join(root, dirname(file), spec)));
      return { file, from, to: unitOf(target) ?? target, isPackage: false };
    });
  });
}

function permits(list: readonly string[], unit: string): boolean {
  return list.some(
    (entry) => entry === unit || (entry.endsWith('/*') && unit.startsWith(entry.slice(0, -1))),
  );
}

/** Units of the tree the rules do not name (a new folder needs a rule). */
export function unknownUnits(edges: readonly ImportEdge[]): string[] {
  return [...new Set(edges.map((edge) => edge.from))].filter((unit) => !(unit in allowedImports)).sort();
}

/** Each import between units that the rules forbid, as "file imports unit". */
export function forbiddenImports(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((edge) => !edge.isPackage && edge.to !== edge.from)
    .filter((edge) => !permits(allowedImports[edge.from] ?? [], edge.to))
    .map((edge) => `${edge.file} imports ${edge.to}`);
}

/** Each import of an owned package from a unit that does not own it. */
export function misplacedPackages(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((edge) => edge.isPackage && edge.to in ownedPackages)
    .filter((edge) => !permits(ownedPackages[edge.to] ?? [], edge.from))
    .map((edge) => `${edge.file} imports ${edge.to}`);
}
