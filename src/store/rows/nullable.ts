/**
 * NULL in a column is `undefined` in the domain: the one conversion every row mapping in this
 * folder makes, so both adapters read an absent value the same way.
 */

/** `value`, with NULL read as undefined. */
export const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);
