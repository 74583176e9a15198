import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.ts';
import { configSchema } from '../../../src/config/schema.ts';

const docs = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');

describe('configuration', () => {
  it('documents exactly the variables the schema reads', () => {
    const documented = [...docs.matchAll(/^\| `(ACS_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(configSchema.shape).sort());
  });

  it('starts on defaults with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'http://localhost:8080',
      sandbox: true,
      database: { path: 'data/acs.db' },
      keys: { dir: 'data/keys', resultSigningAlg: 'ES256' },
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.identity)).toBe(true);
  });

  it('refuses bad values and unknown ACS_ variables in one message naming them all', () => {
    let error: unknown;
    try {
      loadConfig({ ACS_PORT: 'eighty', ACS_RESULT_SIGNING_ALG: 'HS256', ACS_COLOUR: 'blue' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('ACS_PORT');
    expect(message).toContain('ACS_RESULT_SIGNING_ALG');
    expect(message).toContain('ACS_COLOUR');
  });

  it('ignores variables without the prefix and trims a trailing slash from the public URL', () => {
    const config = loadConfig({
      PATH: '/bin',
      ACS_PUBLIC_URL: 'https://acs.example.test/',
      ACS_SANDBOX: 'false',
    });
    expect(config.publicUrl).toBe('https://acs.example.test');
    expect(config.sandbox).toBe(false);
  });
});
