import type { NoteDocument } from "../text/document.js";

/** One place a matcher found: character span and token range [from, to). */
export interface Mention {
  start: number;
  end: number;
  from: number;
  to: number;
  /**
   * Where a mention joins several terms (near), the terms' own spans. Words between them are not
   * part of any term, so a negation there ("hypoglossal nerve was not exposed") still applies.
   */
  parts?: { start: number; end: number }[];
}

/**
 * A mention, always with the same keys in the same order (`parts` undefined unless a near match
 * set it): mentions from every matcher meet at the same sites in rule evaluation and the context
 * engine, where V8's optimised code expects the shapes it has seen, and a mention of another
 * shape made it throw that code away and compile it again (in every batch worker).
 */
export function mention(start: number, end: number, from: number, to: number, parts?: { start: number; end: number }[]): Mention {
  return { start, end, from, to, parts };
}

/** The mention of characters [start, end), with its token range (see tokenRange). */
export function mentionAt(doc: NoteDocument, start: number, end: number): Mention {
  const r = tokenRange(doc, start, end);
  return mention(start, end, r.from, r.to);
}

export interface Matcher {
  readonly kind: string;
  find(doc: NoteDocument): Mention[];
}

/** Token range covering a character span. */
export function tokenRange(doc: NoteDocument, start: number, end: number): { from: number; to: number } {
  const toks = doc.tokens;
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (toks[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < toks.length && toks[to]!.start < end) to++;
  return { from: lo, to: Math.max(to, lo) };
}

/**
 * A matcher's mentions in a note, computed once per note: the same term list often serves several
 * rules (the pack compiler shares identical matchers), and a near matcher reuses its parts.
 */
export function mentionsOf(doc: NoteDocument, matcher: Matcher): Mention[] {
  let found = doc.scratch.get(matcher) as Mention[] | undefined;
  if (!found) {
    found = matcher.find(doc);
    doc.scratch.set(matcher, found);
  }
  return found;
}
