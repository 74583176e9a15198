// Over 300 lines: the card form, the transaction page and the export share one ACS, one operator session
// and the fault card transactions made along the way; split, each file would repeat the set-up.
/**
 * Requestor faults in the console (docs/faults.md), over HTTP as a logged-in operator: the card
 * form sets a fault and its delay, explains a bad one next to the field, and clears it; the card
 * list marks a card's fault with a badge of its own; a fault card's transaction page names the
 * fault in its summary, shows the fault's timeline entries as faults (not as messages sent or
 * received), and the check of each RReq reply; "Export JSON" downloads the exchange document.
 * Whatever a fault entry or a deviation holds is escaped.
 */
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultDescriptions } from '../../src/domain/fault.ts';
import { panLookupHash } from '../../src/signing/keyed-hash.ts';
import { validAReq } from '../support/areq-fixtures.ts';
import {
  latestCode,
  openWindow,
  postAction,
  startChallengeAuthentication,
} from '../support/challenge-driver.ts';
import { consoleLogin } from '../support/console-login.ts';
import { createTestAcs, type TestAcs } from '../support/test-acs.ts';
import { startThreeDSServerDouble, type ThreeDSServerDouble } from '../support/three-ds-server-double.ts';

/** A Luhn-valid Visa PAN in the served range that the seed file does not hold. */
const newPan = '4000000000003303';
/** The seeded challenge-sms card with the cres-unknown-version fault (data/test-cards.json). */
const cresUnknownVersionPan = '4000000000004087';
/** The seeded frictionless-y card. */
const frictionlessPan = '4000000000000101';

let acs: TestAcs;
let server: ThreeDSServerDouble;
let app: Express;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  acs = await createTestAcs({ ACS_RREQ_RETRY_DELAY_MS: '20', ACS_RREQ_TIMEOUT_MS: '1000' });
  server = await startThreeDSServerDouble();
  app = acs.app;
  ({ cookie, csrf } = await consoleLogin(acs, 'fay'));
});
afterAll(async () => {
  await acs.close();
  await server.close();
});

function get(path: string) {
  return request(app).get(path).set('cookie', cookie);
}

function post(path: string, form: Record<string, string>) {
  return request(app)
    .post(path)
    .set('cookie', cookie)
    .type('form')
    .send({ _csrf: csrf, ...form });
}

/** A complete SMS challenge of `pan`, answered with the right code; returns its acsTransID. */
async function finishedChallenge(pan: string): Promise<string> {
  const started = await startChallengeAuthentication(acs, { pan, threeDSServerURL: server.rreqURL });
  const challenge = await openWindow(acs, started);
  const res = await postAction(acs, challenge, 'submit', {
    code: await latestCode(acs, challenge.acsTransID),
  });
  expect(res.status).toBe(200);
  return challenge.acsTransID;
}

/** The types of the timeline's messages exchanged, in order (fault entries are not among them). */
function messageTypes(page: string): string[] {
  return [
    ...page.matchAll(
      /<li class="event" id="message-\d+">\n<div class="event-head">\n<strong>([A-Za-z]+)<\/strong>/g,
    ),
  ].map((m) => m[1] as string);
}

/** The fault entries of the timeline, as HTML. */
function faultEntries(page: string): string[] {
  return [...page.matchAll(/<li class="event event-fault" id="message-\d+">.*?<\/li>/gs)].map((m) => m[0]);
}

const cardForm = {
  scenario: 'challenge-sms',
  cardholderName: 'Fay Tester',
  phone: '+15555550199',
  email: '',
} as const;

describe('console: a card’s requestor fault', () => {
  let cardId: string;

  it('offers None and every fault with its description, and the delay with each default', async () => {
    const res = await get('/console/cards/new');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<label for="field-fault">Requestor fault');
    expect(res.text).toContain('<option value="" selected>None – the scenario only</option>');
    expect(res.text).toContain(
      `<option value="rreq-never">rreq-never – ${faultDescriptions['rreq-never']}</option>`,
    );
    const select = /<select id="field-fault" name="fault"[^>]*>(.*?)<\/select>/s.exec(res.text)?.[1] ?? '';
    expect(select.match(/<option value="[^"]*">/g)).toHaveLength(11);
    expect(select).toContain('<option value="ares-late">ares-late – ');
    expect(res.text).toContain('<label for="field-faultDelayMs">Fault delay (ms)');
    expect(res.text).toContain('rreq-late 5000 ms, challenge-slow 8000 ms, ares-late 15000 ms');
  });

  it('explains a bad fault or delay next to the field and creates nothing', async () => {
    const cases = [
      [{ fault: 'rreq-sometimes', faultDelayMs: '' }, 'fault', 'Choose a fault from the list, or None.'],
      [
        { fault: 'rreq-late', faultDelayMs: 'soon' },
        'faultDelayMs',
        'Enter the delay as a whole number of milliseconds, or leave it empty.',
      ],
      [
        { fault: 'rreq-late', faultDelayMs: '-1' },
        'faultDelayMs',
        'Enter the delay as a whole number of milliseconds, or leave it empty.',
      ],
      [
        { fault: 'ares-late', faultDelayMs: '120001' },
        'faultDelayMs',
        'The delay can be at most 120000 ms (120 seconds).',
      ],
      [
        { fault: 'rreq-twice', faultDelayMs: '3000' },
        'faultDelayMs',
        'Only rreq-late, challenge-slow, ares-late wait: leave the delay empty for rreq-twice.',
      ],
      [
        { fault: '', faultDelayMs: '3000' },
        'faultDelayMs',
        'Only rreq-late, challenge-slow, ares-late wait: leave the delay empty for a card without a fault.',
      ],
    ] as const;
    for (const [fields, field, message] of cases) {
      const res = await post('/console/cards', { pan: newPan, ...cardForm, ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.text).toContain(`<p class="field-error" id="field-${field}-error">${message}</p>`);
      expect(res.text).toContain(
        `aria-describedby="field-${field}-hint field-${field}-error" aria-invalid="true"`,
      );
      // The typed values are kept (escaped) for the tester to correct.
      expect(res.text).toContain(
        `name="faultDelayMs" type="number" min="0" max="120000" step="1" inputmode="numeric" value="${fields.faultDelayMs}"`,
      );
    }
    expect((await acs.deps.store.listCards()).some((card) => card.maskedPan === '400000******3303')).toBe(
      false,
    );
  });

  it('creates a card with a delayed fault and shows it as a badge in the list', async () => {
    const res = await post('/console/cards', {
      pan: newPan,
      ...cardForm,
      fault: 'rreq-late',
      faultDelayMs: '3000',
    });
    expect(res.status).toBe(303);
    cardId =
      /^\/console\/cards\/([0-9a-f-]{36})\?notice=created$/.exec(String(res.headers.location))?.[1] ?? '';
    expect(await acs.deps.store.getCard(cardId)).toMatchObject({
      scenario: 'challenge-sms',
      fault: 'rreq-late',
      faultDelayMs: 3000,
    });

    const page = await get(`/console/cards/${cardId}`);
    expect(page.text).toContain('<option value="rreq-late" selected>');
    expect(page.text).toMatch(/name="faultDelayMs" [^>]*value="3000"/);

    const list = await get('/console/cards');
    const row = list.text.split('<tr>').find((text) => text.includes('400000******3303')) ?? '';
    expect(row).toContain(
      `<td>challenge-sms <span class="badge badge-fault" title="${faultDescriptions['rreq-late']}">fault rreq-late, 3000 ms</span></td>`,
    );
    // A seeded fault card has its badge; a card without a fault has none.
    const seeded = list.text.split('<tr>').find((text) => text.includes('400000******4046')) ?? '';
    expect(seeded).toContain(
      '<span class="badge badge-fault" title="No RReq is ever sent.">fault rreq-never</span>',
    );
    const plain = list.text.split('<tr>').find((text) => text.includes('400000******1000')) ?? '';
    expect(plain).toContain('<td>challenge-sms</td>');
    expect(plain).not.toContain('badge-fault');
  });

  it('changes the fault (a delayed one without a delay takes its default) and clears it', async () => {
    const bad = await post(`/console/cards/${cardId}`, {
      ...cardForm,
      fault: 'cres-twice',
      faultDelayMs: '3000',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="#field-faultDelayMs">Fault delay (ms): Only rreq-late');
    expect((await acs.deps.store.getCard(cardId))?.fault).toBe('rreq-late');

    const changed = await post(`/console/cards/${cardId}`, {
      ...cardForm,
      fault: 'ares-late',
      faultDelayMs: '',
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.location).toBe(`/console/cards/${cardId}?notice=saved`);
    expect(await acs.deps.store.getCard(cardId)).toMatchObject({
      fault: 'ares-late',
      faultDelayMs: undefined,
    });
    const list = await get('/console/cards');
    expect(list.text).toContain('>fault ares-late, 15000 ms</span>');

    const cleared = await post(`/console/cards/${cardId}`, { ...cardForm, fault: '', faultDelayMs: '' });
    expect(cleared.status).toBe(303);
    expect(await acs.deps.store.getCard(cardId)).toMatchObject({
      scenario: 'challenge-sms',
      cardholderName: 'Fay Tester',
      fault: undefined,
      faultDelayMs: undefined,
    });
    const page = await get(`/console/cards/${cardId}`);
    expect(page.text).toContain('<option value="" selected>None – the scenario only</option>');
    expect(page.text).not.toContain('<option value="ares-late" selected>');
  });
});

describe('console: a fault card’s transaction', () => {
  let acsTransID: string;

  it('names the fault in the summary and shows its entry as a fault, apart from the messages', async () => {
    server.mode = 'ok';
    acsTransID = await finishedChallenge(cresUnknownVersionPan);
    const res = await get(`/console/transactions/${acsTransID}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(
      `<dt>Requestor fault</dt><dd><span class="badge badge-fault" title="${faultDescriptions['cres-unknown-version']}">fault cres-unknown-version</span> ${faultDescriptions['cres-unknown-version']}<br><span class="muted">A rehearsal: the fault changed only what was sent, or when. The result shown is the true one.</span></dd>`,
    );
    // The stored result stays the true one.
    expect(res.text).toContain('<dt>Final transStatus</dt><dd><span class="status-Y">Y</span></dd>');

    expect(messageTypes(res.text)).toEqual(['AReq', 'ARes', 'CReq', 'CRes', 'RReq', 'RRes']);
    const [entry, ...others] = faultEntries(res.text);
    expect(others).toEqual([]);
    expect(entry).toContain('<strong>Fault (rehearsal)</strong>');
    expect(entry).toContain('<span class="badge badge-fault">cres-unknown-version</span>');
    expect(entry).toContain(
      '<p class="fault-action">final CRes sent with messageVersion 2.9.0 instead of 2.2.0</p>',
    );
    expect(entry).toContain('The true result stays transStatus <span class="status-Y">Y</span>.');
    expect(entry).not.toMatch(/>(sent|received)</);
    expect(entry).not.toContain('not applied');
    expect(res.text).toContain('6 messages and 1 fault entry, oldest first');
    // The entry stands just before the CRes it altered.
    expect(res.text.indexOf('event-fault')).toBeLessThan(res.text.indexOf('<strong>CRes</strong>'));

    // The transaction list marks it too, beside its scenario.
    const list = await get(`/console/transactions?q=${acsTransID}`);
    const row =
      list.text.split('<tr>').find((text) => text.includes(`/console/transactions/${acsTransID}"`)) ?? '';
    expect(row).toContain('challenge-sms <span class="badge badge-fault"');
    expect(row).toContain('fault cres-unknown-version</span>');
  });

  it('shows each RReq attempt’s reply check: conforming, or every deviation', async () => {
    const conforming = await get(`/console/transactions/${acsTransID}`);
    expect(conforming.text).toContain(
      '<td>RRes</td><td>RRes</td><td class="reply-check"><span class="badge badge-ok">conforming</span></td>',
    );

    server.respond = (rreq) => ({
      status: 200,
      body: {
        messageType: 'RRes',
        messageVersion: rreq.messageVersion,
        threeDSServerTransID: rreq.threeDSServerTransID,
        acsTransID: rreq.acsTransID,
        dsTransID: rreq.dsTransID,
        resultsStatus: '99',
        surprise: true,
      },
    });
    try {
      const id = await finishedChallenge(cresUnknownVersionPan);
      const attempts = await acs.deps.store.listRReqAttempts(id);
      const deviations = attempts[0]?.verdict?.deviations ?? [];
      expect(deviations.length).toBeGreaterThanOrEqual(2);
      const page = await get(`/console/transactions/${id}`);
      const cell = /<td class="reply-check">(.*?)<\/td>/s.exec(page.text)?.[1] ?? '';
      expect(cell).toContain(`<span class="badge badge-bad">${deviations.length} deviations</span>`);
      for (const deviation of deviations) {
        expect(cell).toContain(`<li>${deviation.replaceAll('"', '&quot;').replaceAll("'", '&#39;')}</li>`);
      }
    } finally {
      server.respond = undefined;
    }
  });

  it('says "no reply read" when the attempt read none', async () => {
    server.mode = 'fail';
    try {
      const id = await finishedChallenge(cresUnknownVersionPan);
      const page = await get(`/console/transactions/${id}`);
      expect(page.text).toContain('<td class="reply-check"><span class="muted">no reply read</span></td>');
    } finally {
      server.mode = 'ok';
    }
  });

  it('marks a fault that could not act as not applied', async () => {
    const card = await acs.deps.store.findCardByPanHash(panLookupHash(acs.deps.keys, frictionlessPan));
    expect(card).toBeDefined();
    await acs.deps.store.updateCard(card?.id as string, { fault: 'rreq-twice', faultDelayMs: undefined });
    try {
      const ares = await request(app)
        .post('/3ds/areq')
        .set('content-type', 'application/json')
        .send(validAReq({ version: '2.2.0', channel: '02', acctNumber: frictionlessPan }));
      expect(ares.body.transStatus).toBe('Y');
      const page = await get(`/console/transactions/${ares.body.acsTransID}`);
      const [entry] = faultEntries(page.text);
      expect(entry).toContain(
        '<span class="badge badge-fault">rreq-twice</span>\n<span class="badge">not applied</span>',
      );
      expect(messageTypes(page.text)).toEqual(['AReq', 'ARes']);
    } finally {
      await acs.deps.store.updateCard(card?.id as string, { fault: undefined, faultDelayMs: undefined });
    }
  });

  it('escapes whatever a fault entry or a deviation holds', async () => {
    const tx = await acs.deps.store.getTransaction(acsTransID);
    await acs.deps.store.recordMessages([
      {
        acsTransID,
        threeDSServerTransID: tx?.threeDSServerTransID,
        messageType: 'Fault',
        direction: 'out',
        body: {
          fault: '<b>bold</b>',
          description: 'a "quoted" <i>description</i>',
          action: '<script>alert(1)</script>',
          applied: false,
          trueTransStatus: '<img src=x onerror=alert(2)>',
        },
        createdAt: new Date().toISOString(),
      },
    ]);
    await acs.deps.store.recordRReqAttempt({
      acsTransID,
      attempt: 9,
      outcome: 'invalid-rres',
      httpStatus: 200,
      detail: '<em>detail</em>',
      verdict: {
        expected: 'RRes',
        received: 'other',
        deviations: ['messageType "<svg onload=alert(3)>" is not RRes'],
      },
      at: new Date().toISOString(),
    });
    const page = await get(`/console/transactions/${acsTransID}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<p class="fault-action">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(page.text).toContain('<span class="badge badge-fault">&lt;b&gt;bold&lt;/b&gt;</span>');
    expect(page.text).toContain('<p>a &quot;quoted&quot; &lt;i&gt;description&lt;/i&gt;</p>');
    expect(page.text).toContain('<span class="badge">&lt;img src=x onerror=alert(2)&gt;</span>');
    expect(page.text).toContain('<li>messageType &quot;&lt;svg onload=alert(3)&gt;&quot; is not RRes</li>');
    expect(page.text).toContain('<td>&lt;em&gt;detail&lt;/em&gt;</td>');
    expect(page.text).toContain('<td>neither RRes nor Erro</td>');
    expect(page.text).not.toMatch(/<script>alert|<img src=x|<svg onload|<b>bold|<i>description|<em>detail/);
  });
});

describe('console: export of a transaction’s exchange', () => {
  it('downloads the exchange document as a JSON attachment, card number masked', async () => {
    server.mode = 'ok';
    const acsTransID = await finishedChallenge(cresUnknownVersionPan);
    const page = await get(`/console/transactions/${acsTransID}`);
    expect(page.text).toContain(
      `<a class="button" href="/console/transactions/${acsTransID}/export" download title="The whole exchange as one JSON document, card number masked, to attach to a bug report">Export JSON</a>`,
    );

    const res = await get(`/console/transactions/${acsTransID}/export`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename=acs-exchange-${acsTransID}.json`);
    const document = JSON.parse(res.text) as {
      format: string;
      transaction: { acsTransID: string; fault: string; result: { transStatus: string } };
      messages: { messageType: string }[];
    };
    expect(document.format).toBe('acs-exchange');
    expect(document.transaction).toMatchObject({
      acsTransID,
      fault: 'cres-unknown-version',
      result: { transStatus: 'Y' },
    });
    expect(document.messages.map((message) => message.messageType)).toEqual([
      'AReq',
      'ARes',
      'CReq',
      'Fault',
      'CRes',
      'RReq',
      'RRes',
    ]);
    expect(res.text).toContain('400000******4087');
    expect(res.text).not.toContain(cresUnknownVersionPan);
  });

  it('sends a visitor without a session to the login page, and answers 404 for no such transaction', async () => {
    const path = '/console/transactions/00000000-0000-4000-8000-000000000000/export';
    const visitor = await request(app).get(path);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe(`/console/login?next=${encodeURIComponent(path)}`);

    for (const missing of [path, '/console/transactions/not-a-uuid/export']) {
      const res = await get(missing);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.text).toContain('No such transaction');
    }
  });
});
