/**
 * Abuse limits (sliding windows kept in the store, so every instance shares them): text
 * messages per phone number, challenges per card, and answers posted per client address.
 * Each refusal is counted in `acs_rate_limited_total{limit}`.
 */
import type { FlowDeps } from './deps.ts';

/** The limits the ACS enforces. */
export const rateLimits = {
  smsPerPhone: { kind: 'sms-per-phone', windowMs: 10 * 60_000 },
  challengesPerCard: { kind: 'challenges-per-card', windowMs: 24 * 60 * 60_000 },
  codePostsPerAddress: { kind: 'code-posts-per-address', windowMs: 60_000 },
} as const;

/** One of the limits. */
export type RateLimit = (typeof rateLimits)[keyof typeof rateLimits];

/** Counts one more event for `subject`; false (and counted as refused) when over `max`. */
export async function withinLimit(
  deps: FlowDeps,
  limit: RateLimit,
  subject: string,
  max: number,
): Promise<boolean> {
  const now = deps.clock();
  const since = new Date(now.getTime() - limit.windowMs).toISOString();
  const count = await deps.store.countRateEvent(limit.kind, subject, now.toISOString(), since);
  if (count <= max) return true;
  deps.metrics.rateLimited.inc({ limit: limit.kind });
  return false;
}
