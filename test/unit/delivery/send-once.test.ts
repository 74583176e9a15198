import { describe, expect, it } from 'vitest';
import type { SmsRequest, SmsSendResult } from '../../../src/delivery/code-sender.ts';
import { createSendOnce } from '../../../src/delivery/send-once.ts';

const request = (idempotencyKey: string): SmsRequest => ({ to: '+15555550100', body: 'hi', idempotencyKey });

function counter() {
  const calls: string[] = [];
  const send = (key: string, result: SmsSendResult) => () => {
    calls.push(key);
    return Promise.resolve(result);
  };
  return { calls, send };
}

const queued = (providerId: string): SmsSendResult => ({ status: 'queued', providerId });

describe('createSendOnce', () => {
  it('sends once per key and gives a repeat the first result', async () => {
    let now = 0;
    const once = createSendOnce({ ttlMs: 1000, maxKeys: 10, now: () => now });
    const { calls, send } = counter();
    const first = await once(request('t/1'), send('t/1', queued('SM1')));
    const again = await once(request('t/1'), send('t/1', queued('SM2')));
    const other = await once(request('t/2'), send('t/2', queued('SM3')));
    expect(calls).toEqual(['t/1', 't/2']);
    expect([first, again, other]).toEqual([queued('SM1'), queued('SM1'), queued('SM3')]);
    now = 999;
    await once(request('t/1'), send('t/1', queued('SM4')));
    expect(calls).toEqual(['t/1', 't/2']);
  });

  it('shares one send between concurrent calls with the same key', async () => {
    const once = createSendOnce({ ttlMs: 1000, maxKeys: 10 });
    let release: (result: SmsSendResult) => void = () => {};
    let sends = 0;
    const slow = () => {
      sends += 1;
      return new Promise<SmsSendResult>((resolve) => {
        release = resolve;
      });
    };
    const a = once(request('t/1'), slow);
    const b = once(request('t/1'), slow);
    release(queued('SM1'));
    expect(await Promise.all([a, b])).toEqual([queued('SM1'), queued('SM1')]);
    expect(sends).toBe(1);
  });

  it('remembers a failure: the same key is not sent again', async () => {
    const once = createSendOnce({ ttlMs: 1000, maxKeys: 10 });
    const { calls, send } = counter();
    const failed: SmsSendResult = { status: 'failed', errorCode: 'network', providerId: undefined };
    expect(await once(request('t/1'), send('t/1', failed))).toEqual(failed);
    expect(await once(request('t/1'), send('t/1', queued('SM1')))).toEqual(failed);
    expect(calls).toEqual(['t/1']);
  });

  it('forgets a key after its time to live, and the oldest key when full', async () => {
    let now = 0;
    const once = createSendOnce({ ttlMs: 1000, maxKeys: 2, now: () => now });
    const { calls, send } = counter();
    await once(request('a'), send('a', queued('SM1')));
    now = 1000;
    await once(request('a'), send('a', queued('SM2')));
    await once(request('b'), send('b', queued('SM3')));
    await once(request('c'), send('c', queued('SM4')));
    await once(request('a'), send('a', queued('SM5')));
    await once(request('c'), send('c', queued('SM6')));
    expect(calls).toEqual(['a', 'a', 'b', 'c', 'a']);
  });
});
