/**
 * Just enough HTML reading for view tests, without a DOM library: the start tags of a
 * rendered page with their attributes decoded, as a browser would read them.
 */

/** One start tag: its name and decoded attributes (a bare attribute has the value ''). */
export type Tag = { name: string; attrs: Record<string, string>; source: string };

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the character references our escaper emits (named and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return entities[ref] ?? whole;
  });
}

/** Every start tag in the document, in order. */
export function startTags(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const attr of (match[2] ?? '').matchAll(/([^\s"'>/=]+)(?:="([^"]*)")?/g)) {
      attrs[attr[1] ?? ''] = decodeEntities(attr[2] ?? '');
    }
    tags.push({ name: (match[1] ?? '').toLowerCase(), attrs, source: match[0] });
  }
  return tags;
}

/** The start tags with this name. */
export function tagsNamed(html: string, name: string): Tag[] {
  return startTags(html).filter((tag) => tag.name === name);
}

/** The single start tag matching the predicate; throws when there is not exactly one. */
export function onlyTag(html: string, predicate: (tag: Tag) => boolean): Tag {
  const found = startTags(html).filter(predicate);
  if (found.length !== 1) throw new Error(`expected one matching tag, found ${found.length}`);
  return found[0] as Tag;
}

/** The forms of a page, each with its attributes and the raw HTML inside it. */
export function forms(html: string): { attrs: Record<string, string>; inner: string }[] {
  return [...html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)].map((match) => {
    const [open] = startTags(match[0]);
    return { attrs: open?.attrs ?? {}, inner: match[0] };
  });
}

/** Hidden inputs inside a piece of HTML, as name/value pairs in order. */
export function hiddenFieldsOf(html: string): { name: string; value: string }[] {
  return tagsNamed(html, 'input')
    .filter((tag) => tag.attrs.type === 'hidden')
    .map((tag) => ({ name: tag.attrs.name ?? '', value: tag.attrs.value ?? '' }));
}

/** The visible text of an element's HTML (tags dropped, entities decoded, spaces collapsed). */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
