/**
 * What every use case receives: ports and policies, never express or SQL. Time and
 * randomness arrive as functions so tests can fix them.
 */
import type { Config } from '../../config/schema.ts';
import type { CodeSender } from '../../delivery/code-sender.ts';
import type { PostOutcome } from '../../delivery/post-json.ts';
import type { Logger } from '../../log/logger.ts';
import type { AcsMetrics } from '../../metrics/acs-metrics.ts';
import type { AcsKeys } from '../../signing/keys.ts';
import type { AcsStore } from '../../store/port.ts';

/** The dependencies of the use cases. */
export type FlowDeps = Readonly<{
  config: Config;
  store: AcsStore;
  keys: AcsKeys;
  logger: Logger;
  metrics: AcsMetrics;
  /** The current time. */
  clock: () => Date;
  /** A new random UUID (transaction IDs). */
  newId: () => string;
  /** Waits `ms` milliseconds (the acs-slow scenario). */
  sleep: (ms: number) => Promise<void>;
  /** A uniform random integer in [0, max) from a CSPRNG (one-time codes). */
  randomInt: (maxExclusive: number) => number;
  /** Where one-time codes are sent (outbox in the sandbox, or Twilio). */
  codeSender: CodeSender;
  /** The one outbound HTTP client (RReq, Erro to the 3DS Server): bounded, capped, policed. */
  postJson: (url: string, message: unknown, timeoutMs: number) => Promise<PostOutcome>;
}>;
