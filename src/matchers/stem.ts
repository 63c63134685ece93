/**
 * Stem matcher: natural's Porter stemmer over tokens, so "sutured", "suturing" and "sutures" all
 * match "suture". Stems of a note's words are computed once per distinct word and cached across
 * notes (a batch shares most of its vocabulary).
 */
import { createRequire } from "node:module";
import type { NoteDocument } from "../text/document.js";
import { findPhrases, toPhrases, type Phrase } from "./phrase.js";
import type { Matcher, Mention } from "./types.js";

const require = createRequire(import.meta.url);
// Imported by path: natural's root module loads database clients and prints dotenv banners.
const PorterStemmer = require("natural/lib/natural/stemmers/porter_stemmer.js") as { stem(w: string): string };

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? PorterStemmer.stem(word) : word;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, s);
  }
  return s;
}

const STEM_INDEX = {}; // scratch key: one stem index per note, shared by all stem matchers

function stemIndex(doc: NoteDocument): { byStem: Map<string, number[]>; stems: string[] } {
  let idx = doc.scratch.get(STEM_INDEX) as { byStem: Map<string, number[]>; stems: string[] } | undefined;
  if (!idx) {
    // One stem per distinct word, not per token.
    const byStem = new Map<string, number[]>();
    const stems = new Array<string>(doc.tokens.length);
    for (const [norm, positions] of doc.index) {
      const s = stem(norm);
      for (const i of positions) stems[i] = s;
      const list = byStem.get(s);
      if (list) {
        list.push(...positions);
        list.sort((a, b) => a - b);
      } else byStem.set(s, positions.slice());
    }
    idx = { byStem, stems };
    doc.scratch.set(STEM_INDEX, idx);
  }
  return idx;
}

export class StemMatcher implements Matcher {
  readonly kind = "stem";
  private readonly phrases: Phrase[];

  constructor(terms: readonly string[]) {
    this.phrases = toPhrases(terms, stem);
  }

  find(doc: NoteDocument): Mention[] {
    const { byStem, stems } = stemIndex(doc);
    return findPhrases(doc, this.phrases, (w) => byStem.get(w), (i, w) => stems[i] === w);
  }
}
