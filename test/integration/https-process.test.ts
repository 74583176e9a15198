/**
 * The real process over HTTPS (docs/configuration.md, "HTTPS"): with ACS_TLS_SANDBOX_CERT it
 * serves TLS with a certificate from its sandbox CA, hands a 2.3.1 browser AReq an https
 * acsURL on the public URL, and opens the challenge there; a client that does not trust the CA
 * is turned away. Outside sandbox mode an http ACS_PUBLIC_URL is refused with one line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnAcsProcess, startAcsProcess, stopAllAcsProcesses } from '../support/acs-process.ts';
import { validAReq } from '../support/areq-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'acs-https-'));
afterAll(async () => {
  await stopAllAcsProcesses();
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTPS request trusting only `ca`; resolves with the status and body text. */
function send(
  url: string,
  ca: string | undefined,
  options: { method?: string; body?: string; contentType?: string } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: options.method ?? 'GET',
        ...(ca === undefined ? {} : { ca }),
        headers: options.contentType === undefined ? {} : { 'content-type': options.contentType },
        timeout: 15_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the server process over HTTPS', () => {
  it('serves the sandbox certificate and gives a 2.3.1 ARes an https acsURL that opens the challenge', async () => {
    const port = await freePort();
    const publicUrl = `https://localhost:${port}`;
    const keysDir = join(dir, 'keys');
    const acs = await startAcsProcess(
      {
        ACS_TLS_SANDBOX_CERT: 'true',
        ACS_PUBLIC_URL: publicUrl,
        ACS_DB_PATH: join(dir, 'acs.db'),
        ACS_KEYS_DIR: keysDir,
      },
      { port },
    );
    try {
      expect(acs.out()).toContain(`"url":"https://127.0.0.1:${port}"`);
      expect(acs.out()).not.toContain('2.3.1 requestors may reject');
      expect(acs.problems()).toEqual([]);
      const ca = readFileSync(join(keysDir, 'tls-sandbox-ca.crt.pem'), 'utf8');

      // The certificate names 127.0.0.1 and localhost; without the CA the handshake fails.
      expect((await send(`https://127.0.0.1:${port}/readyz`, ca)).status).toBe(200);
      await expect(send(`https://127.0.0.1:${port}/readyz`, undefined)).rejects.toThrow(/certificate/i);

      const areq = validAReq({ version: '2.3.1', channel: '02', acctNumber: '4000000000001000' });
      const answer = await send(`${publicUrl.replace('localhost', '127.0.0.1')}/3ds/areq`, ca, {
        method: 'POST',
        body: JSON.stringify(areq),
        contentType: 'application/json',
      });
      const ares = JSON.parse(answer.text) as Record<string, unknown>;
      expect(ares).toMatchObject({ messageType: 'ARes', messageVersion: '2.3.1', transStatus: 'C' });
      expect(ares.acsURL).toBe(`${publicUrl}/3ds/challenge`);

      const creq = Buffer.from(
        JSON.stringify({
          messageType: 'CReq',
          messageVersion: '2.3.1',
          threeDSServerTransID: areq.threeDSServerTransID,
          acsTransID: ares.acsTransID,
          challengeWindowSize: '05',
        }),
      ).toString('base64url');
      const page = await send(String(ares.acsURL), ca, {
        method: 'POST',
        body: new URLSearchParams({ creq }).toString(),
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(page.status).toBe(200);
      expect(page.text).toContain('name="code"');
      // The page's own form posts stay on the https origin.
      expect(page.text).not.toMatch(/action="http:/);
    } finally {
      expect(await acs.terminate()).toBe(0);
    }
  }, 90_000);

  it('in sandbox mode with an http public URL, starts and warns that 2.3.1 requestors may reject it', async () => {
    const acs = await startAcsProcess({
      ACS_DB_PATH: join(dir, 'http.db'),
      ACS_KEYS_DIR: join(dir, 'http-keys'),
    });
    try {
      const warnings = acs
        .out()
        .split('\n')
        .filter((line) => line.includes('"level":"warn"') && line.includes('2.3.1 requestors may reject'));
      expect(warnings).toHaveLength(1);
    } finally {
      await acs.terminate();
    }
  }, 90_000);

  it('outside sandbox mode refuses an http public URL with one line and exit code 1', async () => {
    const acs = await spawnAcsProcess({
      ACS_SANDBOX: 'false',
      ACS_PUBLIC_URL: 'http://acs.example.test',
      ACS_DB_PATH: join(dir, 'refused.db'),
      ACS_KEYS_DIR: join(dir, 'refused-keys'),
    });
    expect(await acs.exit).toBe(1);
    expect(acs.err().trim().split('\n')).toEqual([
      expect.stringMatching(
        /^acs: invalid configuration: ACS_PUBLIC_URL: must be https outside sandbox mode \(2\.3\.1 requires an https acsURL\)/,
      ),
    ]);
  }, 60_000);
});
