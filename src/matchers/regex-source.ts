/**
 * Reading a regular expression's source, for the two analyses that look at a pack's patterns
 * (the literal pre-check in regex.ts, the leading words in anchors.ts): where an escape and a
 * character class end, so that neither takes their insides for text or structure.
 */

/**
 * The length of the escape at `at` (a backslash): "\u0061", "\u{61}", "\x41", "\cJ", "\p{Lu}",
 * "\k<name>" and back-references are more than one character after the backslash, and none of it
 * is literal text of the pattern's own.
 */
export function escapeLength(source: string, at: number): number {
  const rest = source.slice(at + 1);
  const m = /^(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|k<[^>]*>|[1-9]\d*)/.exec(rest);
  return 1 + (m ? m[0].length : Math.min(1, rest.length));
}

/** One pattern that matches wherever one of the sources would: each in a group of its own, joined by "|". */
export function alternation(sources: readonly string[]): string {
  return sources.map((p) => `(?:${p})`).join("|");
}

/** `text` as a pattern that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Index of the "]" that closes the class opening at `open`, or -1. */
export function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === "]") return i;
  }
  return -1;
}
