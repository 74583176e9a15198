/**
 * The security question of the knowledge-based challenge (method `kba`, scenario challenge-kba):
 * "Which of these merchants did you pay in the last 30 days?", five fixed options, two of them
 * right. The cardholder must tick exactly the right set. Both channels show the same options
 * with the same keys: native multi-select (acsUiType 03, challengeSelectInfo, the answer as
 * challengeDataEntry = the chosen keys comma-separated, as Stripe's SDK sends a multi-select),
 * the HTML page's checkboxes and the browser window's checkboxes (each posting `code` once per
 * ticked box).
 *
 * The question and its answer are public test data, fixed here and the same for every
 * challenge-kba card (README.md, "Test cards"), like the shared sandbox password of the password
 * cards. Nothing is secret, so nothing is sealed: unlike a password, the answer is documented
 * for testers and a real cardholder's history is not modelled.
 */

/** One option: its key (Table A.1 challengeSelectInfo: a name of 1-4 characters) and its label. */
export type KbaOption = Readonly<{ key: string; label: string }>;

/** The options, in the order shown. Merchant names are fictional and need no translation. */
export const kbaOptions: readonly KbaOption[] = [
  { key: 'bake', label: 'Corner Bakery' },
  { key: 'book', label: 'Riverside Books' },
  { key: 'park', label: 'City Parking' },
  { key: 'groc', label: 'Green Grocer' },
  { key: 'cine', label: 'Metro Cinema' },
];

/** The right set: Riverside Books and Metro Cinema. */
const rightKeys: ReadonlySet<string> = new Set(['book', 'cine']);

/**
 * The selection as one comma-separated answer: a string as it came (an SDK's challengeDataEntry),
 * or the browser form's repeated `code` fields (an array of strings). Anything else is empty.
 */
export function kbaSelectionOf(raw: unknown): unknown {
  if (!Array.isArray(raw)) return raw;
  return raw.every((item) => typeof item === 'string') ? raw.join(',') : '';
}

/**
 * True when `answer` (comma-separated keys, spaces around them ignored) names exactly the right
 * set: every right option ticked, nothing else, no key twice.
 */
export function isRightKbaAnswer(answer: string): boolean {
  const keys = answer.split(',').map((key) => key.trim());
  const chosen = new Set(keys);
  if (chosen.size !== keys.length || chosen.size !== rightKeys.size) return false;
  return [...chosen].every((key) => rightKeys.has(key));
}
