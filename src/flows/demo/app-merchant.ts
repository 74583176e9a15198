/**
 * The demo merchant's app checkout, server half: it plays the shopping app's 3DS Server, sending
 * the app AReq in-process through the same authenticate() the browser checkout uses, and hands
 * the page (the 3DS SDK) the ARes, or the Erro the ACS answered. Everything after that, the CReq
 * and CRes, travels between the page and the acsURL, encrypted end to end, as between an SDK
 * and an ACS; the RReq comes to the demo's threeDSServerURL (rreq.ts).
 */
import type { ARes } from '../../protocol/ares.ts';
import type { Erro } from '../../protocol/erro.ts';
import type { FlowDeps } from '../common/deps.ts';
import { maskMessage } from '../common/message-log.ts';
import { authenticate } from '../threeds/authenticate.ts';
import { buildDemoAppAReq } from './app-areq.ts';
import type { DemoAppCheckout } from './app-checkout-form.ts';

/** The console page of a transaction (the app checkout links to it when it ends). */
export function consoleTransactionHref(acsTransID: string): string {
  return `/console/transactions/${encodeURIComponent(acsTransID)}`;
}

/** What the page receives: the AReq sent (card number masked) and the ACS's answer. */
export type DemoAppStart = Readonly<
  | {
      kind: 'ares';
      areq: Readonly<Record<string, unknown>>;
      ares: ARes;
      transactionHref: string;
    }
  | { kind: 'erro'; areq: Readonly<Record<string, unknown>>; erro: Erro }
>;

/** Sends the app checkout's AReq to this ACS, in-process, as the app's 3DS Server. */
export async function startDemoAppCheckout(deps: FlowDeps, checkout: DemoAppCheckout): Promise<DemoAppStart> {
  const areq = buildDemoAppAReq(
    checkout,
    { threeDSServerTransID: deps.newId() },
    deps.config.publicUrl,
    deps.clock(),
  );
  const answer = await authenticate(deps, JSON.stringify(areq));
  const masked = maskMessage(areq);
  if (answer.messageType === 'Erro') return { kind: 'erro', areq: masked, erro: answer };
  return {
    kind: 'ares',
    areq: masked,
    ares: answer,
    transactionHref: consoleTransactionHref(answer.acsTransID),
  };
}
