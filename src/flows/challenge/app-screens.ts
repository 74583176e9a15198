/**
 * The app channel's interim CRes (one native screen, Table A.20) for a challenge as it stands:
 * - a text screen (acsUiType 01) for an SMS code (masked phone, resend label while resends
 *   remain), an authenticator-app code or the card password; in 2.3.1 its challengeEntryBox
 *   (numeric keyboard and SMS autofill for codes, masked entry for the password);
 * - a single-select screen (02) to choose the method, while the cardholder has not chosen;
 * - a multi-select screen (03) for the security question (kba-question.ts): its options, the
 *   answer coming back as challengeDataEntry = the chosen keys comma-separated;
 * - an out-of-band screen (04) for the approval in the banking app (oobContinueLabel);
 * - an HTML screen (05, acsHTML, app-html.ts) for every step when the ARes chose the HTML
 *   interface (acsInterface 02).
 * Every screen names the scheme's programme in its header (src/domain/scheme.ts), the merchant,
 * amount and the card's last four digits, and the message of the last action; every native
 * screen carries the ACS's own issuerImage and psImage (app-images.ts).
 */
import type { Challenge } from '../../domain/challenge.ts';
import type { AuthenticationMethod } from '../../domain/scenario.ts';
import { schemeProgrammeNames } from '../../domain/scheme.ts';
import type { Transaction } from '../../domain/transaction.ts';
import { attemptsRemaining, resendsRemaining } from '../../otp/challenge-rules.ts';
import {
  buildChallengeCRes,
  type ChallengeCRes,
  type ChallengeScreenInput,
} from '../../protocol/interim-cres.ts';
import type { FlowDeps } from '../common/deps.ts';
import { renderHtmlPage } from './app-html.ts';
import { appScreenImages } from './app-images.ts';
import { appTexts } from './app-texts.ts';
import { displayAmount, languageOf, maskPhone } from './challenge-screen.ts';
import { kbaOptions } from './kba-question.ts';
import type { ChallengeMessage } from './screen-model.ts';

/** The key of each method in a select screen's challengeSelectInfo (Table A.1: 1-4 characters). */
const choiceKeys: Readonly<Record<AuthenticationMethod, string>> = {
  sms: 'sms',
  totp: 'totp',
  password: 'pwd',
  oob: 'oob',
  kba: 'kba',
};

/** The method a select screen's answer (challengeDataEntry) names, or undefined. */
export function methodOfChoice(key: string | undefined): AuthenticationMethod | undefined {
  const entry = Object.entries(choiceKeys).find(([, value]) => value === key);
  return entry?.[0] as AuthenticationMethod | undefined;
}

/** True while an app challenge waits for the cardholder to choose a method. */
export function isChoosing(challenge: Challenge): boolean {
  return challenge.appScreen === 'choice';
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The interim CRes showing `challenge` as it stands, carrying acsCounterAtoS `counter`. */
export async function appScreenCRes(
  deps: FlowDeps,
  tx: Transaction,
  challenge: Challenge,
  counter: number,
  message?: ChallengeMessage,
): Promise<ChallengeCRes> {
  const lang = languageOf(tx);
  const texts = appTexts(lang);
  const policy = deps.config.challenge;
  const method = challenge.method;
  const phone =
    method === 'sms' && tx.cardId !== undefined ? (await deps.store.getCard(tx.cardId))?.phone : undefined;
  const header = clip(texts.header(tx.scheme === undefined ? 'Secure' : schemeProgrammeNames[tx.scheme]), 45);
  const choosing = isChoosing(challenge);
  const methodText = choosing
    ? texts.choiceText
    : method === 'sms'
      ? texts.smsText(maskPhone(phone ?? ''))
      : method === 'totp'
        ? texts.totpText
        : method === 'password'
          ? texts.passwordText
          : method === 'kba'
            ? texts.kbaText
            : texts.oobText;
  const attempts = attemptsRemaining(challenge, policy);
  const parts = [
    texts.purchase(tx.purchase.merchantName ?? '', displayAmount(tx, lang), tx.maskedPan.slice(-4)),
    methodText,
    message === undefined ? undefined : texts.messages[message.key],
    message?.kind === 'error' && !choosing && method !== 'oob' ? texts.attemptsLeft(attempts) : undefined,
  ];
  const text = clip(parts.filter((part) => part !== undefined).join(' '), 350);
  const canResend = method === 'sms' && !choosing && resendsRemaining(challenge, policy) > 0;
  const label =
    method === 'password' ? texts.passwordLabel : method === 'kba' ? texts.kbaLabel : texts.codeLabel;
  const ids = {
    messageVersion: tx.messageVersion,
    threeDSServerTransID: tx.threeDSServerTransID,
    acsTransID: tx.acsTransID,
    sdkTransID: tx.sdkTransID ?? '',
    acsCounterAtoS: counter,
  };
  const showWarning = message?.kind === 'error';
  const images = appScreenImages(deps.config.publicUrl);

  let screen: ChallengeScreenInput;
  if (challenge.acsInterface === '02') {
    screen = {
      ...ids,
      uiType: 'html',
      html: renderHtmlPage({
        lang,
        header,
        text,
        ...(choosing || method === 'oob' || method === 'kba'
          ? {}
          : { entry: { label, masked: method === 'password' } }),
        ...(choosing
          ? { choices: challenge.methods.map((m) => ({ method: m, label: texts.methods[m] })) }
          : {}),
        ...(!choosing && method === 'kba' ? { checkboxes: kbaOptions } : {}),
        submitLabel: choosing ? texts.choose : method === 'oob' ? texts.oobContinue : texts.submit,
        ...(method === 'oob' && !choosing ? { continues: true } : {}),
        ...(canResend ? { resendLabel: texts.resend } : {}),
      }),
    };
  } else if (choosing || method === 'kba') {
    // Choosing the method: one of the enrolled methods (02); the security question: its set (03).
    screen = {
      ...ids,
      ...images,
      header,
      text,
      showWarning,
      ...(choosing
        ? {
            uiType: 'single-select',
            label: texts.chooseLabel,
            submitLabel: texts.choose,
            choices: challenge.methods.map((m) => ({ key: choiceKeys[m], label: texts.methods[m] })),
          }
        : { uiType: 'multi-select', label, submitLabel: texts.submit, choices: kbaOptions }),
    };
  } else if (method === 'oob') {
    screen = {
      ...ids,
      ...images,
      uiType: 'oob',
      header,
      text,
      continueLabel: texts.oobContinue,
      // The sandbox bank app (views/sandbox/bank-app.ts, bankAppPath); interim-cres.ts leaves it
      // out of a 2.1.0 CRes, which defines no oobAppURL.
      appURL: `${deps.config.publicUrl}/sandbox/bank-app`,
      appLabel: texts.openBankApp,
      showWarning,
    };
  } else {
    screen = {
      ...ids,
      ...images,
      uiType: 'text',
      header,
      label,
      text,
      submitLabel: texts.submit,
      showWarning,
      ...(canResend ? { resendLabel: texts.resend } : {}),
      entry:
        method === 'password'
          ? { keyboard: 'alphanumeric', masked: true, autofill: 'password' }
          : {
              keyboard: 'numeric',
              maxLength: 8,
              masked: false,
              ...(method === 'sms' ? { autofill: 'sms-otp' } : {}),
            },
    };
  }
  return buildChallengeCRes(screen);
}
