/**
 * docs/errors.md and the register (src/errors/register.ts) list the same codes, family by
 * family: a code added to one and not the other fails here. Each family's section in the page
 * names its family ("Register family: `acs`") and lists its codes in the first column of a
 * table whose first header is `errorCode`, `error` or `code`. For the acs family the row also
 * gives the register's HTTP status and error page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acsErrors, codesOf, type ErrorFamily, errorFamilies } from '../../../src/errors/index.ts';

const docs = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

/** A documented code: its family, and the cells of its table row. */
type DocumentedCode = { family: string; code: string; cells: string[] };

/** The codes a page documents, read as described above. */
function documentedCodes(markdown: string): DocumentedCode[] {
  const found: DocumentedCode[] = [];
  let family: string | undefined;
  let codeTable = false;
  let previous = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) family = undefined;
    const named = /^Register family: `([a-z_]+)`/.exec(line);
    if (named) family = named[1];
    if (line.startsWith('|')) {
      const cells = line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split('|')
        .map((cell) => cell.trim());
      if (!previous.startsWith('|')) codeTable = ['errorCode', 'error', 'code'].includes(cells[0] ?? '');
      const code = /^`([^`]+)`/.exec(cells[0] ?? '')?.[1];
      if (codeTable && family !== undefined && code !== undefined) found.push({ family, code, cells });
    }
    previous = line;
  }
  return found;
}

function codesByFamily(documented: readonly DocumentedCode[], family: string): string[] {
  return documented.filter((entry) => entry.family === family).map((entry) => entry.code);
}

describe('docs/errors.md and the error register', () => {
  const documented = documentedCodes(docs);

  it('documents exactly the families of the register', () => {
    expect([...new Set(documented.map((entry) => entry.family))].sort()).toEqual([...errorFamilies].sort());
  });

  it.each(errorFamilies)('lists every %s code of the register, and no other', (family: ErrorFamily) => {
    const inDocs = codesByFamily(documented, family);
    expect(inDocs.filter((code, index) => inDocs.indexOf(code) !== index)).toEqual([]);
    expect([...inDocs].sort()).toEqual([...codesOf(family)].sort());
  });

  it("gives each acs code the register's HTTP status and error page", () => {
    for (const entry of documented.filter((row) => row.family === 'acs')) {
      const registered = acsErrors[entry.code as keyof typeof acsErrors];
      expect(entry.cells[1], entry.code).toContain(String(registered.httpStatus));
      expect(entry.cells.at(-1), entry.code).toBe(`\`${registered.page}\``);
    }
  });
});

describe('the reading of the page', () => {
  it('finds a code missing from a family section, and ignores tables of other things', () => {
    const page = [
      '## Start-up failures',
      '',
      'Register family: `startup`',
      '',
      '| code | When |',
      '|---|---|',
      '| `config_invalid` | a bad variable |',
      '',
      '| Rule | Decision |',
      '|---|---|',
      '| `acctNumber` | 13-19 digits |',
      '',
      '## Elsewhere',
      '',
      '| code | When |',
      '|---|---|',
      '| `not_in_a_family` | outside every family section |',
    ].join('\n');
    const found = documentedCodes(page);
    expect(found.map((entry) => [entry.family, entry.code])).toEqual([['startup', 'config_invalid']]);
    expect(codesOf('startup').filter((code) => !codesByFamily(found, 'startup').includes(code))).toContain(
      'key_invalid',
    );
  });
});
