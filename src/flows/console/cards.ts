/**
 * Test cards as the console manages them: a tester types a card's details into a form, and
 * this checks every field with a message fit to show next to it. The PAN is reduced to its
 * keyed lookup hash and masked form at once (docs/security.md) and never kept, logged or
 * echoed back; the other details, and the requestor fault (docs/faults.md) with its delay, can
 * be edited later. Saving goes through the admin API's flow (src/flows/admin/cards.ts), so a
 * card changed here is changed exactly as the API would change it.
 */

import { delayedFaults, type Fault, isDelayedFault, isFault, maxFaultDelayMs } from '../../domain/fault.ts';
import { holdsCardNumber } from '../../domain/pan.ts';
import { isScenario, type Scenario } from '../../domain/scenario.ts';
import { schemeOfPan } from '../../domain/scheme.ts';
import { AcsError } from '../../errors/index.ts';
import { isLuhnValid } from '../../protocol/formats.ts';
import { e164 } from '../admin/card-input.ts';
import { createTestCard, deleteTestCard, updateTestCard } from '../admin/cards.ts';
import type { FlowDeps } from '../common/deps.ts';

/**
 * The editable details of a card, as typed into the console's form: fault '' for none,
 * faultDelayMs '' for the fault's default delay.
 */
export type CardDetailsForm = Readonly<{
  scenario: string;
  fault: string;
  faultDelayMs: string;
  cardholderName: string;
  phone: string;
  email: string;
}>;

/** The create form: the details plus the card number. */
export type NewCardForm = CardDetailsForm & Readonly<{ pan: string }>;

/** A form field's name. */
export type CardFormField = keyof NewCardForm;

/** A message per field that failed its check. */
export type CardFieldErrors = Readonly<Partial<Record<CardFormField, string>>>;

/** What a form post achieved: the card's id, or the messages to show next to the fields. */
export type CardFormOutcome =
  | Readonly<{ ok: true; cardId: string }>
  | Readonly<{ ok: false; errors: CardFieldErrors }>;

/** Scenarios whose challenge is a code sent by SMS as a matter of course: they need a phone. */
const smsScenarios: readonly Scenario[] = ['challenge-sms', 'decoupled', 'risk-based'];

/** cardholderName is at most 45 characters in the AReq (EMV 3DS 2.2.0 Table A.1). */
const maxNameLength = 45;
const maxEmailLength = 254;
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Characters a tester may type between digit groups of a card or phone number. */
const separators = /[\s\-().]/g;

/** Adds a test card from the console's form. The PAN is never returned, logged or stored in clear. */
export async function createConsoleCard(
  deps: Pick<FlowDeps, 'store' | 'keys' | 'clock' | 'newId' | 'logger'>,
  form: NewCardForm,
): Promise<CardFormOutcome> {
  const pan = form.pan.replace(separators, '');
  const panError = panProblem(pan);
  const details = checkDetails(form);
  if (panError !== undefined || !details.ok) {
    return {
      ok: false,
      errors: { ...(details.ok ? {} : details.errors), ...(panError === undefined ? {} : { pan: panError }) },
    };
  }
  try {
    // The same creation as the admin API: the PAN is reduced to its hash and mask at once.
    const card = await createTestCard(deps, { pan, ...details.changes });
    return { ok: true, cardId: card.id };
  } catch (error) {
    if (error instanceof AcsError && error.code === 'conflict') {
      return { ok: false, errors: { pan: 'A test card with this number exists already.' } };
    }
    throw error;
  }
}

/**
 * Changes a card's scenario, fault and cardholder details (an empty field clears its value);
 * AcsError not_found when there is no such card.
 */
export async function updateConsoleCard(
  deps: Pick<FlowDeps, 'store' | 'logger'>,
  cardId: string,
  form: CardDetailsForm,
): Promise<CardFormOutcome> {
  if ((await deps.store.getCard(cardId)) === undefined) throw new AcsError('not_found', 'no such card');
  const details = checkDetails(form);
  if (!details.ok) return details;
  const { changes } = details;
  // null clears a detail in the admin flow; a fault is always written with its delay.
  await updateTestCard(deps, cardId, {
    scenario: changes.scenario,
    cardholderName: changes.cardholderName ?? null,
    phone: changes.phone ?? null,
    email: changes.email ?? null,
    fault: changes.fault ?? null,
    faultDelayMs: changes.faultDelayMs ?? null,
  });
  return { ok: true, cardId };
}

/** Deletes a card (its transactions keep their masked PAN); AcsError not_found when there is none. */
export async function deleteConsoleCard(
  deps: Pick<FlowDeps, 'store' | 'logger'>,
  cardId: string,
): Promise<void> {
  // The same deletion as the admin API, as creating a card is the same creation.
  await deleteTestCard(deps, cardId);
}

/** Checked details, every key present so an empty field clears the stored value. */
type CheckedChanges = Readonly<{
  scenario: Scenario;
  fault: Fault | undefined;
  faultDelayMs: number | undefined;
  cardholderName: string | undefined;
  phone: string | undefined;
  email: string | undefined;
}>;

type CheckedDetails = { ok: true; changes: CheckedChanges } | { ok: false; errors: CardFieldErrors };

/** Checks the editable details; blank optional fields become undefined (cleared). */
function checkDetails(form: CardDetailsForm): CheckedDetails {
  const errors: Partial<Record<CardFormField, string>> = {};
  const scenario = form.scenario.trim();
  if (!isScenario(scenario)) errors.scenario = 'Choose a scenario from the list.';
  const fault = checkFault(form, errors);

  const name = form.cardholderName.trim();
  if (name.length > maxNameLength) {
    errors.cardholderName = `The name must be at most ${maxNameLength} characters long.`;
  } else if (/[\p{Cc}]/u.test(name)) errors.cardholderName = 'The name must be plain text on one line.';
  else if (holdsCardNumber(name)) errors.cardholderName = 'The name must not contain a card number.';

  const phone = form.phone.replace(separators, '');
  if (phone !== '' && !e164.test(phone)) {
    errors.phone = 'Enter the phone number in international form: + and country code, e.g. +15555550100.';
  } else if (phone === '' && isScenario(scenario) && smsScenarios.includes(scenario)) {
    errors.phone = 'This scenario sends the code by SMS: enter a phone number.';
  }

  const email = form.email.trim();
  if (email !== '' && (email.length > maxEmailLength || !emailShape.test(email))) {
    errors.email = 'Enter an email address like name@example.com, or leave it empty.';
  }

  if (Object.keys(errors).length > 0 || !isScenario(scenario) || fault === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    changes: {
      scenario,
      ...fault,
      cardholderName: name === '' ? undefined : name,
      phone: phone === '' ? undefined : phone,
      email: email === '' ? undefined : email,
    },
  };
}

/**
 * Checks the fault and its delay (the rules of src/flows/admin/card-input.ts: a known fault, a
 * whole number of milliseconds up to maxFaultDelayMs, and a delay only for a fault that waits);
 * the checked pair, or undefined with the messages added to `errors`.
 */
function checkFault(
  form: CardDetailsForm,
  errors: Partial<Record<CardFormField, string>>,
): Pick<CheckedChanges, 'fault' | 'faultDelayMs'> | undefined {
  const name = form.fault.trim();
  const fault = name === '' ? undefined : isFault(name) ? name : null;
  if (fault === null) errors.fault = 'Choose a fault from the list, or None.';

  const delayText = form.faultDelayMs.trim();
  let faultDelayMs: number | undefined;
  if (delayText !== '') {
    faultDelayMs = /^[0-9]{1,9}$/.test(delayText) ? Number(delayText) : undefined;
    if (faultDelayMs === undefined) {
      errors.faultDelayMs = 'Enter the delay as a whole number of milliseconds, or leave it empty.';
    } else if (faultDelayMs > maxFaultDelayMs) {
      errors.faultDelayMs = `The delay can be at most ${maxFaultDelayMs} ms (${maxFaultDelayMs / 1000} seconds).`;
    } else if (fault !== null && (fault === undefined || !isDelayedFault(fault))) {
      errors.faultDelayMs = `Only ${delayedFaults.join(', ')} wait: leave the delay empty for ${
        fault === undefined ? 'a card without a fault' : fault
      }.`;
    }
  }
  if (fault === null || errors.faultDelayMs !== undefined) return undefined;
  return { fault, faultDelayMs };
}

/** Why `pan` (separators removed) cannot be a test card number, or undefined. */
function panProblem(pan: string): string | undefined {
  if (pan === '') return 'Enter the card number.';
  if (!/^[0-9]{13,19}$/.test(pan)) return 'A card number has 13 to 19 digits.';
  if (!isLuhnValid(pan)) return 'This card number fails the Luhn check: check the digits.';
  if (schemeOfPan(pan) === undefined) {
    return 'This card number belongs to no supported scheme (Visa, Mastercard, American Express, Discover, JCB).';
  }
  return undefined;
}
