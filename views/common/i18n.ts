/**
 * The cardholder-facing text of every page, in English and Spanish. The challenge window
 * picks its language from the AReq's browserLanguage (EMV 3DS: an IETF BCP 47 tag), so a
 * Spanish-speaking cardholder sees Spanish. The catalogue is typed so both languages carry
 * exactly the same keys; `{name}` placeholders are filled by `t` and escaped by the view.
 */

import type { Lang } from '../../src/flows/common/language.ts';

const en = {
  // Challenge window
  confirmPurchase: 'Confirm your purchase',
  confirmIdentity: 'Confirm it is you',
  purchaseDetails: 'Purchase details',
  merchant: 'Merchant',
  amount: 'Amount',
  card: 'Card',
  cardEnding: 'ending in',
  instructionSms: 'We sent a code by text message to {phone}.',
  instructionSmsNoPhone: 'We sent a code by text message to your registered phone.',
  instructionTotp: 'Open your authenticator app and enter the code it shows for {issuer}.',
  instructionPassword: 'Enter the password you use with {issuer}.',
  instructionOob: 'We sent a request to the {issuer} app. Approve it there, then select Continue.',
  instructionKba: 'Answer this security question from {issuer}.',
  kbaQuestion: 'Which of these merchants did you pay in the last 30 days? Tick every one.',
  codeLabel: 'Enter the 6-digit code',
  passwordLabel: 'Password',
  verify: 'Verify',
  continue: 'Continue',
  attemptsRemainingOne: '1 attempt left',
  attemptsRemainingOther: '{count} attempts left',
  resendCode: 'Resend code',
  resendRequest: 'Resend request',
  resendsRemainingOne: '1 resend left',
  resendsRemainingOther: '{count} resends left',
  noResendsLeft: 'No resends left',
  cancel: 'Cancel',
  otherMethods: 'Or verify with',
  otherMethodShort: 'Other method',
  methodSms: 'Text message',
  methodTotp: 'Authenticator app',
  methodPassword: 'Password',
  methodOob: 'Bank app',
  methodKba: 'Security question',
  needHelp: 'Need help?',
  helpIntro: '{issuer} asks for this check to keep your card safe. It applies only to this purchase.',
  helpSms: 'No text yet? Wait a minute, then select Resend code. Each code works for a few minutes.',
  helpTotp: 'The code in the app changes every 30 seconds: enter the one shown now.',
  helpPassword: 'Forgot your password? Contact {issuer}.',
  helpOob: 'No notification? Open the app yourself, or select Resend request.',
  helpKba: 'Tick every merchant you paid with this card in the last 30 days, and only those.',
  helpFraud: 'Did not make this purchase? Select Cancel and contact {issuer}.',
  // Messages shown above the form
  wrongCode: 'That code is not correct. Please try again.',
  wrongPassword: 'That password is not correct. Please try again.',
  wrongAnswer: 'That answer is not correct. Please try again.',
  codeExpired: 'That code has expired. Select Resend code for a new one.',
  codeSent: 'We sent you a code.',
  codeResent: 'We sent you a new code.',
  requestResent: 'We sent the request again.',
  deliveryFailed: 'We could not send the code. Try again or choose another method.',
  deliveryFailedInvalidNumber:
    'We could not send the code: the phone number we have for this card is not valid. Choose another method, or contact your bank to update your number.',
  deliveryFailedUnreachable:
    'We could not reach your phone by text message. Check that it is on and has signal, then select Resend code, or choose another method.',
  deliveryFailedRegion:
    'We cannot send text messages to phone numbers in your country. Choose another method, or contact your bank.',
  deliveryFailedOptedOut:
    'Your phone number has blocked text messages from us. Text START to the number our messages come from, then select Resend code, or choose another method.',
  deliveryFailedNotMobile:
    'The phone number we have for this card cannot receive text messages (it is not a mobile number). Choose another method, or contact your bank to update your number.',
  notApprovedYet: 'The request is not approved yet. Approve it in the app, then select Continue.',
  // Auto-submitting form (final CRes, 3DS Method)
  autoPostTitle: 'One moment…',
  autoPostText: 'If this page does not move on by itself, select Continue.',
  // Error pages
  errorHeading: 'Something went wrong',
  transactionFinished: 'This purchase is already complete',
  transactionFinishedText:
    'The result was already sent to the merchant. Close this window and return to the shop.',
  sessionExpired: 'This page has expired',
  sessionExpiredText:
    'For your security the verification timed out. Return to the shop and try the purchase again.',
  invalidRequest: 'We could not read this request',
  invalidRequestText: 'The shop sent a request we could not process. Return to the shop and try again.',
  notFound: 'Page not found',
  notFoundText: 'We could not find this verification. Return to the shop and try again.',
  tooManyRequests: 'Too many attempts',
  tooManyRequestsText: 'Please wait a few minutes before trying again.',
  unavailable: 'Service unavailable',
  unavailableText: 'Verification is temporarily unavailable. Please try again later.',
} as const;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof en;

const es: Readonly<Record<MessageKey, string>> = {
  confirmPurchase: 'Confirme su compra',
  confirmIdentity: 'Confirme que es usted',
  purchaseDetails: 'Detalles de la compra',
  merchant: 'Comercio',
  amount: 'Importe',
  card: 'Tarjeta',
  cardEnding: 'terminada en',
  instructionSms: 'Le enviamos un código por SMS al {phone}.',
  instructionSmsNoPhone: 'Le enviamos un código por SMS a su teléfono registrado.',
  instructionTotp: 'Abra su app de autenticación e introduzca el código que muestra para {issuer}.',
  instructionPassword: 'Introduzca la contraseña que usa con {issuer}.',
  instructionOob: 'Enviamos una solicitud a la app de {issuer}. Apruébela allí y seleccione Continuar.',
  instructionKba: 'Responda a esta pregunta de seguridad de {issuer}.',
  kbaQuestion: '¿En cuáles de estos comercios pagó en los últimos 30 días? Marque todos.',
  codeLabel: 'Introduzca el código de 6 dígitos',
  passwordLabel: 'Contraseña',
  verify: 'Verificar',
  continue: 'Continuar',
  attemptsRemainingOne: 'Le queda 1 intento',
  attemptsRemainingOther: 'Le quedan {count} intentos',
  resendCode: 'Reenviar código',
  resendRequest: 'Reenviar solicitud',
  resendsRemainingOne: 'Queda 1 reenvío',
  resendsRemainingOther: 'Quedan {count} reenvíos',
  noResendsLeft: 'No quedan reenvíos',
  cancel: 'Cancelar',
  otherMethods: 'O verifique con',
  otherMethodShort: 'Otro método',
  methodSms: 'SMS',
  methodTotp: 'App de autenticación',
  methodPassword: 'Contraseña',
  methodOob: 'App del banco',
  methodKba: 'Pregunta de seguridad',
  needHelp: '¿Necesita ayuda?',
  helpIntro: '{issuer} solicita esta verificación para proteger su tarjeta. Solo se aplica a esta compra.',
  helpSms:
    '¿No le llega el SMS? Espere un minuto y seleccione Reenviar código. Cada código vale unos minutos.',
  helpTotp: 'El código de la app cambia cada 30 segundos: introduzca el que ve ahora.',
  helpPassword: '¿Olvidó su contraseña? Contacte con {issuer}.',
  helpOob: '¿No recibió el aviso? Abra la app usted mismo o seleccione Reenviar solicitud.',
  helpKba: 'Marque cada comercio en el que pagó con esta tarjeta en los últimos 30 días, y solo esos.',
  helpFraud: '¿No hizo esta compra? Seleccione Cancelar y contacte con {issuer}.',
  wrongCode: 'El código no es correcto. Inténtelo de nuevo.',
  wrongPassword: 'La contraseña no es correcta. Inténtelo de nuevo.',
  wrongAnswer: 'La respuesta no es correcta. Inténtelo de nuevo.',
  codeExpired: 'El código ha caducado. Seleccione Reenviar código para recibir uno nuevo.',
  codeSent: 'Le hemos enviado un código.',
  codeResent: 'Le hemos enviado un código nuevo.',
  requestResent: 'Hemos enviado la solicitud de nuevo.',
  deliveryFailed: 'No pudimos enviar el código. Inténtelo de nuevo o elija otro método.',
  deliveryFailedInvalidNumber:
    'No pudimos enviar el código: el número de teléfono que tenemos para esta tarjeta no es válido. Elija otro método o contacte con su banco para actualizarlo.',
  deliveryFailedUnreachable:
    'No pudimos hacer llegar el SMS a su teléfono. Compruebe que está encendido y con cobertura y seleccione Reenviar código, o elija otro método.',
  deliveryFailedRegion:
    'No podemos enviar SMS a números de teléfono de su país. Elija otro método o contacte con su banco.',
  deliveryFailedOptedOut:
    'Su número ha bloqueado nuestros SMS. Envíe START al número desde el que le escribimos y seleccione Reenviar código, o elija otro método.',
  deliveryFailedNotMobile:
    'El número que tenemos para esta tarjeta no puede recibir SMS (no es un móvil). Elija otro método o contacte con su banco para actualizarlo.',
  notApprovedYet: 'La solicitud aún no está aprobada. Apruébela en la app y seleccione Continuar.',
  autoPostTitle: 'Un momento…',
  autoPostText: 'Si esta página no avanza sola, seleccione Continuar.',
  errorHeading: 'Algo salió mal',
  transactionFinished: 'Esta compra ya está completada',
  transactionFinishedText: 'El resultado ya se envió al comercio. Cierre esta ventana y vuelva a la tienda.',
  sessionExpired: 'Esta página ha caducado',
  sessionExpiredText: 'Por su seguridad, la verificación ha caducado. Vuelva a la tienda y repita la compra.',
  invalidRequest: 'No pudimos leer esta solicitud',
  invalidRequestText:
    'La tienda envió una solicitud que no pudimos procesar. Vuelva a la tienda e inténtelo de nuevo.',
  notFound: 'Página no encontrada',
  notFoundText: 'No encontramos esta verificación. Vuelva a la tienda e inténtelo de nuevo.',
  tooManyRequests: 'Demasiados intentos',
  tooManyRequestsText: 'Espere unos minutos antes de volver a intentarlo.',
  unavailable: 'Servicio no disponible',
  unavailableText: 'La verificación no está disponible en este momento. Inténtelo más tarde.',
};

/** The whole catalogue: every language has every key (the type checks it). */
export const catalogue: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { en, es };

/** Values for a message's `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The text of a message in a language, with `{name}` placeholders filled (plain text: escape on output). */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  return catalogue[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Picks the singular or plural message for a count (English and Spanish share the rule). */
export function tCount(lang: Lang, one: MessageKey, other: MessageKey, count: number): string {
  return count === 1 ? t(lang, one, { count }) : t(lang, other, { count });
}
