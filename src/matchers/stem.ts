/**
 * Stem matcher: natural's Porter stemmer over tokens, so "sutured", "suturing" and "sutures" all
 * match "suture". Stems of a note's words are computed once per distinct word and cached across
 * notes (a batch shares most of its vocabulary).
 */
import { createRequire } from "node:module";
import type { NoteDocument } from "../text/document.js";
import { detach } from "../text/tokenize.js";
import { WordFacts } from "../text/vocabulary.js";
import { findPhrases, toPhrases, type Phrase } from "./phrase.js";
import type { Matcher, Mention } from "./types.js";

const require = createRequire(import.meta.url);
// Imported by path: natural's root module loads database clients and prints dotenv banners.
// Loaded on the first word the cache does not know (the pack's own terms come stemmed from the build cache).
let porter: { stem(w: string): string } | undefined;
const PorterStemmer = {
  stem: (w: string) => (porter ??= require("natural/lib/natural/stemmers/porter_stemmer.js") as { stem(w: string): string }).stem(w),
};

const cache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = /^[a-z]+$/.test(word) ? PorterStemmer.stem(word) : word;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(detach(word), s);
  }
  return s;
}

/** The stems computed so far, for the build cache (see rules/load.ts). */
export function knownStems(): Record<string, string> {
  return Object.fromEntries(cache);
}

/** Preload stems computed at build time: the pack's own terms need no stemming at start-up. */
export function primeStems(stems: Record<string, string>): void {
  for (const [w, s] of Object.entries(stems)) cache.set(w, s);
}

/**
 * The words a pack's stem matchers can match, shared by all of them: a note word is stemmed only
 * when it starts like one of the pack's stems (Porter only rewrites endings), so a note costs a
 * handful of stemmer calls instead of one per distinct word.
 */
export class StemVocabulary {
  /** First three letters of the stems that have three or more. */
  private readonly prefixes = new Set<string>();
  /** Stems of one or two letters, whole. */
  private readonly short = new Set<string>();
  /**
   * The same two sets as numbers (see `code`), for words whose first letters all have one: a
   * note's words are screened without cutting a string out of each.
   */
  private readonly prefixCodes = new Set<number>();
  private readonly shortCodes = new Set<number>();
  /** Whether `short` has any stem, and the empty one (which any word may stem to): asked per word. */
  private anyShort = false;
  private emptyShort = false;
  /** Each note word's stem when it may match (else null), by word number (see vocabulary.ts). */
  readonly stems = new WordFacts<string | null>((w) => (this.mayMatch(w) ? stem(w) : null));

  add(stemmed: string): void {
    this.stems.clear();
    if (stemmed.length >= 3) this.addPrefix(stemmed.slice(0, 3), this.prefixes, this.prefixCodes);
    else {
      this.addPrefix(stemmed, this.short, this.shortCodes);
      this.anyShort = true;
      if (stemmed === "") this.emptyShort = true;
    }
  }

  private addPrefix(p: string, set: Set<string>, codes: Set<number>): void {
    addBoth(p, set, codes);
    // Porter turns a final "y" into "i": the note word may still have the "y".
    if (p.endsWith("i")) addBoth(p.slice(0, -1) + "y", set, codes);
  }

  /**
   * Whether a word may stem to one of the added stems. Porter rewrites endings only, so a stem
   * starts with its word's first three letters, or is the first one or two letters of its word
   * ("used" → "us", "dos" → "do"), but for a final "y" turned into "i" ("cry" → "cri", "ays" →
   * "ai"). Checked for every word of one to three letters and for samples of longer ones in
   * test/matchers/stem.test.ts.
   */
  mayMatch(word: string): boolean {
    const n = word.length;
    const c3 = n >= 3 ? code(word, 3) : -1;
    if (n >= 3 && (c3 >= 0 ? this.prefixCodes.has(c3) : this.prefixes.has(word.slice(0, 3)))) return true;
    if (!this.anyShort) return false;
    if (this.emptyShort) return true;
    const c2 = n >= 2 ? code(word, 2) : -1;
    const c1 = n >= 1 ? code(word, 1) : -1;
    const two = n >= 2 && (c2 >= 0 ? this.shortCodes.has(c2) : this.short.has(word.slice(0, 2)));
    return two || (n >= 1 && (c1 >= 0 ? this.shortCodes.has(c1) : this.short.has(word.slice(0, 1))));
  }
}

/** A prefix as a string and, when its letters have one, as its number code. */
function addBoth(q: string, set: Set<string>, codes: Set<number>): void {
  set.add(q);
  const c = code(q, q.length);
  if (c >= 0) codes.add(c);
}

/**
 * The first `len` code units of a word (0–3) as one small integer (a V8 small integer: below
 * 2^30), unique within a length and, for one and two, between them; -1 when one of them is
 * beyond U+03FF.
 */
function code(word: string, len: number): number {
  let k = 0;
  for (let i = 0; i < len; i++) {
    const c = word.charCodeAt(i);
    if (c >= 1024) return -1;
    k = k * 1024 + c;
  }
  return len === 1 ? k + (1 << 20) : len === 0 ? 1 << 21 : k;
}

interface StemIndex {
  byStem: Map<string, number[]>;
  stems: (string | undefined)[];
}

function stemIndex(doc: NoteDocument, vocab: StemVocabulary): StemIndex {
  let idx = doc.scratch.get(vocab) as StemIndex | undefined;
  if (!idx) {
    const byStem = new Map<string, number[]>();
    const stems = new Array<string | undefined>(doc.tokens.length);
    const index = doc.words;
    const { words, order, start } = index;
    for (let w = 0; w < words.length; w++) {
      const s = vocab.stems.of(index, w);
      if (s === null) continue;
      const list = byStem.get(s);
      const into = list ?? [];
      const had = into.length;
      for (let p = start[w]!; p < start[w + 1]!; p++) {
        const i = order[p]!;
        stems[i] = s;
        into.push(i);
      }
      // Several words with one stem ("sutured", "sutures"): their positions interleave.
      if (list) mergeTail(list, had);
      else byStem.set(s, into);
    }
    idx = { byStem, stems };
    doc.scratch.set(vocab, idx);
  }
  return idx;
}

export class StemMatcher implements Matcher {
  readonly kind = "stem";
  private readonly phrases: Phrase[];

  constructor(
    terms: readonly string[],
    private readonly vocab: StemVocabulary = new StemVocabulary(),
  ) {
    this.phrases = toPhrases(terms, stem);
    for (const p of this.phrases) for (const w of p.words) vocab.add(w);
  }

  find(doc: NoteDocument): Mention[] {
    const { byStem, stems } = stemIndex(doc, this.vocab);
    return findPhrases(doc, this.phrases, (w) => byStem.get(w), (i, w) => stems[i] === w);
  }
}

/**
 * Put `list` in ascending order when `list[0, had)` and `list[had, …)` are each ascending: a merge
 * from the back, in place, instead of a sort (which allocates and compares every pair again).
 */
export function mergeTail(list: number[], had: number): void {
  const n = list.length;
  if (had === 0 || had === n || list[had - 1]! <= list[had]!) return;
  const tail = list.slice(had);
  let a = had - 1;
  let b = tail.length - 1;
  for (let k = n - 1; b >= 0; k--) list[k] = a >= 0 && list[a]! > tail[b]! ? list[a--]! : tail[b--]!;
}
