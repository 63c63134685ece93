/**
 * Regex matcher for grades and patterns ("HB (V|VI|5|6)", "[89]-0 nylon"). Patterns are compiled
 * once per pack, case-insensitive and Unicode-aware; the pack loader rejects patterns that could
 * backtrack catastrophically (see rules/safe-regex.ts).
 */
import type { NoteDocument } from "../text/document.js";
import { dedupe } from "./phrase.js";
import { tokenRange, type Matcher, type Mention } from "./types.js";

export class RegexMatcher implements Matcher {
  readonly kind = "regex";
  private readonly patterns: RegExp[];

  constructor(sources: readonly string[]) {
    this.patterns = sources.map((s) => new RegExp(s, "giu"));
  }

  find(doc: NoteDocument): Mention[] {
    const out: Mention[] = [];
    for (const re of this.patterns) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(doc.text)) !== null) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const start = m.index;
        const end = start + m[0].length;
        out.push({ start, end, ...tokenRange(doc, start, end) });
      }
    }
    return dedupe(out);
  }
}
