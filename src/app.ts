/**
 * createApp(deps): the express application with every route, no environment and no listen,
 * so tests drive exactly what production serves.
 */
import express, { type Express } from 'express';
import helmet from 'helmet';
import { staticAssetsDir } from '../views/common/static-assets.ts';
import { AcsError } from './errors/index.ts';
import type { FlowDeps } from './flows/common/deps.ts';
import { adminRoutes } from './http/admin/admin-routes.ts';
import { challengeRoutes } from './http/challenge/challenge-routes.ts';
import { errorHandler } from './http/common/error-handler.ts';
import { mountPoints } from './http/common/mount-points.ts';
import { noteMountPoint, observeRequests } from './http/common/observe.ts';
import { respondWith } from './http/common/response-style.ts';
import { consoleAuthRoutes } from './http/console/auth-routes.ts';
import { consoleBankAppRoutes } from './http/console/bank-app-routes.ts';
import { consoleCardsRoutes } from './http/console/cards-routes.ts';
import { consoleGuard } from './http/console/console-session.ts';
import { consoleHomeRoutes } from './http/console/home-routes.ts';
import { consoleInboxRoutes } from './http/console/inbox-routes.ts';
import { consoleTransactionsRoutes } from './http/console/transactions-routes.ts';
import { consoleDemoRoutes } from './http/demo/demo-routes.ts';
import { opsRoutes } from './http/ops/ops-routes.ts';
import { twilioRoutes } from './http/ops/twilio-routes.ts';
import { sandboxRoutes } from './http/sandbox/sandbox-routes.ts';
import { protocolRoutes } from './http/threeds/protocol-routes.ts';
import { jwksRoutes, resultRoutes } from './http/threeds/result-routes.ts';

/**
 * express's `trust proxy` value for ACS_TRUST_PROXY: a whole number is a hop count, anything
 * else a comma-separated list of proxy addresses, CIDRs or proxy-addr's names (loopback,
 * linklocal, uniquelocal). Unset: the socket's address is the client's.
 */
export function trustProxySetting(value: string | undefined): number | string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^[0-9]{1,3}$/.test(trimmed)) return Number(trimmed);
  return trimmed
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Builds the ACS's HTTP application over the given dependencies. */
export function createApp(deps: FlowDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  // Behind a reverse proxy the client's address (every per-address limit) comes from
  // X-Forwarded-For, but only through the hops configured here (ACS_TRUST_PROXY).
  const trustProxy = trustProxySetting(deps.config.trustProxy);
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);

  app.use(observeRequests(deps.logger, deps.metrics));
  // Framed pages set their own headers (they must be embeddable); everything else is strict.
  app.use(mountPoints.threeds, noteMountPoint, challengeRoutes(deps));
  // Helmet's strict defaults, but no upgrade-insecure-requests when the ACS is served over plain
  // http (a local or lab address): it would send every asset and form to https.
  // In sandbox mode no HSTS either: a tester's https://localhost run must not pin localhost to
  // https for the http runs that follow in the same browser.
  const plainHttp = deps.config.publicUrl.startsWith('http:');
  app.use(
    helmet({
      ...(plainHttp ? { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } } : {}),
      ...(deps.config.sandbox ? { strictTransportSecurity: false } : {}),
    }),
  );
  app.use('/static', express.static(staticAssetsDir, { index: false, maxAge: '1h', fallthrough: true }));
  app.use(mountPoints.threeds, noteMountPoint, protocolRoutes(deps), resultRoutes(deps));
  app.use(mountPoints.wellKnown, noteMountPoint, jwksRoutes(deps));
  app.use(opsRoutes(deps));
  app.use(mountPoints.admin, noteMountPoint, adminRoutes(deps));
  // The demo merchant first: its notificationURL takes posts without a console session.
  app.use(mountPoints.demo, noteMountPoint, consoleDemoRoutes(deps, consoleGuard(deps)));
  app.use(
    mountPoints.console,
    noteMountPoint,
    consoleAuthRoutes(deps),
    consoleHomeRoutes(deps),
    consoleCardsRoutes(deps),
    consoleInboxRoutes(deps),
    consoleTransactionsRoutes(deps),
    consoleBankAppRoutes(deps),
  );
  const twilio = deps.config.sms.twilio;
  if (twilio !== undefined)
    app.use(
      mountPoints.webhooks,
      noteMountPoint,
      twilioRoutes(deps, { authToken: twilio.authToken, publicUrl: deps.config.publicUrl }),
    );
  if (deps.config.sandbox) app.use(mountPoints.sandbox, noteMountPoint, sandboxRoutes(deps));

  app.use(respondWith('json'), () => {
    throw new AcsError('not_found', 'no such resource');
  });
  app.use(errorHandler(deps.logger, deps.metrics, { frameAncestors: deps.config.challenge.frameAncestors }));
  return app;
}
