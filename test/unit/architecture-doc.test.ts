/**
 * docs/architecture.md draws the dependency rules of test/support/architecture-rules.ts as
 * Mermaid diagrams. This keeps the drawing honest: every arrow between layers is one the rules
 * allow, and the arrows between the groups of flows, http and views are exactly the rules'
 * (the `common` groups, which every group may use, are left out of the drawing).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedImports } from '../support/architecture-rules.ts';

const doc = readFileSync(new URL('../../docs/architecture.md', import.meta.url), 'utf8');

/** Every `a --> b` of the document's Mermaid blocks, as unit names (`flows_admin` is flows/admin). */
function drawnEdges(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.flatMap((block) =>
    [...block.matchAll(/^\s*(\w+)(?:\[[^\]]*\])?\s*-->\s*(\w+)/gm)].map(
      (match) => `${unitName(match[1] ?? '')} -> ${unitName(match[2] ?? '')}`,
    ),
  );
}

function unitName(id: string): string {
  return id.replace(/^(flows|http|views)_/, '$1/');
}

const isGroup = (unit: string) => /^(flows|http|views)\/(?!common$)/.test(unit);
const layerOf = (unit: string) => unit.split('/')[0] as string;

/** The rules' imports from one group to another, common groups left out. */
function groupRules(): string[] {
  return Object.entries(allowedImports).flatMap(([from, targets]) =>
    isGroup(from) ? targets.filter((to) => isGroup(to) && to !== from).map((to) => `${from} -> ${to}`) : [],
  );
}

/** Whether some unit of layer `from` may import some unit of layer `to`. */
function layersMayMeet(from: string, to: string): boolean {
  return Object.entries(allowedImports).some(
    ([unit, targets]) => layerOf(unit) === from && targets.some((target) => layerOf(target) === to),
  );
}

describe('docs/architecture.md', () => {
  const edges = drawnEdges(doc);

  it('has diagrams to check', () => {
    expect(edges.length).toBeGreaterThan(40);
  });

  it('draws exactly the rules between the groups of flows, http and views', () => {
    const drawn = edges.filter((edge) => edge.split(' -> ').every(isGroup));
    expect([...new Set(drawn)].sort()).toEqual(groupRules().sort());
  });

  it('draws only arrows between layers that the rules allow', () => {
    const layerEdges = edges.filter((edge) => !edge.split(' -> ').some(isGroup));
    const wrong = layerEdges.filter((edge) => {
      const [from, to] = edge.split(' -> ') as [string, string];
      return !layersMayMeet(from, to);
    });
    expect(layerEdges.length).toBeGreaterThan(15);
    expect(wrong).toEqual([]);
  });
});
