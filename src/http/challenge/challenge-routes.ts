/**
 * The challenge window: the acsURL (first CReq from the merchant's iframe) and the window's
 * own form posts. Flows decide the step; this file renders it with the framed-page headers.
 */
import express, { type Response, Router } from 'express';
import { renderAutoPost } from '../../../views/challenge/auto-post.ts';
import { renderChallengePage } from '../../../views/challenge/page.ts';
import { renderSilentPage } from '../../../views/challenge/silent-page.ts';
import { errorPages, renderErrorPage } from '../../../views/common/error-page.ts';
import { methodBehaviours } from '../../domain/card.ts';
import { answerAppCReq, receiveSdkErro } from '../../flows/challenge/app-challenge.ts';
import {
  approvalStatus,
  cancelChallenge,
  chooseMethod,
  resendCode,
  submitCode,
} from '../../flows/challenge/challenge-actions.ts';
import type { ChallengeStep } from '../../flows/challenge/challenge-step.ts';
import { openChallenge } from '../../flows/challenge/open-challenge.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { errorStep } from '../../flows/common/page-step.ts';
import { rateLimits, withinLimit } from '../../flows/common/rate-limits.ts';
import { threeDSMethod } from '../../flows/threeds/three-ds-method.ts';
import { isOneOf } from '../../protocol/formats.ts';
import { parseJsonStrict } from '../../protocol/json-strict.ts';
import { framedPageCsp, framedPageHeaders } from '../common/framed-page-headers.ts';
import { respondWith } from '../common/response-style.ts';

/** Renders a challenge step as an HTML response. */
export function sendStep(res: Response, step: ChallengeStep, frameAncestors: readonly string[]): void {
  res.type('html');
  switch (step.kind) {
    case 'challenge':
      res.setHeader('Content-Security-Policy', framedPageCsp(frameAncestors));
      res.status(200).send(renderChallengePage(step.model));
      return;
    case 'post':
      res.setHeader(
        'Content-Security-Policy',
        framedPageCsp(frameAncestors, step.action, step.postTwice ? step.action : undefined),
      );
      res.status(200).send(
        renderAutoPost({
          lang: step.lang,
          action: step.action,
          fields: step.fields,
          ...(step.postTwice ? { postTwice: true } : {}),
          ...(step.windowSize === undefined ? {} : { windowSize: step.windowSize }),
        }),
      );
      return;
    case 'error':
      res.setHeader('Content-Security-Policy', framedPageCsp(frameAncestors));
      res.status(step.status).send(
        renderErrorPage({
          lang: step.lang,
          ...errorPages[step.page],
          ...(step.windowSize === undefined ? {} : { windowSize: step.windowSize }),
        }),
      );
      return;
    case 'silent':
      res.setHeader('Content-Security-Policy', framedPageCsp(frameAncestors));
      res.status(200).send(renderSilentPage(step.lang));
      return;
  }
}

/**
 * Routes for the framed pages: POST /3ds/challenge, POST /3ds/challenge/:acsTransID/{submit,
 * resend,cancel} and POST /3ds/method (and /3ds/method/late, /3ds/method/never).
 */
export function challengeRoutes(deps: FlowDeps): Router {
  const router = Router();
  const frameAncestors = deps.config.challenge.frameAncestors;
  const codePostLimit = deps.config.limits.codePostsPerAddressPerMinute;
  const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 20 });
  const appBody = express.text({
    type: ['application/jose', 'application/jwe', 'application/json'],
    limit: '64kb',
  });
  router.use(['/challenge', '/method'], respondWith('html'), framedPageHeaders());

  router.post(['/method', '/method/:behaviour'], form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const segment: unknown = req.params.behaviour;
    if (segment !== undefined && !isOneOf(segment, methodBehaviours)) {
      sendStep(res, errorStep('notFound', 404), frameAncestors);
      return;
    }
    const step = await threeDSMethod(deps, { threeDSMethodData: body.threeDSMethodData }, segment);
    sendStep(res, step, frameAncestors);
  });

  // The app channel (deviceChannel 01): the SDK posts its CReq as a compact JWE
  // (application/jose, Nimbus JOSEObject.MIME_TYPE_COMPACT, as Stripe's SDK sends it; application/jwe
  // accepted too) and its own Erro as JSON. Every answer is HTTP 200: an SDK reads no other body.
  router.post('/challenge', appBody, async (req, res, next) => {
    if (typeof req.body !== 'string') {
      next();
      return;
    }
    if (req.is('application/json')) {
      let message: unknown;
      try {
        message = parseJsonStrict(req.body);
      } catch {
        message = undefined;
      }
      await receiveSdkErro(deps, message);
      res.status(204).end();
      return;
    }
    const answer = await answerAppCReq(deps, req.body.trim(), { clientAddress: req.ip ?? 'unknown' });
    if (answer.kind === 'jwe') res.status(200).type('application/jose').send(answer.body);
    else res.status(200).json(answer.erro);
  });

  router.post('/challenge', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    sendStep(
      res,
      await openChallenge(deps, { creq: body.creq, threeDSSessionData: body.threeDSSessionData }),
      frameAncestors,
    );
  });

  // The out-of-band window's poll (JSON, same origin; the token travels in the body, never the URL).
  router.post('/challenge/:acsTransID/status', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const status = await approvalStatus(deps, req.params.acsTransID, { token: body.token });
    if (status === undefined) {
      res.status(403).json({ error: 'forbidden', message: 'unknown transaction or expired token' });
      return;
    }
    res.json(status);
  });

  const actions = {
    submit: submitCode,
    resend: resendCode,
    cancel: cancelChallenge,
    method: chooseMethod,
  } as const;
  for (const [name, action] of Object.entries(actions)) {
    router.post(`/challenge/:acsTransID/${name}`, form, async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const address = req.ip ?? 'unknown';
      if (
        name === 'submit' &&
        !(await withinLimit(deps, rateLimits.codePostsPerAddress, address, codePostLimit))
      ) {
        sendStep(res, errorStep('tooManyRequests', 429), frameAncestors);
        return;
      }
      const fields = { token: body.token, code: body.code, method: body.method };
      sendStep(res, await action(deps, req.params.acsTransID, fields), frameAncestors);
    });
  }
  return router;
}
