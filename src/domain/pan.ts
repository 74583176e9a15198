/**
 * Primary Account Number helpers. A PAN is only ever held in memory for the length of a
 * request: at rest it is a keyed hash (lookup) and a masked form (display).
 */

/** The display form kept at rest: BIN (first 6) and last 4, the rest as `*`. */
export function maskPan(pan: string): string {
  if (pan.length < 10) return '*'.repeat(pan.length);
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

const shortestPan = 13;
const longestPan = 19;
/** Digits, possibly grouped by single spaces or dashes, at least 13 of them: where a PAN can hide. */
const digitSequence = /\d(?:[ -]?\d){12,}/g;
const zero = 0x30;
const star = 0x2a;

/**
 * `text` with every card number in it masked. A card number is any 13 to 19 digits in a row
 * (spaces or dashes between groups allowed) that pass the Luhn check, also when it sits inside
 * a longer run of digits (`052000000000001060000`): of each such window the BIN (first 6) and
 * the last 4 stay, the digits between become `*`. Afterwards no Luhn-valid window of 13-19
 * digits survives, so no card number can be read back out of the result.
 */
export function maskCardNumbers(text: string): string {
  // Most strings are short codes and IDs: skip the regular expression for those that cannot hold a PAN.
  if (text.length < shortestPan) return text;
  // A UUID's groups are dash-separated and sometimes all digits (`5345-3038-4519-9828` passes
  // Luhn one time in ten): masking them would corrupt transaction IDs in the timeline and logs.
  // UUIDs are kept as they are; only the text around them is masked.
  if (!uuidInText.test(text)) return text.replace(digitSequence, maskSequence);
  return text
    .split(uuidSplit)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(digitSequence, maskSequence)))
    .join('');
}

const uuidInText = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Splits around UUIDs, keeping them (at odd indices) thanks to the capturing group. */
const uuidSplit = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** True when `text` holds something maskCardNumbers would mask. */
export function holdsCardNumber(text: string): boolean {
  return maskCardNumbers(text) !== text;
}

function maskSequence(sequence: string): string {
  const digits = new Uint8Array(sequence.length);
  const at = new Int32Array(sequence.length); // index in `sequence` of each digit
  let n = 0;
  for (let i = 0; i < sequence.length; i++) {
    const c = sequence.charCodeAt(i) - zero;
    if (c >= 0 && c <= 9) {
      digits[n] = c;
      at[n] = i;
      n++;
    }
  }
  const hidden = hiddenDigits(digits.subarray(0, n));
  if (hidden === undefined) return sequence;
  // The sequence is ASCII (digits, spaces, dashes): mask it byte by byte.
  const out = Buffer.from(sequence, 'latin1');
  for (let d = 0; d < n; d++) if (hidden[d] === 1) out[at[d] as number] = star;
  return out.toString('latin1');
}

/**
 * Which digits to hide (1) so that no Luhn-valid window of 13-19 digits is left whole, or
 * undefined when there is none. Prefix sums make each window's Luhn sum O(1): in a window
 * ending at `end`, the digits with the parity of its last index count plain, the others
 * doubled. The hidden ranges are collected as a difference array (linear in the input).
 */
function hiddenDigits(digits: Uint8Array): Uint8Array | undefined {
  const n = digits.length;
  // plainEven[i]: sum of digits before i at even indexes; the others likewise.
  const plainEven = new Int32Array(n + 1);
  const plainOdd = new Int32Array(n + 1);
  const doubledEven = new Int32Array(n + 1);
  const doubledOdd = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const d = digits[i] as number;
    const twice = d > 4 ? d * 2 - 9 : d * 2;
    const even = i % 2 === 0;
    plainEven[i + 1] = (plainEven[i] as number) + (even ? d : 0);
    plainOdd[i + 1] = (plainOdd[i] as number) + (even ? 0 : d);
    doubledEven[i + 1] = (doubledEven[i] as number) + (even ? twice : 0);
    doubledOdd[i + 1] = (doubledOdd[i] as number) + (even ? 0 : twice);
  }
  let ranges: Int32Array | undefined;
  for (let start = 0; start + shortestPan <= n; start++) {
    for (let length = shortestPan; length <= longestPan && start + length <= n; length++) {
      const end = start + length; // exclusive
      const lastEven = (end - 1) % 2 === 0;
      const plain = lastEven ? plainEven : plainOdd;
      const doubled = lastEven ? doubledOdd : doubledEven;
      const sum =
        (plain[end] as number) -
        (plain[start] as number) +
        (doubled[end] as number) -
        (doubled[start] as number);
      if (sum % 10 !== 0) continue;
      ranges ??= new Int32Array(n + 1);
      ranges[start + 6] = (ranges[start + 6] as number) + 1;
      ranges[end - 4] = (ranges[end - 4] as number) - 1;
    }
  }
  if (ranges === undefined) return undefined;
  const hidden = new Uint8Array(n);
  let open = 0;
  for (let i = 0; i < n; i++) {
    open += ranges[i] as number;
    if (open > 0) hidden[i] = 1;
  }
  return hidden;
}
