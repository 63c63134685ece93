/**
 * Regex matcher for grades and patterns ("HB (V|VI|5|6)", "[89]-0 nylon"). Patterns are compiled
 * once per pack, case-insensitive and Unicode-aware; the pack loader rejects patterns that could
 * backtrack catastrophically (see rules/safe-regex.ts).
 */
import type { NoteDocument } from "../text/document.js";
import { candidateStarts, leadingWords } from "./anchors.js";
import { dedupe } from "./phrase.js";
import { classEnd, escapeLength } from "./regex-source.js";
import { mentionAt, type Matcher, type Mention } from "./types.js";
import { CacheTable } from "../cache-table.js";

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
      i += escapeLength(source, i) - 1;
      continue;
    }
    if (c === "{") {
      // A quantifier's bounds ("{0,30}") are not text.
      flush();
      const close = source.indexOf("}", i);
      if (close > i) i = close;
      continue;
    }
    if (c === "(" || c === "[") {
      flush();
      if (c === "[") {
        const close = classEnd(source, i);
        i = close < 0 ? source.length : close;
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

/** What the matcher reads from a pattern's source: its literal pre-check and its leading words. */
export interface PatternShape {
  literal: string | null;
  words: string[] | null;
}

const shapes = new CacheTable<PatternShape>((source) => ({ literal: requiredLiteral(source), words: leadingWords(source, regexFlags(source)) }));

/**
 * The shape of a pattern, from the build cache when it has it: reading a pattern's source
 * character by character before V8 optimises anything cost a one-note run ~1.5 ms for the pack.
 */
export function patternShape(source: string): PatternShape {
  return shapes.get(source);
}

/** The shapes known so far, for the build cache (see rules/load.ts). */
export function knownPatternShapes(): Record<string, PatternShape> {
  return shapes.known();
}

export function primePatternShapes(table: Record<string, PatternShape>): void {
  shapes.prime(table);
}

interface Pattern {
  re: RegExp;
  literal: string | null;
  /** The pattern's leading words and a sticky copy of it, when it has them (see anchors.ts). */
  anchored: { words: string[]; sticky: RegExp } | null;
}

export class RegexMatcher implements Matcher {
  readonly kind = "regex";
  private readonly patterns: Pattern[];

  constructor(sources: readonly string[]) {
    this.patterns = sources.map((s) => {
      const flags = regexFlags(s);
      const { literal, words } = patternShape(s);
      return { re: new RegExp(s, flags), literal, anchored: words ? { words, sticky: new RegExp(s, flags.replace("g", "y")) } : null };
    });
  }

  find(doc: NoteDocument): Mention[] {
    const out: Mention[] = [];
    for (const { re, literal, anchored } of this.patterns) {
      // The word index says at once where a pattern with leading words can start (most notes:
      // nowhere), which a search of the note for its literal cannot beat.
      const starts = anchored ? candidateStarts(doc, anchored.words) : null;
      if (starts !== null) {
        findAt(doc, anchored!.sticky, starts, out);
        continue;
      }
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
        out.push(mentionAt(doc, start, end));
      }
    }
    return dedupe(out);
  }
}

/**
 * The matches a global search would find, tried only at `starts` (ascending): each start at or
 * after the end of the previous match, as the global search goes on from there.
 */
function findAt(doc: NoteDocument, sticky: RegExp, starts: readonly number[], out: Mention[]): void {
  let from = 0;
  for (const at of starts) {
    if (at < from) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(doc.text);
    if (m === null || m[0].length === 0) continue; // as the global search, which skips empty matches
    const end = at + m[0].length;
    out.push(mentionAt(doc, at, end));
    from = end;
  }
}
