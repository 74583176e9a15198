/*
 * One challenge of the browser 3DS SDK, from the first CReq to the final CRes, by the rules of
 * test/support/sdk-emulator/README.md ("Counters", "The CReq the SDK sends", "How a CRes is
 * read"), which cite the Stripe 3DS2 SDK classes they come from:
 *
 * - each CReq carries sdkCounterStoA (three digits, 000 first) and what the cardholder did:
 *   challengeCancel, challengeDataEntry (or, from 2.2.0, challengeNoEntry Y when nothing was
 *   typed), challengeHTMLDataEntry, oobContinue (true up to 2.2.0, "01" in 2.3.1) or
 *   resendChallenge Y; 2.3.1 adds oobAppURLInd, required in every app CReq;
 * - it is encrypted (jwe.js) and posted as application/jose to the acsURL;
 * - the answer is read as an SDK reads it: a non-2xx status ends the challenge unread; plain
 *   JSON is the ACS's Erro; anything else is decrypted, its acsCounterAtoS must be the SDK's own
 *   count (missing 201, not a number 203, another value 302), then it is an encrypted Erro or a
 *   CRes with the CReq's IDs (301) and version (102), final (challengeCompletionInd Y, transStatus)
 *   or a screen (acsUiType). A CRes the SDK refuses is answered with the SDK's Erro, posted as
 *   JSON to the acsURL, and the challenge ends.
 */
import { counterIv, decryptMessage, encryptMessage } from './jwe.js';

const creqContentType = 'application/jose; charset=UTF-8';
const erroContentType = 'application/json; charset=utf-8';

/** Table A.4 error descriptions the SDK uses. */
const erroDescriptions = {
  101: 'Message received invalid',
  102: 'Message version number not supported',
  201: 'Required data element missing',
  203: 'Format of one or more data elements is invalid',
  301: 'Transaction ID not recognised',
  302: 'Data decryption failure',
};

function counterText(value) {
  return String(value).padStart(3, '0');
}

function atLeast220(version) {
  return version !== '2.1.0';
}

/** A CRes the SDK refuses: the Erro code it answers with and the element at fault. */
class Refusal extends Error {
  constructor(code, element, detail) {
    super(detail);
    this.code = code;
    this.element = element;
  }
}

/** The acsURL to post to: the acsURL itself when it is on this page's origin, else its path here. */
export function postUrlFor(acsURL, origin) {
  const url = new URL(acsURL);
  return url.origin === origin ? url.href : new URL(`${url.pathname}${url.search}`, origin).href;
}

export class SdkSession {
  /**
   * @param {object} init messageVersion, enc, sessionKey, threeDSServerTransID, acsTransID,
   *   sdkTransID, and postUrl (where the acsURL is reached from this page).
   */
  constructor(init) {
    Object.assign(this, init);
    this.sdkCounter = 0;
    this.acsCounter = 0;
  }

  /** The CReq plaintext for an action ({ type: first|entry|select|html|oob|resend|cancel, ... }). */
  creqFor(action) {
    const version = this.messageVersion;
    const creq = {
      messageType: 'CReq',
      messageVersion: version,
      sdkTransID: this.sdkTransID,
      threeDSServerTransID: this.threeDSServerTransID,
      acsTransID: this.acsTransID,
    };
    if (action.type === 'cancel') creq.challengeCancel = '01';
    const entry =
      action.type === 'entry' ? action.value : action.type === 'select' ? action.keys.join(',') : '';
    if (entry !== '') creq.challengeDataEntry = entry;
    else if (atLeast220(version)) creq.challengeNoEntry = 'Y';
    if (action.type === 'html') creq.challengeHTMLDataEntry = action.data;
    if (action.type === 'oob') creq.oobContinue = version === '2.3.1' ? '01' : true;
    if (action.type === 'resend') creq.resendChallenge = 'Y';
    if (version === '2.3.1') creq.oobAppURLInd = '01';
    creq.sdkCounterStoA = counterText(this.sdkCounter);
    return creq;
  }

  /** Sends the CReq for `action`; returns { creq, jweLength, answer } (see readAnswer). */
  async exchange(action) {
    const creq = this.creqFor(action);
    const jwe = await encryptMessage({
      message: creq,
      sessionKey: this.sessionKey,
      enc: this.enc,
      direction: 'sdkToAcs',
      counter: this.sdkCounter,
      kid: this.acsTransID,
    });
    this.sdkCounter += 1;
    const response = await fetch(this.postUrl, {
      method: 'POST',
      headers: { 'Content-Type': creqContentType },
      body: jwe,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
    return { creq, jweLength: jwe.length, answer: await this.readAnswer(response) };
  }

  /**
   * What the acsURL answered: { kind: 'screen' | 'final', cres, jweLength, ivFollowsRule },
   * { kind: 'acs-erro', erro, encrypted }, { kind: 'sdk-erro', erro, reason } (the SDK refused
   * the CRes and posted this Erro) or { kind: 'http-failure', status }.
   */
  async readAnswer(response) {
    if (!response.ok) return { kind: 'http-failure', status: response.status };
    const body = await response.text();
    if ((response.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      let erro;
      try {
        erro = JSON.parse(body);
      } catch {
        erro = undefined;
      }
      if (erro?.messageType === 'Erro') return { kind: 'acs-erro', erro, encrypted: false };
      return this.refuse(new Refusal('101', 'messageType', 'plain JSON that is not an Erro'));
    }
    try {
      return await this.readEncrypted(body);
    } catch (error) {
      if (error instanceof Refusal) return this.refuse(error);
      throw error;
    }
  }

  async readEncrypted(body) {
    let opened;
    try {
      opened = await decryptMessage(body, this.sessionKey, 'acsToSdk');
    } catch (error) {
      throw new Refusal('302', 'JWE', error.message);
    }
    let message;
    try {
      message = JSON.parse(opened.plaintext);
    } catch {
      throw new Refusal('101', 'CRes', 'the plaintext is not JSON');
    }
    const counter = message.acsCounterAtoS;
    if (counter === undefined || counter === null || counter === '') {
      throw new Refusal('201', 'acsCounterAtoS', 'acsCounterAtoS is missing');
    }
    if (typeof counter !== 'string' || !/^\d{3}$/.test(counter)) {
      throw new Refusal('203', 'acsCounterAtoS', 'acsCounterAtoS is not three digits');
    }
    if (Number(counter) !== this.acsCounter) {
      throw new Refusal(
        '302',
        'acsCounterAtoS',
        `acsCounterAtoS is ${counter}, expected ${counterText(this.acsCounter)}`,
      );
    }
    const expectedIv = counterIv(opened.header.enc, 'acsToSdk', this.acsCounter);
    const ivFollowsRule =
      opened.iv.length === expectedIv.length && opened.iv.every((b, i) => b === expectedIv[i]);
    this.acsCounter += 1;
    if (message.messageType === 'Erro') return { kind: 'acs-erro', erro: message, encrypted: true };
    this.checkCRes(message, opened.header);
    const kind = message.challengeCompletionInd === 'Y' ? 'final' : 'screen';
    return { kind, cres: message, jweLength: body.trim().length, ivFollowsRule };
  }

  checkCRes(cres, header) {
    if (header.enc !== this.enc)
      throw new Refusal('302', 'JWE', `the CRes uses ${header.enc}, the CReq ${this.enc}`);
    if (header.kid !== undefined && header.kid !== this.acsTransID)
      throw new Refusal('302', 'JWE', 'kid is not acsTransID');
    if (cres.messageType !== 'CRes') throw new Refusal('101', 'messageType', 'the message is not a CRes');
    for (const name of ['threeDSServerTransID', 'acsTransID', 'sdkTransID']) {
      if (cres[name] !== this[name]) throw new Refusal('301', name, `${name} is not the transaction's`);
    }
    if (cres.messageVersion !== this.messageVersion)
      throw new Refusal('102', 'messageVersion', 'another version');
    if (cres.challengeCompletionInd === 'Y') {
      if (cres.transStatus !== 'Y' && cres.transStatus !== 'N') {
        throw new Refusal('203', 'transStatus', 'a final CRes has transStatus Y or N');
      }
    } else if (cres.challengeCompletionInd !== 'N') {
      throw new Refusal('203', 'challengeCompletionInd', 'challengeCompletionInd is not Y or N');
    } else if (typeof cres.acsUiType !== 'string' || cres.acsUiType === '') {
      throw new Refusal('201', 'acsUiType', 'an interim CRes names its acsUiType');
    }
  }

  /** Posts the SDK's Erro for a refused CRes and returns what the page shows. */
  async refuse(refusal) {
    const erro = {
      messageType: 'Erro',
      messageVersion: this.messageVersion,
      threeDSServerTransID: this.threeDSServerTransID,
      acsTransID: this.acsTransID,
      sdkTransID: this.sdkTransID,
      errorCode: refusal.code,
      errorComponent: 'C',
      errorDescription: erroDescriptions[refusal.code] ?? 'Message received invalid',
      errorDetail: refusal.element,
      errorMessageType: 'CRes',
    };
    await this.postErro(erro);
    return { kind: 'sdk-erro', erro, reason: refusal.message };
  }

  /** Posts an SDK Erro (plain JSON) to the acsURL; the ACS ends the transaction. */
  async postErro(erro) {
    try {
      await fetch(this.postUrl, {
        method: 'POST',
        headers: { 'Content-Type': erroContentType },
        body: JSON.stringify(erro),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch {
      // The SDK ends the challenge either way; the page shows the Erro it meant to send.
    }
  }
}
