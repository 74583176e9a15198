/*
 * The app challenge as the 3DS SDK runs it after an ARes with transStatus C: check
 * acsSignedContent (acs-signed-content.js), derive the session key (jwe.js), then one exchange
 * per cardholder action (session.js): the CReq listed beside the phone with its JWE size, the
 * CRes listed decrypted and drawn as a native screen (screens.js), until the final CRes, an Erro
 * or a failure ends it on a result screen linking to the transaction's console page.
 */
import { verifyAcsSignedContent } from './acs-signed-content.js';
import { deriveSessionKey } from './jwe.js';
import { drawEnd, drawScreen, setBusy } from './screens.js';
import { postUrlFor, SdkSession } from './session.js';

/** Runs the challenge of `ares` in the phone of `page` (page.js). */
export async function runChallenge({ page, ares, keys, sdk, enc, shop, href }) {
  const end = (options) => page.focusPhone(drawEnd(page.phoneScreen, { shop, href, ...options }));
  page.say('Checking acsSignedContent…');
  let content;
  try {
    content = await verifyAcsSignedContent(ares.acsSignedContent, {
      trustedRoot: page.dsRoot(),
      sdkEphemPubKey: keys.publicJwk,
      now: new Date(),
    });
  } catch (error) {
    end({ title: 'acsSignedContent refused', tone: 'bad', lines: [error.message] });
    page.say('The SDK refused acsSignedContent.');
    return;
  }
  page.logMessage({
    kind: 'acsSignedContent',
    title: 'acsSignedContent',
    meta: `${content.alg} signature and x5c chain (${content.chain.length} certificates) verified against the sandbox DS root`,
    message: {
      header: { ...content.header, x5c: `[${content.header.x5c.length} certificates]` },
      payload: content.payload,
    },
  });
  const session = new SdkSession({
    messageVersion: ares.messageVersion,
    enc,
    sessionKey: await deriveSessionKey(
      keys.privateKey,
      content.payload.acsEphemPubKey,
      sdk.sdkReferenceNumber,
    ),
    threeDSServerTransID: ares.threeDSServerTransID,
    acsTransID: ares.acsTransID,
    sdkTransID: sdk.sdkTransID,
    postUrl: postUrlFor(content.payload.acsURL, window.location.origin),
  });

  const context = {
    shop,
    bankAppHref: page.bankAppHref,
    onAction: (action) => step(action),
    note: (text, link) => page.note(text, link),
  };

  function show(answer) {
    if (answer.kind === 'screen' || answer.kind === 'final') {
      const cres = answer.cres;
      page.logMessage({
        kind: 'CRes',
        counter: cres.acsCounterAtoS,
        title: `CRes ${cres.acsCounterAtoS}`,
        meta: `acsURL → SDK, JWE ${answer.jweLength} bytes${answer.ivFollowsRule ? '' : ', IV not by the ACS → SDK rule'}`,
        message: cres,
      });
      if (answer.kind === 'final') {
        end({
          title: lastAction?.type === 'cancel' ? 'Challenge cancelled' : 'Challenge complete',
          transStatus: cres.transStatus,
          tone: cres.transStatus === 'Y' ? 'ok' : 'bad',
        });
        page.say(`Challenge complete: transStatus ${cres.transStatus}.`);
        return;
      }
      page.focusPhone(drawScreen(page.phoneScreen, cres, context));
      page.say(`Screen ${cres.acsCounterAtoS}: acsUiType ${cres.acsUiType}.`);
      return;
    }
    if (answer.kind === 'http-failure') {
      end({
        title: 'The challenge stopped',
        tone: 'bad',
        lines: [`The acsURL answered HTTP ${answer.status}.`],
      });
      page.say('The challenge stopped.');
      return;
    }
    const byAcs = answer.kind === 'acs-erro';
    const erro = answer.erro;
    page.logMessage({
      kind: 'Erro',
      title: 'Erro',
      meta: byAcs
        ? `acsURL → SDK${answer.encrypted ? ' (encrypted)' : ''}`
        : `SDK → acsURL: ${answer.reason}`,
      message: erro,
    });
    end({
      title: byAcs ? 'The ACS ended the challenge with an Erro' : 'The SDK refused the CRes',
      tone: 'bad',
      lines: [`Erro ${erro.errorCode}: ${erro.errorDescription} (${erro.errorDetail ?? ''})`],
    });
    page.say(`Erro ${erro.errorCode}.`);
  }

  let busy = false;
  let lastAction;
  async function step(action) {
    // One CReq at a time: a second one before the CRes would break the counters.
    if (busy) return;
    busy = true;
    lastAction = action;
    setBusy(page.phoneScreen, true);
    page.note(undefined);
    page.say('Sending the CReq…');
    try {
      const { creq, jweLength, answer } = await session.exchange(action);
      page.logMessage({
        kind: 'CReq',
        counter: creq.sdkCounterStoA,
        title: `CReq ${creq.sdkCounterStoA}`,
        meta: `SDK → acsURL, JWE ${jweLength} bytes (${session.enc})`,
        message: creq,
      });
      show(answer);
    } catch (error) {
      end({ title: 'The challenge stopped', tone: 'bad', lines: [error.message] });
      page.say('The challenge stopped.');
    } finally {
      busy = false;
      setBusy(page.phoneScreen, false);
    }
  }

  await step({ type: 'first' });
}
