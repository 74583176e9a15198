/**
 * What the app channel's native screens say, in English and Spanish. The CRes carries plain text
 * the SDK draws (Table A.1 lengths: labels 45, challengeInfoText 350), so these are short and
 * have no markup. The browser window's texts live in views/common/i18n.ts; the flows cannot
 * import views, and the native screens word some things differently (no links, no layout).
 *
 * Language: an app AReq has no browserLanguage, and its deviceInfo travels encrypted for the
 * DS inside sdkEncData, so the ACS reads no language from it; languageOf(tx) therefore gives
 * English for the app channel unless the transaction carries a browserLanguage (docs/app-channel.md).
 */
import type { AuthenticationMethod } from '../../domain/scenario.ts';
import type { Lang } from '../common/language.ts';
import type { ChallengeMessage } from './screen-model.ts';

/** The texts of one language. */
export type AppTexts = Readonly<{
  header: (programme: string) => string;
  purchase: (merchant: string, amount: string | undefined, panLast4: string) => string;
  smsText: (maskedPhone: string) => string;
  totpText: string;
  passwordText: string;
  oobText: string;
  /** The security question (kba-question.ts); the options are the select screen's. */
  kbaText: string;
  choiceText: string;
  codeLabel: string;
  passwordLabel: string;
  chooseLabel: string;
  kbaLabel: string;
  submit: string;
  choose: string;
  resend: string;
  oobContinue: string;
  openBankApp: string;
  methods: Readonly<Record<AuthenticationMethod, string>>;
  messages: Readonly<Record<ChallengeMessage['key'], string>>;
  attemptsLeft: (count: number) => string;
}>;

const en: AppTexts = {
  header: (programme) => programme,
  purchase: (merchant, amount, panLast4) =>
    amount === undefined
      ? `Confirm with ${merchant}, card •••• ${panLast4}.`
      : `Pay ${amount} to ${merchant} with card •••• ${panLast4}.`,
  smsText: (maskedPhone) => `We sent a code by SMS to ${maskedPhone}. Enter it to continue.`,
  totpText: 'Enter the code your authenticator app shows.',
  passwordText: 'Enter your card password.',
  oobText: 'Open your banking app and approve this purchase, then select Continue.',
  kbaText: 'Which of these merchants did you pay in the last 30 days? Select every one.',
  choiceText: 'Choose how to confirm this purchase.',
  codeLabel: 'Code',
  passwordLabel: 'Password',
  chooseLabel: 'Verification method',
  kbaLabel: 'Security question',
  submit: 'Submit',
  choose: 'Continue',
  resend: 'Send a new code',
  oobContinue: 'Continue',
  openBankApp: 'Open the banking app',
  methods: {
    sms: 'Code by SMS',
    totp: 'Authenticator app code',
    password: 'Card password',
    oob: 'Approve in the banking app',
    kba: 'Answer a security question',
  },
  messages: {
    wrongCode: 'That code is not correct. Please try again.',
    wrongPassword: 'That password is not correct. Please try again.',
    wrongAnswer: 'That answer is not correct. Please try again.',
    codeExpired: 'That code has expired. Ask for a new one.',
    codeSent: 'We sent you a code.',
    codeResent: 'We sent you a new code.',
    requestResent: 'We sent the request to your banking app again.',
    deliveryFailed: 'We could not send the code. Try again or choose another method.',
    deliveryFailedInvalidNumber: 'We could not send the code: the phone number on file is not valid.',
    deliveryFailedUnreachable: 'We could not reach your phone. Try again later.',
    deliveryFailedRegion: 'We cannot send codes to your phone’s region.',
    deliveryFailedOptedOut: 'Your phone has opted out of our messages.',
    deliveryFailedNotMobile: 'The phone number on file cannot receive SMS.',
    notApprovedYet: 'The request is not approved yet. Approve it in the app, then select Continue.',
  },
  attemptsLeft: (count) => (count === 1 ? '1 attempt left.' : `${count} attempts left.`),
};

const es: AppTexts = {
  header: (programme) => programme,
  purchase: (merchant, amount, panLast4) =>
    amount === undefined
      ? `Confirme con ${merchant}, tarjeta •••• ${panLast4}.`
      : `Pague ${amount} a ${merchant} con la tarjeta •••• ${panLast4}.`,
  smsText: (maskedPhone) => `Le enviamos un código por SMS al ${maskedPhone}. Introdúzcalo para continuar.`,
  totpText: 'Introduzca el código que muestra su app de autenticación.',
  passwordText: 'Introduzca la contraseña de su tarjeta.',
  oobText: 'Abra la app de su banco, apruebe esta compra y seleccione Continuar.',
  kbaText: '¿En cuáles de estos comercios pagó en los últimos 30 días? Seleccione todos.',
  choiceText: 'Elija cómo confirmar esta compra.',
  codeLabel: 'Código',
  passwordLabel: 'Contraseña',
  chooseLabel: 'Método de verificación',
  kbaLabel: 'Pregunta de seguridad',
  submit: 'Enviar',
  choose: 'Continuar',
  resend: 'Enviar un código nuevo',
  oobContinue: 'Continuar',
  openBankApp: 'Abrir la app del banco',
  methods: {
    sms: 'Código por SMS',
    totp: 'Código de la app de autenticación',
    password: 'Contraseña de la tarjeta',
    oob: 'Aprobar en la app del banco',
    kba: 'Responder a una pregunta de seguridad',
  },
  messages: {
    wrongCode: 'El código no es correcto. Inténtelo de nuevo.',
    wrongPassword: 'La contraseña no es correcta. Inténtelo de nuevo.',
    wrongAnswer: 'La respuesta no es correcta. Inténtelo de nuevo.',
    codeExpired: 'El código ha caducado. Pida uno nuevo.',
    codeSent: 'Le hemos enviado un código.',
    codeResent: 'Le hemos enviado un código nuevo.',
    requestResent: 'Hemos enviado de nuevo la solicitud a la app de su banco.',
    deliveryFailed: 'No pudimos enviar el código. Inténtelo de nuevo o elija otro método.',
    deliveryFailedInvalidNumber: 'No pudimos enviar el código: el teléfono registrado no es válido.',
    deliveryFailedUnreachable: 'No pudimos contactar con su teléfono. Inténtelo más tarde.',
    deliveryFailedRegion: 'No podemos enviar códigos a la región de su teléfono.',
    deliveryFailedOptedOut: 'Su teléfono ha rechazado nuestros mensajes.',
    deliveryFailedNotMobile: 'El teléfono registrado no puede recibir SMS.',
    notApprovedYet: 'La solicitud aún no está aprobada. Apruébela en la app y seleccione Continuar.',
  },
  attemptsLeft: (count) => (count === 1 ? 'Le queda 1 intento.' : `Le quedan ${count} intentos.`),
};

/** The app screens' texts in `lang`. */
export function appTexts(lang: Lang): AppTexts {
  return lang === 'es' ? es : en;
}
