/**
 * The dependency rules of test/support/architecture-rules.ts (docs/architecture.md), checked on
 * the project's own tree, and on a small tree written here to show that the check fails when a
 * forbidden import is added.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  forbiddenImports,
  importEdges,
  misplacedPackages,
  unitOf,
  unknownUnits,
} from '../support/architecture-rules.ts';

const projectRoot = new URL('../../', import.meta.url).pathname;
const edges = importEdges(projectRoot);

describe('architecture', () => {
  it('reads the whole tree', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(new Set(edges.map((edge) => edge.from))).toContain('flows/challenge');
    expect(new Set(edges.map((edge) => edge.from))).toContain('views/console');
  });

  it('has a rule for every layer and group', () => {
    expect(unknownUnits(edges)).toEqual([]);
  });

  it('keeps dependencies pointing one way, between layers and between groups', () => {
    expect(forbiddenImports(edges)).toEqual([]);
  });

  it('lets only the owning layer import each infrastructure library', () => {
    expect(misplacedPackages(edges)).toEqual([]);
  });
});

describe('the architecture check itself', () => {
  const root = mkdtempSync(join(tmpdir(), 'acs-architecture-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('names units by layer, and by group inside flows, http and views', () => {
    expect(unitOf('src/domain/pan.ts')).toBe('domain');
    expect(unitOf('src/flows/demo/merchant.ts')).toBe('flows/demo');
    expect(unitOf('src/http/admin/card-routes.ts')).toBe('http/admin');
    expect(unitOf('views/console/cards.ts')).toBe('views/console');
    expect(unitOf('src/app.ts')).toBe('app');
  });

  it('passes a tree that follows the rules', () => {
    write('src/flows/common/deps.ts', 'export type Deps = {};\n');
    write('src/flows/threeds/authenticate.ts', "import type { Deps } from '../common/deps.ts';\n");
    write('src/flows/demo/merchant.ts', "import { authenticate } from '../threeds/authenticate.ts';\n");
    expect(forbiddenImports(importEdges(root))).toEqual([]);
  });

  it('fails when the demo reaches past the public protocol side, or anything imports the console', () => {
    write('src/flows/console/login.ts', 'export const login = 1;\n');
    write('src/flows/demo/peek.ts', "import { openChallenge } from '../challenge/open-challenge.ts';\n");
    write('src/flows/challenge/open-challenge.ts', "import { login } from '../console/login.ts';\n");
    expect(forbiddenImports(importEdges(root)).sort()).toEqual([
      'src/flows/challenge/open-challenge.ts imports flows/console',
      'src/flows/demo/peek.ts imports flows/challenge',
    ]);
  });

  it('fails when a lower layer imports a higher one, or a flow imports a view', () => {
    write('src/domain/card.ts', "import type { Deps } from '../flows/common/deps.ts';\n");
    write('src/flows/threeds/page.ts', "import { html } from '../../../views/common/html.ts';\n");
    write('views/common/html.ts', "import { store } from '../../src/store/port.ts';\n");
    const found = forbiddenImports(importEdges(root));
    expect(found).toContain('src/domain/card.ts imports flows/common');
    expect(found).toContain('src/flows/threeds/page.ts imports views/common');
    expect(found).toContain('views/common/html.ts imports store');
  });

  it('fails when a library is imported outside the layer that owns it, and on an unknown folder', () => {
    write(
      'src/flows/threeds/sql.ts',
      "import Database from 'better-sqlite3';\nimport { compactDecrypt } from 'jose';\n",
    );
    write('src/gadgets/thing.ts', "import type { Deps } from '../flows/common/deps.ts';\n");
    const tree = importEdges(root);
    expect(misplacedPackages(tree).sort()).toEqual([
      'src/flows/threeds/sql.ts imports better-sqlite3',
      'src/flows/threeds/sql.ts imports jose',
    ]);
    expect(unknownUnits(tree)).toEqual(['gadgets']);
  });
});
