import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwks } from '../../../src/signing/jwks.ts';
import { panLookupHash } from '../../../src/signing/keyed-hash.ts';
import { type AcsKeys, loadOrCreateKeys } from '../../../src/signing/keys.ts';
import { cleanUpTempDirs, modeOf, tempDir } from './temp-keys.ts';

const expectedFiles = [
  'acs-content-ps256.crt.pem',
  'acs-content-ps256.key.pem',
  'ds-root-ca.crt.pem',
  'ds-root-ca.key.pem',
  'result-es256.key.pem',
  'result-ps256.key.pem',
  'secrets.json',
];
const dayMs = 24 * 60 * 60 * 1000;

afterAll(cleanUpTempDirs);

describe('loadOrCreateKeys', () => {
  let root: string;
  let keysDir: string;
  let keys: AcsKeys;

  beforeAll(async () => {
    root = tempDir();
    keysDir = path.join(root, 'data', 'keys');
    keys = await loadOrCreateKeys({
      keysDir,
      resultSigningAlg: 'ES256',
      publicUrl: 'https://acs.example.test:8443',
    });
  });

  it('creates the keys directory 0700 with every file 0600, and nothing else', () => {
    expect(modeOf(keysDir)).toBe(0o700);
    expect(fs.readdirSync(keysDir).sort()).toEqual(expectedFiles);
    for (const file of expectedFiles) expect([file, modeOf(path.join(keysDir, file))]).toEqual([file, 0o600]);
    expect(keys.warnings).toEqual([]);
  });

  it('describes its keys: ES256 results, PS256 acsSignedContent, the root CA and ACS certificate', () => {
    expect(keys.resultSigningAlg).toBe('ES256');
    expect(keys.acsContentSigningAlg).toBe('PS256');
    expect(keys.dsRootCaPem).toBe(fs.readFileSync(path.join(keysDir, 'ds-root-ca.crt.pem'), 'utf8'));
    expect(keys.acsCertificatePem).toBe(
      fs.readFileSync(path.join(keysDir, 'acs-content-ps256.crt.pem'), 'utf8'),
    );
  });

  it('uses the RFC 7638 thumbprint of the public key as kid', () => {
    const [es256] = jwks(keys).keys;
    const canonical = JSON.stringify({ crv: es256?.crv, kty: es256?.kty, x: es256?.x, y: es256?.y });
    expect(keys.resultKid).toBe(createHash('sha256').update(canonical).digest('base64url'));
    expect(es256?.kid).toBe(keys.resultKid);
  });

  it('publishes every public key with kid, alg and use, and no private members', () => {
    const set = jwks(keys);
    expect(set.keys.map((key) => [key.kty, key.alg, key.use])).toEqual([
      ['EC', 'ES256', 'sig'],
      ['RSA', 'PS256', 'sig'],
      ['RSA', 'PS256', 'sig'],
    ]);
    expect(set.keys.map((key) => Object.keys(key).sort())).toEqual([
      ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'],
      ['alg', 'e', 'kid', 'kty', 'n', 'use'],
      ['alg', 'e', 'kid', 'kty', 'n', 'use', 'x5c'],
    ]);
    expect(new Set(set.keys.map((key) => key.kid)).size).toBe(3);
  });

  it('reuses the same keys on a second load', async () => {
    const again = await loadOrCreateKeys({
      keysDir,
      resultSigningAlg: 'ES256',
      publicUrl: 'https://acs.example.test',
    });
    expect(jwks(again)).toEqual(jwks(keys));
    expect(again.resultKid).toBe(keys.resultKid);
    expect(again.dsRootCaPem).toBe(keys.dsRootCaPem);
    expect(again.acsCertificatePem).toBe(keys.acsCertificatePem);
    expect(panLookupHash(again, '4000000000000101')).toBe(panLookupHash(keys, '4000000000000101'));
    expect(again.warnings).toEqual([]);
  });

  it('signs results with the PS256 key when configured, publishing it first', async () => {
    const ps = await loadOrCreateKeys({ keysDir, resultSigningAlg: 'PS256' });
    const [first, second] = jwks(ps).keys;
    expect([first?.alg, first?.kid]).toEqual(['PS256', ps.resultKid]);
    expect(second?.kid).toBe(keys.resultKid);
  });

  it('tightens group/world readable files and directory, and says so in warnings', async () => {
    const dir = path.join(tempDir(), 'keys');
    await loadOrCreateKeys({ keysDir: dir, resultSigningAlg: 'ES256' });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'secrets.json'), 0o644);
    fs.chmodSync(path.join(dir, 'result-es256.key.pem'), 0o640);

    const reloaded = await loadOrCreateKeys({ keysDir: dir, resultSigningAlg: 'ES256' });

    expect([
      modeOf(dir),
      modeOf(path.join(dir, 'secrets.json')),
      modeOf(path.join(dir, 'result-es256.key.pem')),
    ]).toEqual([0o700, 0o600, 0o600]);
    expect([...reloaded.warnings].sort()).toEqual(
      [
        `${dir} was mode 0755; tightened to 0700`,
        `${path.join(dir, 'secrets.json')} was mode 0644; tightened to 0600`,
        `${path.join(dir, 'result-es256.key.pem')} was mode 0640; tightened to 0600`,
      ].sort(),
    );
  });

  it('loads the result key and secrets from configured paths, creating neither in the keys dir', async () => {
    const otherDir = path.join(tempDir(), 'keys');
    const loaded = await loadOrCreateKeys({
      keysDir: otherDir,
      resultSigningAlg: 'ES256',
      paths: {
        resultSigningKey: path.join(keysDir, 'result-es256.key.pem'),
        secretsFile: path.join(keysDir, 'secrets.json'),
      },
    });
    expect(loaded.resultKid).toBe(keys.resultKid);
    expect(panLookupHash(loaded, '4000000000000101')).toBe(panLookupHash(keys, '4000000000000101'));
    expect(fs.readdirSync(otherDir).sort()).toEqual([
      'acs-content-ps256.crt.pem',
      'acs-content-ps256.key.pem',
      'ds-root-ca.crt.pem',
      'ds-root-ca.key.pem',
      'result-ps256.key.pem',
    ]);
  });

  it('refuses to start when a configured path does not exist', async () => {
    const missing = path.join(root, 'nowhere', 'result.pem');
    await expect(
      loadOrCreateKeys({
        keysDir: path.join(tempDir(), 'k'),
        resultSigningAlg: 'ES256',
        paths: { resultSigningKey: missing },
      }),
    ).rejects.toThrow(`result signing key (ES256) not found at configured path ${missing}`);
    const missingSecrets = path.join(root, 'nowhere', 'secrets.json');
    await expect(
      loadOrCreateKeys({
        keysDir: path.join(tempDir(), 'k'),
        resultSigningAlg: 'ES256',
        paths: { secretsFile: missingSecrets },
      }),
    ).rejects.toThrow(`secrets file not found at configured path ${missingSecrets}`);
  });

  it('refuses a configured key that does not fit the algorithm', async () => {
    await expect(
      loadOrCreateKeys({
        keysDir: path.join(tempDir(), 'k'),
        resultSigningAlg: 'PS256',
        paths: { resultSigningKey: path.join(keysDir, 'result-es256.key.pem') },
      }),
    ).rejects.toThrow('is not an RSA private key of at least 2048 bits (needed for PS256)');
  });

  it('refuses a secrets file with a secret of the wrong length', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'secrets.json');
    const secrets = JSON.parse(fs.readFileSync(path.join(keysDir, 'secrets.json'), 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...secrets, otp: Buffer.alloc(16).toString('base64') }), {
      mode: 0o600,
    });
    await expect(
      loadOrCreateKeys({
        keysDir: path.join(dir, 'k'),
        resultSigningAlg: 'ES256',
        paths: { secretsFile: file },
      }),
    ).rejects.toThrow(`secrets file ${file}: "otp" must decode to 32 bytes`);
  });

  it('shows no secret through util.inspect, JSON.stringify or a spread copy', () => {
    const secrets = JSON.parse(fs.readFileSync(path.join(keysDir, 'secrets.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const secretValues = Object.values(secrets).filter((value): value is string => typeof value === 'string');
    const privateKeyBodies = expectedFiles
      .filter((file) => file.endsWith('.key.pem'))
      .map((file) => fs.readFileSync(path.join(keysDir, file), 'utf8').split('\n')[1] ?? '');
    expect(secretValues).toHaveLength(5);
    expect(privateKeyBodies.every((line) => line.length > 40)).toBe(true);

    const views = [
      inspect(keys),
      inspect(keys, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
      inspect(keys, { customInspect: false, showHidden: true, depth: Number.POSITIVE_INFINITY }),
      inspect({ ...keys }, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(keys),
      JSON.stringify({ ...keys }),
    ];
    for (const view of views) {
      for (const secret of [...secretValues, ...privateKeyBodies]) expect(view).not.toContain(secret);
    }
    expect(views[0]).toContain('[redacted]');
    expect(views[0]).toContain(keys.resultKid);
    expect(JSON.parse(views[4] ?? '')).toMatchObject({ resultKid: keys.resultKid, secrets: '[redacted]' });
  });

  it('holds no key material on copies: a spread AcsKeys is refused', () => {
    expect(() => panLookupHash({ ...keys }, '4000000000000101')).toThrow(
      'AcsKeys was not created by loadOrCreateKeys',
    );
  });

  it('re-issues an ACS certificate that expires within 30 days, keeping the root and the key', async () => {
    const dir = path.join(tempDir(), 'keys');
    const created = await loadOrCreateKeys({
      keysDir: dir,
      resultSigningAlg: 'ES256',
      acsContentSigningAlg: 'ES256',
    });
    const oldCert = new X509Certificate(created.acsCertificatePem);
    const later = new Date(Date.parse(oldCert.validTo) - 10 * dayMs);

    const renewed = await loadOrCreateKeys({
      keysDir: dir,
      resultSigningAlg: 'ES256',
      acsContentSigningAlg: 'ES256',
      now: () => later,
    });

    const newCert = new X509Certificate(renewed.acsCertificatePem);
    expect(renewed.warnings).toEqual([
      `ACS content-signing certificate (${path.join(dir, 'acs-content-es256.crt.pem')}) expires within 30 days; issued a new one`,
    ]);
    expect(Date.parse(newCert.validTo)).toBeGreaterThan(Date.parse(oldCert.validTo));
    expect(newCert.publicKey.export({ format: 'jwk' })).toEqual(oldCert.publicKey.export({ format: 'jwk' }));
    expect(renewed.dsRootCaPem).toBe(created.dsRootCaPem);
    expect(newCert.verify(new X509Certificate(renewed.dsRootCaPem).publicKey)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'acs-content-es256.crt.pem'), 'utf8')).toBe(
      renewed.acsCertificatePem,
    );
    expect(modeOf(path.join(dir, 'acs-content-es256.crt.pem'))).toBe(0o600);
  });
});
