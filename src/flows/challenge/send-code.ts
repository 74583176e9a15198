/**
 * Sends a one-time code by SMS: draw it from the CSPRNG, keep only its keyed hash on the
 * challenge, write the text with the amount and merchant it is bound to (dynamic linking),
 * deliver it through the configured CodeSender, and keep the message (sealed at rest) for
 * the sandbox inbox and the timeline. The code itself is never logged.
 */
import type { SmsSendResult } from '../../delivery/code-sender.ts';
import type { Challenge } from '../../domain/challenge.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { withNewCode } from '../../otp/challenge-rules.ts';
import { generateCode } from '../../otp/code.ts';
import { encryptAtRest } from '../../signing/at-rest.ts';
import { otpCodeHash } from '../../signing/keyed-hash.ts';
import type { FlowDeps } from '../common/deps.ts';
import { rateLimits, withinLimit } from '../common/rate-limits.ts';
import { displayAmount, languageOf } from './challenge-screen.ts';
import { smsText } from './sms-text.ts';

/** The challenge with its new code, and whether the text reached the phone. */
export type CodeSent = Readonly<{ challenge: Challenge; delivered: boolean; errorCode: string | undefined }>;

/** Associated data binding a sealed SMS to its row. */
export function smsSealContext(id: string): string {
  return `sms/${id}`;
}

/** Issues a new code for `challenge` (replacing any earlier one) and sends it to `phone`. */
export async function sendCode(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  phone: string,
): Promise<CodeSent> {
  const now = deps.clock();
  const code = generateCode(deps.randomInt);
  const next = withNewCode(
    challenge,
    otpCodeHash(deps.keys, tx.acsTransID, code),
    now,
    deps.config.challenge,
  );
  const lang = languageOf(tx);
  const body = smsText({
    lang,
    issuer: deps.config.challenge.issuerName,
    code,
    amount: displayAmount(tx, lang),
    merchant: tx.purchase.merchantName,
    minutes: Math.round(deps.config.challenge.codeTtlSeconds / 60),
  });
  const id = deps.newId();
  const idempotencyKey = `${tx.acsTransID}/${next.codesSent}`;
  // Recorded before it is sent, under a key per code number: a send retried for the same code
  // (a double-clicked resend, on this instance or another sharing the database) finds the
  // record and never goes out twice.
  const recorded = await deps.store.recordSms(
    {
      id,
      acsTransID: tx.acsTransID,
      to: phone,
      sealedBody: encryptAtRest(deps.keys, JSON.stringify({ body, code }), smsSealContext(id)),
      status: 'queued',
      errorCode: undefined,
      providerId: undefined,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
    idempotencyKey,
  );
  if (!recorded) return { challenge, delivered: true, errorCode: undefined };
  const result: SmsSendResult = (await withinLimit(
    deps,
    rateLimits.smsPerPhone,
    phone,
    deps.config.limits.smsPerPhonePer10Minutes,
  ))
    ? await deps.codeSender.send({ to: phone, body, idempotencyKey })
    : { status: 'failed', errorCode: 'rate_limited', providerId: undefined };
  await deps.store.updateSmsStatus(
    id,
    result.status,
    result.status === 'failed' ? result.errorCode : undefined,
    deps.clock().toISOString(),
    result.providerId,
  );
  deps.metrics.codesSent.inc({ sender: deps.codeSender.name, status: result.status });
  if (result.status === 'failed') {
    deps.logger.warn('code delivery failed', {
      acsTransID: tx.acsTransID,
      sender: deps.codeSender.name,
      providerError: result.errorCode,
    });
  }
  return {
    challenge: next,
    delivered: result.status !== 'failed',
    errorCode: result.status === 'failed' ? result.errorCode : undefined,
  };
}
