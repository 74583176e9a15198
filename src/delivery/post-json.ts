/**
 * One bounded HTTP POST of a JSON message, classified: the RReq's transport. No redirects are
 * followed (an RReq goes exactly where threeDSServerURL says) and the reply body is capped.
 */

/** What came back from one POST. */
export type PostOutcome = Readonly<
  | { kind: 'response'; httpStatus: number; body: string }
  | { kind: 'timeout' }
  | { kind: 'network-error'; detail: string }
>;

const maxReplyBytes = 64 * 1024;

/** POSTs `message` as JSON to `url`, giving up after `timeoutMs`. Never throws. */
export async function postJson(url: string, message: unknown, timeoutMs: number): Promise<PostOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' },
      body: JSON.stringify(message),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { kind: 'response', httpStatus: response.status, body: text.slice(0, maxReplyBytes) };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
      return { kind: 'timeout' };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    return {
      kind: 'network-error',
      detail: (cause ?? (error instanceof Error ? error.message : 'request failed')).slice(0, 200),
    };
  }
}
