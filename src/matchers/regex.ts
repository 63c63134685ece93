/**
 * Regex matcher for grades and patterns ("HB (V|VI|5|6)", "[89]-0 nylon"). Patterns are compiled
 * once per pack, case-insensitive and Unicode-aware; the pack loader rejects patterns that could
 * backtrack catastrophically (see rules/safe-regex.ts).
 */
import type { NoteDocument } from "../text/document.js";
import { dedupe } from "./phrase.js";
import { tokenRange, type Matcher, type Mention } from "./types.js";

/**
 * The longest run of plain letters that every match must contain ("sunnybrook" in
 * `\bsunnybrook\b[^.]{0,30}\d+`), or null when there is none (an alternation at the top level).
 * A note that lacks it cannot match, so the pattern is not run: most patterns name a rare word.
 */
export function requiredLiteral(source: string): string | null {
  let best = "";
  let run = "";
  let depth = 0;
  const flush = () => {
    if (run.length > best.length) best = run;
    run = "";
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === "\\") {
      flush();
      i++;
      continue;
    }
    if (c === "(" || c === "[") {
      flush();
      if (c === "[") {
        while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
      } else depth++;
      continue;
    }
    if (c === ")") {
      flush();
      depth--;
      continue;
    }
    if (c === "|" && depth === 0) return null;
    if (depth > 0 || !/[a-z0-9 ]/i.test(c)) {
      flush();
      continue;
    }
    if (next === "?" || next === "*" || next === "{") {
      flush(); // an optional or repeated character is not required
      continue;
    }
    run += c.toLowerCase();
  }
  flush();
  best = best.trim();
  return best.length >= 3 ? best : null;
}

/**
 * Unicode mode only when the pattern needs it (\p{...}, \u{...}, characters beyond the BMP):
 * V8 runs case-insensitive patterns an order of magnitude faster without it.
 */
export function regexFlags(source: string): string {
  return /\\[pPu]\{|[\ud800-\udfff]/.test(source) ? "giu" : "gi";
}

export class RegexMatcher implements Matcher {
  readonly kind = "regex";
  private readonly patterns: { re: RegExp; literal: string | null }[];

  constructor(sources: readonly string[]) {
    this.patterns = sources.map((s) => ({ re: new RegExp(s, regexFlags(s)), literal: requiredLiteral(s) }));
  }

  find(doc: NoteDocument): Mention[] {
    const out: Mention[] = [];
    for (const { re, literal } of this.patterns) {
      if (literal !== null && !doc.lower.includes(literal)) continue;
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
