/**
 * Cardholder credentials a tester manages through the admin API: the authenticator-app (TOTP)
 * secret, sealed at rest and shown once at enrolment, and the static password, kept only as
 * an argon2id hash. Card views carry whether a credential is set, never the credential.
 */
import type { Card } from '../../domain/card.ts';
import { AcsError } from '../../errors/index.ts';
import { enrolmentQrSvg } from '../../otp/enrolment-qr.ts';
import { generateTotpSecret, otpauthUri } from '../../otp/totp.ts';
import { decryptAtRest, encryptAtRest } from '../../signing/at-rest.ts';
import { hashPassword, passwordPolicyProblem } from '../../signing/password-hash.ts';
import type { CredentialState } from '../../store/port.ts';
import { totpSealContext } from '../common/card-credential-seal.ts';
import type { FlowDeps } from '../common/deps.ts';

/** A card as the admin API shows it: no PAN hash, no secrets, only whether they are set. */
export type CardView = Readonly<Omit<Card, 'panHash'> & { totpEnrolled: boolean; passwordSet: boolean }>;

/** What a TOTP enrolment returns, once: the secret, its otpauth URI and that URI as an SVG QR code. */
export type TotpEnrolment = Readonly<{ secret: string; otpauthUri: string; qrSvg: string }>;

/** Every card, newest first. */
export async function listCardViews(deps: Pick<FlowDeps, 'store'>): Promise<readonly CardView[]> {
  // Two reads for the whole list, not one per card.
  const [cards, states] = await Promise.all([deps.store.listCards(), deps.store.listCredentialStates()]);
  const byCard = new Map(states.map((state) => [state.cardId, state]));
  return cards.map((card) => viewFrom(card, byCard.get(card.id)));
}

/** One card; AcsError not_found when there is no such card. */
export async function getCardView(deps: Pick<FlowDeps, 'store'>, cardId: string): Promise<CardView> {
  return viewOf(deps, await requireCard(deps, cardId));
}

/** Enrols (or re-enrols) the card's authenticator app with a fresh secret; the old one stops working. */
export async function enrolTotp(
  deps: Pick<FlowDeps, 'store' | 'keys' | 'config' | 'randomInt' | 'logger'>,
  cardId: string,
): Promise<TotpEnrolment> {
  const card = await requireCard(deps, cardId);
  const secret = generateTotpSecret((n) => Uint8Array.from({ length: n }, () => deps.randomInt(256)));
  if (
    !(await deps.store.setTotpSecret(card.id, encryptAtRest(deps.keys, secret, totpSealContext(card.id))))
  ) {
    throw new AcsError('not_found', 'no such card');
  }
  const uri = otpauthUri({
    secret,
    issuer: deps.config.challenge.issuerName,
    accountName: accountNameOf(card),
  });
  deps.logger.info('authenticator app enrolled', { cardId: card.id });
  return { secret, otpauthUri: uri, qrSvg: await enrolmentQrSvg(uri) };
}

/** The card's TOTP secret in clear (for the challenge's check), or undefined when not enrolled. */
export async function openTotpSecret(
  deps: Pick<FlowDeps, 'store' | 'keys'>,
  cardId: string,
): Promise<string | undefined> {
  const sealed = (await deps.store.getCardCredentials(cardId))?.totpSecretSealed;
  return sealed === undefined ? undefined : decryptAtRest(deps.keys, sealed, totpSealContext(cardId));
}

/** Sets (or replaces) the card's static password; AcsError bad_request when the policy refuses it. */
export async function setCardPassword(
  deps: Pick<FlowDeps, 'store' | 'logger'>,
  cardId: string,
  password: string,
): Promise<void> {
  const card = await requireCard(deps, cardId);
  const problem = passwordPolicyProblem(password);
  if (problem !== undefined) throw new AcsError('bad_request', problem);
  if (!(await deps.store.setPasswordHash(card.id, await hashPassword(password)))) {
    throw new AcsError('not_found', 'no such card');
  }
  deps.logger.info('static password set', { cardId: card.id });
}

async function requireCard(deps: Pick<FlowDeps, 'store'>, cardId: string): Promise<Card> {
  const card = await deps.store.getCard(cardId);
  if (card === undefined) throw new AcsError('not_found', 'no such card');
  return card;
}

async function viewOf(deps: Pick<FlowDeps, 'store'>, card: Card): Promise<CardView> {
  const credentials = await deps.store.getCardCredentials(card.id);
  return viewFrom(card, {
    totpEnrolled: credentials?.totpSecretSealed !== undefined,
    passwordSet: credentials?.passwordHash !== undefined,
  });
}

function viewFrom(
  card: Card,
  state: Pick<CredentialState, 'totpEnrolled' | 'passwordSet'> | undefined,
): CardView {
  return {
    id: card.id,
    maskedPan: card.maskedPan,
    scheme: card.scheme,
    scenario: card.scenario,
    cardholderName: card.cardholderName,
    phone: card.phone,
    email: card.email,
    fault: card.fault,
    faultDelayMs: card.faultDelayMs,
    totpEnrolled: state?.totpEnrolled ?? false,
    passwordSet: state?.passwordSet ?? false,
    createdAt: card.createdAt,
  };
}

/** "1005 Jane Doe": the last four digits tell test cards apart in the app; the name, whose card it is. */
function accountNameOf(card: Card): string {
  const lastFour = card.maskedPan.slice(-4);
  const name = card.cardholderName?.trim() ?? '';
  return name === '' ? `Card ${lastFour}` : `${lastFour} ${name}`;
}
