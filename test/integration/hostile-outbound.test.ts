/**
 * The RReq goes where the AReq says only when the destination policy allows it (docs/security.md): outside sandbox mode a threeDSServerURL on loopback (here the ACS's own
 * machine, as an attacker would aim it) is refused, the server there receives nothing, and
 * the refusal is recorded as the attempt's outcome; listed in ACS_OUTBOUND_ALLOW it is
 * delivered.
 */
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createOutboundClient } from '../../src/delivery/outbound-client.ts';
import { openWindow, postAction, startChallengeAuthentication } from '../support/challenge-driver.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

let server: ThreeDSServerDouble;
beforeAll(async () => {
  server = await startThreeDSServerDouble();
});
afterAll(async () => {
  await server.close();
});

/** A test ACS whose app makes its outbound calls through the policed client built from its config. */
async function policedAcs(env: Record<string, string>): Promise<TestAcs & { app: Express }> {
  const acs = await createTestAcs({ ACS_RREQ_MAX_ATTEMPTS: '1', ACS_RREQ_TIMEOUT_MS: '2000', ...env });
  const postJson = createOutboundClient({
    allow: acs.deps.config.outbound.allow,
    sandbox: acs.deps.config.sandbox,
  });
  const deps = { ...acs.deps, postJson };
  return Object.assign(acs, { deps, app: createApp(deps) });
}

/** Runs a browser challenge to its cancel button; returns its acsTransID. */
async function cancelledChallenge(acs: TestAcs): Promise<string> {
  const started = await startChallengeAuthentication(acs, { threeDSServerURL: server.rreqURL });
  const challenge = await openWindow(acs, started);
  const res = await postAction(acs, challenge, 'cancel');
  expect(res.status).toBe(200);
  return challenge.acsTransID;
}

describe('outbound destination policy, end to end', () => {
  it('outside sandbox mode refuses an RReq to loopback: nothing arrives, the refusal is recorded', async () => {
    const acs = await policedAcs({ ACS_SANDBOX: 'false' });
    try {
      const before = server.received.length;
      const acsTransID = await cancelledChallenge(acs);
      const attempts = await acs.deps.store.listRReqAttempts(acsTransID);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({
        outcome: 'refused',
        detail: expect.stringContaining('loopback'),
      });
      expect(server.received.length).toBe(before);
    } finally {
      await acs.close();
    }
  });

  it('delivers it when ACS_OUTBOUND_ALLOW lists the address', async () => {
    const acs = await policedAcs({ ACS_SANDBOX: 'false', ACS_OUTBOUND_ALLOW: '127.0.0.1' });
    try {
      const before = server.received.length;
      const acsTransID = await cancelledChallenge(acs);
      const attempts = await acs.deps.store.listRReqAttempts(acsTransID);
      expect(attempts.map((a) => a.outcome)).toEqual(['delivered']);
      expect(server.received.length).toBe(before + 1);
      expect(server.received.at(-1)).toMatchObject({ messageType: 'RReq', acsTransID });
    } finally {
      await acs.close();
    }
  });

  it('delivers it to loopback in sandbox mode, where testers run their 3DS Server locally', async () => {
    const acs = await policedAcs({ ACS_SANDBOX: 'true' });
    try {
      const acsTransID = await cancelledChallenge(acs);
      const attempts = await acs.deps.store.listRReqAttempts(acsTransID);
      expect(attempts.map((a) => a.outcome)).toEqual(['delivered']);
    } finally {
      await acs.close();
    }
  });
});
