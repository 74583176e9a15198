/**
 * One challenge as the 3DS SDK lives it after the ARes: the transaction IDs, the session key and
 * `enc`, and the two message counters (Stripe's DefaultMessageTransformer: both start at 0;
 * sdkCounterStoA is sent as three digits and advances after each CReq; each CRes must carry
 * acsCounterAtoS equal to the SDK's own count, or it is a decryption failure, 302).
 *
 * `creq` builds and encrypts the next CReq (creq.ts, jwe.ts). `readCRes` takes the ACS's answer:
 * an application/json body is read as a plain Erro (Stripe's ChallengeResponseProcessor); anything
 * else is decrypted, its counter checked and advanced, and then either read as an encrypted Erro
 * or validated as a CRes (cres-validation.ts). Beyond Stripe, the emulator also requires the CRes
 * to use the CReq's enc, a kid (when present) equal to acsTransID, and the ACS-to-SDK counter IV
 * (0xFF bytes, counter last; `checkCResIv: false` turns that off). `erro`/`erroFor` build the
 * SDK's Erro for the acsURL.
 */
import { buildCReqPayload, type CReqFields } from './creq.ts';
import { type ChallengeScreen, type FinalCRes, type ParsedCRes, readCResPayload } from './cres-validation.ts';
import { buildSdkErro, type ErroMessage, erroContentType, isErroPayload, readErro } from './erro.ts';
import { counterIv, decryptJwe, encryptJwe } from './jwe.ts';
import {
  type ContentEncryption,
  type DeviceRenderOptions,
  isJsonObject,
  type MessageVersion,
} from './protocol-types.ts';
import { type SdkErrorCode, SdkRuleViolation } from './sdk-rule-violation.ts';

/** The Content-Type of a CReq (Nimbus JOSEObject.MIME_TYPE_COMPACT, as Stripe posts it). */
export const creqContentType = 'application/jose; charset=UTF-8';

export type SdkSessionInit = Readonly<{
  messageVersion: MessageVersion;
  threeDSServerTransID: string;
  acsTransID: string;
  sdkTransID: string;
  enc: ContentEncryption;
  /** The 32-byte key of key-agreement.ts. */
  sessionKey: Uint8Array;
  /** The AReq's deviceRenderOptions: each acsUiType must be one the device listed. */
  deviceRenderOptions?: DeviceRenderOptions;
  /** Where the CReqs go (from acsSignedContent). */
  acsURL?: string;
  checkCResIv?: boolean;
  /** Stripe's challengeNoEntry "Y" when nothing was typed (default true). */
  noEntryLikeStripe?: boolean;
}>;

/** A message ready to post to the acsURL. */
export type OutgoingMessage = Readonly<{
  body: string;
  contentType: string;
  payload: Record<string, unknown>;
}>;

/** Ways to send a CReq that breaks the rules, for negative tests. */
export type CReqOptions = Readonly<{
  /** Send with this sdkCounterStoA (and IV) without advancing the counter: a replay. */
  counter?: number;
  /** Elements to add or replace in the plaintext; `undefined` removes one. */
  overrides?: Record<string, unknown>;
  kid?: string;
  enc?: ContentEncryption;
}>;

/** The ACS's answer to a CReq. */
export type CResAnswer =
  | Readonly<{ kind: 'cres'; cres: ParsedCRes; payload: Record<string, unknown> }>
  | Readonly<{ kind: 'erro'; encrypted: boolean; erro: ErroMessage }>;

export class SdkSession {
  readonly messageVersion: MessageVersion;
  readonly threeDSServerTransID: string;
  readonly acsTransID: string;
  readonly sdkTransID: string;
  readonly enc: ContentEncryption;
  readonly acsURL: string | undefined;
  readonly #init: SdkSessionInit;
  #sdkCounterStoA = 0;
  #acsCounterAtoS = 0;
  #finished = false;

  constructor(init: SdkSessionInit) {
    if (init.sessionKey.length !== 32) throw new Error('the session key is 32 bytes');
    this.#init = init;
    this.messageVersion = init.messageVersion;
    this.threeDSServerTransID = init.threeDSServerTransID;
    this.acsTransID = init.acsTransID;
    this.sdkTransID = init.sdkTransID;
    this.enc = init.enc;
    this.acsURL = init.acsURL;
  }

  /** The sdkCounterStoA the next CReq will carry. */
  get sdkCounterStoA(): number {
    return this.#sdkCounterStoA;
  }

  /** The acsCounterAtoS the next CRes must carry. */
  get expectedAcsCounterAtoS(): number {
    return this.#acsCounterAtoS;
  }

  /** True once a final CRes or an Erro has been read. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Builds and encrypts the next CReq. */
  creq(fields: CReqFields = {}, options: CReqOptions = {}): OutgoingMessage & Readonly<{ counter: number }> {
    const counter = options.counter ?? this.#sdkCounterStoA;
    const payload: Record<string, unknown> = {
      ...buildCReqPayload({ ...this.#ids(), noEntryLikeStripe: this.#init.noEntryLikeStripe }, fields),
      sdkCounterStoA: String(counter).padStart(3, '0'),
    };
    for (const [name, value] of Object.entries(options.overrides ?? {})) {
      if (value === undefined) delete payload[name];
      else payload[name] = value;
    }
    const body = encryptJwe({
      plaintext: JSON.stringify(payload),
      sessionKey: this.#init.sessionKey,
      enc: options.enc ?? this.enc,
      direction: 'sdkToAcs',
      counter,
      kid: options.kid ?? this.acsTransID,
    });
    if (options.counter === undefined) {
      if (this.#sdkCounterStoA === 255) throw new Error('sdkCounterStoA would wrap past 255');
      this.#sdkCounterStoA++;
    }
    return { body, contentType: creqContentType, payload, counter };
  }

  /** Reads the ACS's answer to a CReq; throws SdkRuleViolation (or Error for an HTTP failure). */
  readCRes(body: string, contentType: string | undefined, status?: number): CResAnswer {
    if (status !== undefined && (status < 200 || status > 299)) {
      throw new Error(
        `the ACS answered HTTP ${status}: Stripe's StripeHttpClient ends the challenge on any non-2xx`,
      );
    }
    if (contentType?.toLowerCase().startsWith('application/json')) return this.#readPlainErro(body);
    const decrypted = decryptJwe(body, this.#init.sessionKey, 'acsToSdk');
    const fail = (detail: string) => new SdkRuleViolation('302', 'JWE', detail);
    if (decrypted.header.enc !== this.enc)
      throw fail(`the CRes uses enc ${decrypted.header.enc}, the CReq ${this.enc}`);
    if ('kid' in decrypted.header && decrypted.header.kid !== this.acsTransID) {
      throw fail(`the CRes kid ${JSON.stringify(decrypted.header.kid)} is not acsTransID`);
    }
    if (
      (this.#init.checkCResIv ?? true) &&
      !decrypted.iv.equals(counterIv(this.enc, 'acsToSdk', this.#acsCounterAtoS))
    ) {
      throw fail(`the CRes IV is not 0xFF bytes ending in acsCounterAtoS ${this.#acsCounterAtoS}`);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(decrypted.plaintext);
    } catch {
      throw fail('the decrypted CRes is not JSON');
    }
    if (!isJsonObject(payload)) throw fail('the decrypted CRes is not a JSON object');
    this.#checkCounter(payload.acsCounterAtoS);
    this.#acsCounterAtoS++;
    if (isErroPayload(payload)) {
      this.#finished = true;
      return { kind: 'erro', encrypted: true, erro: readErro(payload) };
    }
    const cres = readCResPayload(payload, {
      ...this.#ids(),
      deviceRenderOptions: this.#init.deviceRenderOptions,
    });
    if (cres.final) this.#finished = true;
    return { kind: 'cres', cres, payload };
  }

  /** Reads an answer that must be an interim CRes (a screen); throws otherwise. */
  readScreen(body: string, contentType: string | undefined, status?: number): ChallengeScreen {
    const answer = this.readCRes(body, contentType, status);
    if (answer.kind !== 'cres' || answer.cres.final)
      throw new Error(`expected a challenge screen, got ${describe(answer)}`);
    return answer.cres;
  }

  /** Reads an answer that must be the final CRes; throws otherwise. */
  readFinal(body: string, contentType: string | undefined, status?: number): FinalCRes {
    const answer = this.readCRes(body, contentType, status);
    if (answer.kind !== 'cres' || !answer.cres.final)
      throw new Error(`expected the final CRes, got ${describe(answer)}`);
    return answer.cres;
  }

  /** The Erro the SDK posts to the acsURL. */
  erro(
    input: Readonly<{
      errorCode: SdkErrorCode;
      errorDetail: string;
      errorDescription?: string;
      errorMessageType?: 'CRes' | 'CReq';
    }>,
  ): OutgoingMessage {
    const payload = buildSdkErro({ ...this.#ids(), ...input });
    return { body: JSON.stringify(payload), contentType: erroContentType, payload: { ...payload } };
  }

  /** The Erro the SDK sends about a CRes it refused. */
  erroFor(violation: SdkRuleViolation): OutgoingMessage {
    return this.erro({
      errorCode: violation.errorCode,
      errorDetail: violation.element,
      errorMessageType: 'CRes',
    });
  }

  #ids() {
    return {
      messageVersion: this.messageVersion,
      threeDSServerTransID: this.threeDSServerTransID,
      acsTransID: this.acsTransID,
      sdkTransID: this.sdkTransID,
    };
  }

  /** Stripe's validateAcsToSdkCounter: missing is 201, not a number 203, not the SDK's count 302. */
  #checkCounter(value: unknown): void {
    if (value === undefined || value === null) {
      throw new SdkRuleViolation('201', 'acsCounterAtoS', 'acsCounterAtoS is missing');
    }
    if (typeof value !== 'string' || !/^\d{3}$/.test(value)) {
      throw new SdkRuleViolation('203', 'acsCounterAtoS', 'acsCounterAtoS is not three digits');
    }
    if (Number(value) !== this.#acsCounterAtoS) {
      throw new SdkRuleViolation(
        '302',
        'acsCounterAtoS',
        `acsCounterAtoS ${value} is not the SDK's count ${String(this.#acsCounterAtoS).padStart(3, '0')}`,
      );
    }
  }

  #readPlainErro(body: string): CResAnswer {
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      throw new Error('the ACS answered application/json that is not JSON');
    }
    if (!isErroPayload(payload)) {
      throw new Error(
        'the ACS answered plain JSON that is not an Erro (Stripe: a runtime error, the challenge ends)',
      );
    }
    this.#finished = true;
    return { kind: 'erro', encrypted: false, erro: readErro(payload) };
  }
}

function describe(answer: CResAnswer): string {
  if (answer.kind === 'erro') return `Erro ${answer.erro.errorCode} (${answer.erro.errorDetail})`;
  return answer.cres.final
    ? `a final CRes (transStatus ${answer.cres.transStatus})`
    : `screen ${answer.cres.acsUiType}`;
}
