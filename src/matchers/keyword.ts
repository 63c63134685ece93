/**
 * Keyword matcher: exact phrases, word-bounded (see phrase.ts for tolerance), case-insensitive
 * unless `matchCase` is set for abbreviations that collide with words ("PT" physical therapy vs
 * "Pt" patient). A note written in a single case carries no case information, so there
 * `matchCase` is ignored.
 */
import type { NoteDocument } from "../text/document.js";
import { tokenize } from "../text/tokenize.js";
import { findPhrases, toPhrases, type Phrase } from "./phrase.js";
import type { Matcher, Mention } from "./types.js";

export class KeywordMatcher implements Matcher {
  readonly kind = "keyword";
  private readonly phrases: Phrase[];
  /** Lower-case word → the spellings that count when case matters. */
  private readonly spellings?: Map<string, Set<string>>;

  constructor(terms: readonly string[], opts: { matchCase?: boolean } = {}) {
    this.phrases = toPhrases(terms);
    if (opts.matchCase) {
      this.spellings = new Map();
      for (const term of terms) {
        for (const t of tokenize(term)) {
          const set = this.spellings.get(t.norm) ?? new Set();
          set.add(term.slice(t.start, t.end));
          this.spellings.set(t.norm, set);
        }
        const joined = tokenize(term).map((t) => term.slice(t.start, t.end)).join("");
        const set = this.spellings.get(joined.toLowerCase()) ?? new Set();
        set.add(joined);
        this.spellings.set(joined.toLowerCase(), set);
      }
    }
  }

  find(doc: NoteDocument): Mention[] {
    const idx = doc.index;
    const toks = doc.tokens;
    const spellings = this.spellings && doc.mixedCase ? this.spellings : undefined;
    const same = spellings
      ? (i: number, w: string) => toks[i]!.norm === w && spellings.get(w)?.has(doc.text.slice(toks[i]!.start, toks[i]!.end)) === true
      : (i: number, w: string) => toks[i]!.norm === w;
    const positions = spellings ? (w: string) => idx.get(w)?.filter((i) => same(i, w)) : (w: string) => idx.get(w);
    return findPhrases(doc, this.phrases, positions, same);
  }
}
