/**
 * The state of an open challenge window: which method is in use, the current one-time code
 * (as a keyed hash only), and the counters that bound guessing and resending. Rules live in
 * src/otp/; this is the data they act on.
 */
import type { AuthenticationMethod } from './scenario.ts';

/** challengeWindowSize values (EMV 3DS 2.2.0 Table A.1, CReq): 01 250x400, 02 390x400, 03 500x600, 04 600x400, 05 full page. */
export const windowSizes = ['01', '02', '03', '04', '05'] as const;

/** One challengeWindowSize value. */
export type WindowSize = (typeof windowSizes)[number];

/**
 * challengeCancel values this ACS sends in an RReq. 2.3.1 only: 10 (an Erro in reply to the
 * CReq) ends a challenge whose CReq was not valid, 09 (an Erro in reply to the CRes) one whose
 * 3DS SDK sent an Erro (docs/flows.md, docs/app-channel.md).
 */
export type ChallengeCancel = '01' | '03' | '04' | '05' | '06' | '09' | '10';

/** The app channel's JWE content encryptions (src/signing/app-channel.ts, challengeEncs). */
export type AppChallengeEnc = 'A128CBC-HS256' | 'A128GCM';

/** An open or finished challenge. */
export type Challenge = Readonly<{
  acsTransID: string;
  method: AuthenticationMethod;
  methods: readonly AuthenticationMethod[];
  windowSize: WindowSize;
  /** Echoed unchanged in the final CRes post (requestor data, opaque to us). */
  threeDSSessionData: string | undefined;
  /** Keyed hash of the current code (SMS); undefined when none is outstanding. */
  codeHash: string | undefined;
  codeExpiresAt: string | undefined;
  /** How many codes were sent (first send included). */
  codesSent: number;
  wrongAttempts: number;
  /** Cardholder interactions (each code or password submitted), for the RReq. */
  interactionCounter: number;
  /** The last TOTP time step accepted, so no TOTP code is accepted twice. */
  lastTotpStep: number | undefined;
  startedAt: string;
  updatedAt: string;
  /**
   * App channel (deviceChannel 01) only, undefined for the browser: the JWE content encryption
   * the SDK chose in its first CReq (every later CReq and every CRes uses the same one).
   */
  appEnc?: AppChallengeEnc | undefined;
  /** App channel: the last sdkCounterStoA accepted (0 after the first CReq); the next must be one more. */
  sdkCounterStoA?: number | undefined;
  /** App channel: the acsCounterAtoS the next CRes carries (each CRes takes one, from 0). */
  acsCounterAtoS?: number | undefined;
  /** App channel: the ARes's acsRenderingType (acsInterface 01 native, 02 HTML), repeated in the RReq. */
  acsInterface?: '01' | '02' | undefined;
  /** App channel: the ARes's acsUiTemplate (01-05), repeated in the RReq. */
  acsUiTemplate?: '01' | '02' | '03' | '04' | '05' | undefined;
  /** App channel: `choice` while the cardholder has not chosen a method yet (a select screen). */
  appScreen?: 'choice' | 'method' | undefined;
}>;

/**
 * A challenge as its first CReq opens it, on either channel: the first method of `methods`, no
 * code outstanding, every counter at zero.
 */
export function openedChallenge(
  opening: Readonly<{
    acsTransID: string;
    methods: readonly AuthenticationMethod[];
    windowSize: WindowSize;
    threeDSSessionData: string | undefined;
    now: Date;
  }>,
): Challenge {
  return {
    acsTransID: opening.acsTransID,
    method: opening.methods[0] ?? 'sms',
    methods: opening.methods,
    windowSize: opening.windowSize,
    threeDSSessionData: opening.threeDSSessionData,
    codeHash: undefined,
    codeExpiresAt: undefined,
    codesSent: 0,
    wrongAttempts: 0,
    interactionCounter: 0,
    lastTotpStep: undefined,
    startedAt: opening.now.toISOString(),
    updatedAt: opening.now.toISOString(),
  };
}
