/**
 * How a replayed answer differs from the recorded one (src/flows/admin/replay.ts): element by
 * element, nested objects by path (`acsRenderingType.acsUiTemplate`), arrays as whole values.
 * What every transaction makes afresh is not a difference: the acsTransID; the dsTransID when
 * the ACS assigned it (the AReq carried none); and the values, not the presence, of the
 * authenticationValue and the acsSignedContent (a new cryptogram, a new ephemeral key and
 * signature each time). Everything else counts, the acsURL included: an upgrade that moves it
 * matters to a 3DS Server.
 */
import { isDeepStrictEqual } from 'node:util';
import { isJsonObject } from '../../protocol/formats.ts';

/** One element that differs; null stands for "absent". */
export type ReplayDifference = Readonly<{ element: string; recorded: unknown; replayed: unknown }>;

/** The differences, and the elements whose values were left out of the comparison. */
export type AnswerComparison = Readonly<{
  differences: readonly ReplayDifference[];
  ignored: readonly string[];
}>;

/** Elements whose value is new in every transaction, but whose presence matters. */
const presenceOnly = ['authenticationValue', 'acsSignedContent'] as const;

/**
 * Compares two answers to the same AReq. `dsTransIDAssigned`: the ACS made the dsTransID (the
 * AReq carried none), so it is new each time too.
 */
export function compareAnswers(
  recorded: Readonly<Record<string, unknown>>,
  replayed: Readonly<Record<string, unknown>>,
  dsTransIDAssigned: boolean,
): AnswerComparison {
  const fresh = new Set<string>(['acsTransID', ...(dsTransIDAssigned ? ['dsTransID'] : [])]);
  const ignored = [
    ...fresh,
    ...presenceOnly.filter((name) => recorded[name] !== undefined || replayed[name] !== undefined),
  ];
  const differences: ReplayDifference[] = [];
  for (const name of unionOfKeys(recorded, replayed)) {
    if (fresh.has(name)) continue;
    const before = recorded[name];
    const after = replayed[name];
    if ((presenceOnly as readonly string[]).includes(name)) {
      if ((before === undefined) !== (after === undefined)) differences.push(difference(name, before, after));
      continue;
    }
    compareValues(name, before, after, differences);
  }
  return { differences, ignored };
}

/** The difference of one check: the decision's name (docs/flows.md, "The decision"). */
export function compareChecks(recorded: string, replayed: string): ReplayDifference[] {
  return recorded === replayed ? [] : [difference('decisionCheck', recorded, replayed)];
}

function compareValues(path: string, before: unknown, after: unknown, out: ReplayDifference[]): void {
  if (isJsonObject(before) && isJsonObject(after)) {
    for (const name of unionOfKeys(before, after)) {
      compareValues(`${path}.${name}`, before[name], after[name], out);
    }
    return;
  }
  if (!isDeepStrictEqual(before, after)) out.push(difference(path, before, after));
}

/** The keys of `first`, then those only `second` has, in their order. */
function unionOfKeys(first: Readonly<Record<string, unknown>>, second: Readonly<Record<string, unknown>>) {
  return [...new Set([...Object.keys(first), ...Object.keys(second)])];
}

function difference(element: string, recorded: unknown, replayed: unknown): ReplayDifference {
  return { element, recorded: recorded ?? null, replayed: replayed ?? null };
}
