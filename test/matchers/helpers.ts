import type { Matcher } from "../../src/matchers/types.ts";
import { loadLexicons } from "../../src/rules/load.ts";
import { NoteDocument } from "../../src/text/document.ts";

export function doc(text: string): NoteDocument {
  return new NoteDocument(text, loadLexicons());
}

/** The text of every mention a matcher finds, in order; checks each mention's offsets on the way. */
export function found(matcher: Matcher, text: string): string[] {
  const d = doc(text);
  return matcher.find(d).map((m) => {
    // A mention's token range is exactly the tokens its characters touch.
    const touches = (i: number) => i >= 0 && i < d.tokens.length && d.tokens[i]!.start < m.end && m.start < d.tokens[i]!.end;
    const inside = Array.from({ length: m.to - m.from }, (_, k) => touches(m.from + k));
    if (inside.length === 0 || inside.includes(false) || touches(m.from - 1) || touches(m.to)) {
      throw new Error(`mention ${m.start}-${m.end} does not line up with tokens ${m.from}-${m.to}`);
    }
    return text.slice(m.start, m.end);
  });
}
