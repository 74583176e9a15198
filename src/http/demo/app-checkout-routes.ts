/**
 * The demo merchant's app checkout, mounted at /console/demo/app behind the console session:
 * GET / draws the page (the browser plays the 3DS SDK, /static/app-sdk.js); POST /areq takes
 * the order and the SDK's AReq elements as JSON, with the session's CSRF token in `_csrf`, and
 * answers the ARes (or the ACS's Erro) as JSON, or 400 with a message per field. Failures on
 * /areq answer JSON (src/http/common/surface.ts names the path).
 */
import express, { Router } from 'express';
import { renderAppCheckoutPage } from '../../../views/demo/app-checkout.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import {
  demoContentEncryptions,
  demoSdkInterfaces,
  demoSdkUiTypes,
  readDemoAppCheckout,
} from '../../flows/demo/app-checkout-form.ts';
import { startDemoAppCheckout } from '../../flows/demo/app-merchant.ts';
import { demoChallengeIndicators, demoCurrencies } from '../../flows/demo/checkout-form.ts';
import { demoCardChoices } from '../../flows/demo/test-cards.ts';
import { supportedVersions } from '../../protocol/version.ts';
import type { PageGuard } from '../common/page-guard.ts';
import { respondWith } from '../common/response-style.ts';

/** Where the app checkout lives, under the demo merchant's mount point. */
export const appCheckoutPath = '/app';

/** The base64 DER inside a PEM certificate. */
function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/** The app checkout's routes (relative to /console/demo/app). */
export function appCheckoutRoutes(deps: FlowDeps, guard: PageGuard): Router {
  const router = Router();
  const { session, verifyCsrf, frameOf } = guard;
  const json = express.json({ limit: '96kb', strict: true, type: 'application/json' });

  router.get('/', session, async (_req, res) => {
    const choices = await demoCardChoices(deps);
    res.type('html').send(
      renderAppCheckoutPage({
        frame: frameOf(res),
        options: {
          currencies: demoCurrencies.map((c) => ({ value: c.numeric, label: `${c.alpha} (${c.numeric})` })),
          versions: supportedVersions.map((v) => ({ value: v, label: v })),
          challengeIndicators: demoChallengeIndicators,
          encs: demoContentEncryptions.map((enc) => ({ value: enc, label: enc })),
          sdkInterfaces: demoSdkInterfaces,
          sdkUiTypes: demoSdkUiTypes,
        },
        suggestions: choices.suggestions,
        areqUrl: `/console/demo${appCheckoutPath}/areq`,
        dsRootDer: pemBody(deps.keys.dsRootCaPem),
      }),
    );
  });

  router.post('/areq', session, respondWith('json'), json, verifyCsrf, async (req, res) => {
    const reading = readDemoAppCheckout(req.body);
    if (!reading.ok) {
      res.status(400).json({
        error: 'bad_request',
        message: 'The order cannot be sent: correct the fields named in `fields`.',
        fields: reading.errors,
      });
      return;
    }
    res.json(await startDemoAppCheckout(deps, reading.checkout));
  });
  return router;
}
