/**
 * The composition root: config -> keys -> database -> seed -> app -> listen. The only place
 * that reads process.env, handles signals or exits. A bad configuration prints one line and
 * exits 1; SIGTERM/SIGINT finish in-flight requests, close the database and exit 0.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.ts';
import { checkAcsUrlScheme } from './config/acs-url-scheme.ts';
import { ConfigError, loadConfig } from './config/load.ts';
import type { Config } from './config/schema.ts';
import type { CodeSender } from './delivery/code-sender.ts';
import { createOutboundClient } from './delivery/outbound-client.ts';
import { createOutboxSender } from './delivery/outbox.ts';
import { createTwilioSender } from './delivery/twilio.ts';
import { parseSeedFile } from './domain/seed-file.ts';
import { ensureAdminKey } from './flows/admin/keys.ts';
import { deliverDueRReqs } from './flows/challenge/notify-requestor.ts';
import { twilioStatusCallbackUrl } from './flows/challenge/sms-status.ts';
import { sweepTimeouts } from './flows/challenge/sweep-timeouts.ts';
import type { FlowDeps } from './flows/common/deps.ts';
import { withSealedCardData } from './flows/common/sealed-card-data.ts';
import { seedTestCards } from './flows/common/seed-test-cards.ts';
import { ensureFirstOperator } from './flows/console/operators.ts';
import { createLogger, type Logger } from './log/logger.ts';
import { createAcsMetrics } from './metrics/acs-metrics.ts';
import { loadOrCreateKeys } from './signing/keys.ts';
import { tlsCredentials } from './signing/tls-credentials.ts';
import { openStore, storeKind } from './store/open-store.ts';

async function start(config: Config, logger: Logger): Promise<void> {
  const keys = await loadOrCreateKeys({
    keysDir: config.keys.dir,
    resultSigningAlg: config.keys.resultSigningAlg,
    paths: { resultSigningKey: config.keys.resultSigningKeyPath, secretsFile: config.keys.secretsFile },
    publicUrl: config.publicUrl,
    tls: config.tls,
  });
  for (const warning of keys.warnings) logger.warn(warning);
  const acsUrlScheme = checkAcsUrlScheme(config);
  if (acsUrlScheme.outcome === 'warn') {
    logger.warn(acsUrlScheme.message, {
      publicUrl: config.publicUrl,
      fix: 'ACS_TLS_SANDBOX_CERT=true, or an https ACS_PUBLIC_URL (docs/configuration.md, HTTPS)',
    });
  }

  const store = withSealedCardData(await openStore(config.database), keys);
  logger.info('database open', { store: storeKind(config.database) });
  const deps: FlowDeps = {
    config,
    store,
    keys,
    logger,
    metrics: createAcsMetrics(),
    clock: () => new Date(),
    newId: randomUUID,
    sleep: (ms) => sleep(ms),
    randomInt: (max) => randomInt(max),
    codeSender: codeSenderFor(config),
    postJson: createOutboundClient({ allow: config.outbound.allow, sandbox: config.sandbox }),
  };

  // Seeding, the first operator and the first API key: under a lock every instance on this
  // database shares, so two instances starting together never race (docs/scaling.md).
  await store.withStartupLock(() => prepare(deps));

  const app = createApp(deps);
  // TLS when configured (ACS_TLS_*); otherwise plain HTTP, e.g. behind a TLS-terminating proxy.
  const tls = tlsCredentials(keys);
  const server: HttpServer | HttpsServer =
    tls === undefined
      ? createHttpServer(app)
      : createHttpsServer({ cert: tls.certificatePem, key: tls.keyPem }, app);
  server.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info('ACS listening', {
    url: `${tls === undefined ? 'http' : 'https'}://${host}:${config.port}`,
    publicUrl: config.publicUrl,
    sandbox: config.sandbox,
  });

  const sweeper = startSweeper(deps);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    clearInterval(sweeper);
    const force = setTimeout(() => server.closeAllConnections(), config.http.shutdownTimeoutMs);
    force.unref();
    server.close(() => {
      store
        .close()
        .catch((error: unknown) => logger.error('could not close the database', { err: error }))
        .finally(() => {
          logger.info('stopped');
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Start-up work on the database: test cards, the first operator and the first admin API key. */
async function prepare(deps: FlowDeps): Promise<void> {
  const { config, logger } = deps;
  if (existsSync(config.seedFile)) {
    const report = await seedTestCards(deps, parseSeedFile(readFileSync(config.seedFile, 'utf8')));
    logger.info('seed loaded', { file: config.seedFile, ...report });
  } else {
    logger.warn('seed file not found; starting without test cards', { file: config.seedFile });
  }

  const { createdPassword } = await ensureFirstOperator(deps, config.console.firstOperator);
  if (createdPassword !== undefined) {
    // Shown once, on the console only (never logged); only its argon2id hash is stored.
    process.stderr.write(`acs: created console operator "admin" (password shown once): ${createdPassword}\n`);
  }
  const { createdKey } = await ensureAdminKey(deps, config.admin.apiKey);
  if (createdKey !== undefined) {
    // Shown once, on the console only (never logged); only its keyed hash is stored.
    process.stderr.write(`acs: created the first admin API key (shown once; keep it safe): ${createdKey}\n`);
  }
}

/** The configured SMS delivery: the sandbox outbox, or Twilio. */
function codeSenderFor(config: Config): CodeSender {
  const twilio = config.sms.twilio;
  if (twilio === undefined) return createOutboxSender();
  return createTwilioSender({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: twilio.from,
    messagingServiceSid: twilio.messagingServiceSid,
    statusCallbackUrl: twilio.statusCallback ? twilioStatusCallbackUrl(config.publicUrl) : undefined,
    validityPeriodSeconds: config.challenge.codeTtlSeconds,
    timeoutMs: twilio.timeoutMs,
  });
}

/**
 * Every ACS_SWEEP_INTERVAL_MS (and once at start, after a restart): ends timed-out challenges
 * and makes the RReq retries that are due, whichever instance scheduled them.
 */
function startSweeper(deps: FlowDeps): NodeJS.Timeout {
  let running = false;
  const sweep = async () => {
    const ended = await sweepTimeouts(deps);
    if (ended > 0) deps.logger.info('timed-out transactions ended', { ended });
    await deliverDueRReqs(deps);
  };
  const tick = () => {
    if (running) return;
    running = true;
    sweep()
      .catch((error: unknown) => deps.logger.error('sweep failed', { err: error }))
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, deps.config.challenge.sweepIntervalMs);
  timer.unref();
  return timer;
}

function main(): void {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`acs: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // 2.3.1 needs an https acsURL: a configuration that cannot give one is refused like any other.
  const acsUrlScheme = checkAcsUrlScheme(config);
  if (acsUrlScheme.outcome === 'refuse') {
    process.stderr.write(`acs: invalid configuration: ${acsUrlScheme.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  start(config, logger).catch((error: unknown) => {
    logger.error('failed to start', { err: error });
    process.stderr.write(`acs: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

main();
