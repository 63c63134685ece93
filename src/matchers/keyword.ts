/** Keyword matcher: exact phrases, case-insensitive, word-bounded (see phrase.ts for tolerance). */
import type { NoteDocument } from "../text/document.js";
import { findPhrases, toPhrases, type Phrase } from "./phrase.js";
import type { Matcher, Mention } from "./types.js";

export class KeywordMatcher implements Matcher {
  readonly kind = "keyword";
  private readonly phrases: Phrase[];

  constructor(terms: readonly string[]) {
    this.phrases = toPhrases(terms);
  }

  find(doc: NoteDocument): Mention[] {
    const idx = doc.index;
    const toks = doc.tokens;
    return findPhrases(doc, this.phrases, (w) => idx.get(w), (i, w) => toks[i]!.norm === w);
  }
}
