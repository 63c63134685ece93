/**
 * Fuzzy matcher for misspellings ("hypoglosal", "paralisis"): natural's Levenshtein distance,
 * with a per-term edit budget so that short words never fuzz. Candidates are narrowed by an index
 * of the terms' words keyed by first letter and length, so a note costs one lookup per distinct
 * word and a distance computation only against words of similar shape, never tokens × terms.
 */
import { createRequire } from "node:module";
import type { NoteDocument } from "../text/document.js";
import { isLetterAt, isSurrogate } from "../text/chars.js";
import { WordFacts } from "../text/vocabulary.js";
import { findPhrases, toPhrases, type Phrase } from "./phrase.js";
import type { Matcher, Mention } from "./types.js";

const require = createRequire(import.meta.url);
type Distance = (a: string, b: string) => number;
let levenshtein: Distance | undefined;
// Loaded when a first candidate passes the cheap letter-count screen.
const LevenshteinDistance: Distance = (a, b) =>
  (levenshtein ??= (require("natural/lib/natural/distance/levenshtein_distance.js") as { LevenshteinDistance: Distance }).LevenshteinDistance)(a, b);

const NONE: readonly string[] = [];

/**
 * A cheap lower bound on edit distance: each edit changes the letter counts by at most two, so
 * words whose letter counts differ by more than 2 × budget cannot be within budget. It rules out
 * almost every candidate before the full distance is computed.
 */
const counts = new Int32Array(65536);
export function withinLetterBound(a: string, b: string, budget: number): boolean {
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i)]!++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i)]!--;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    diff += Math.abs(counts[c]!);
    counts[c] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    diff += Math.abs(counts[c]!);
    counts[c] = 0;
  }
  return diff <= 2 * budget;
}

export interface FuzzyOptions {
  /** Edits allowed per word; default by length: under `minLength` none, then 1, from 10 letters 2. */
  maxEdits?: number;
  /** Words shorter than this never fuzz (default 6). */
  minLength?: number;
}

/** /^\p{L}+$/u */
function allLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    if (isSurrogate(word.charCodeAt(i))) return /^\p{L}+$/u.test(word);
    if (!isLetterAt(word, i)) return false;
  }
  return word.length > 0;
}

export function editBudget(word: string, opts: FuzzyOptions): number {
  const min = opts.minLength ?? 6;
  if (word.length < min || !allLetters(word)) return 0;
  if (opts.maxEdits !== undefined) return opts.maxEdits;
  return word.length >= 10 ? 2 : 1;
}

export class FuzzyMatcher implements Matcher {
  readonly kind = "fuzzy";
  private readonly phrases: Phrase[];
  /** "first letter:length" → the terms' words of that shape, with their edit budget. */
  private readonly buckets = new Map<string, { word: string; budget: number }[]>();
  private readonly maxBudget: number;
  private readonly firstLetters = new Set<string>();
  private minWordLength = Infinity;
  private readonly scratchKey = {};

  constructor(terms: readonly string[], opts: FuzzyOptions = {}) {
    this.phrases = toPhrases(terms);
    let maxBudget = 0;
    const seen = new Set<string>();
    for (const p of this.phrases) {
      for (const word of p.words) {
        const budget = editBudget(word, opts);
        if (budget === 0 || seen.has(word)) continue;
        seen.add(word);
        maxBudget = Math.max(maxBudget, budget);
        const key = `${word[0]}:${word.length}`;
        const list = this.buckets.get(key) ?? [];
        list.push({ word, budget });
        this.buckets.set(key, list);
      }
    }
    this.maxBudget = maxBudget;
    for (const key of this.buckets.keys()) {
      const [letter, len] = key.split(":");
      this.firstLetters.add(letter!);
      this.minWordLength = Math.min(this.minWordLength, Number(len) - maxBudget);
    }
  }

  /**
   * Term words a note word stands for (exactly or within budget), kept per matcher by word number
   * across notes (see vocabulary.ts): a batch shares most of its vocabulary, so each distinct word
   * is measured once.
   */
  private readonly termFacts = new WordFacts((norm) => this.termsFor(norm));

  private termsFor(norm: string): readonly string[] {
    // Most words are too short, or start with a letter no term starts with: no lookup at all.
    if (norm.length < this.minWordLength || !this.firstLetters.has(norm[0]!)) return NONE;
    const out: string[] = [];
    if (norm.length > 0) {
      for (let len = norm.length - this.maxBudget; len <= norm.length + this.maxBudget; len++) {
        const cands = this.buckets.get(`${norm[0]}:${len}`);
        if (!cands) continue;
        for (const c of cands) {
          if (c.word === norm || Math.abs(c.word.length - norm.length) > c.budget) continue;
          if (!withinLetterBound(norm, c.word, c.budget)) continue;
          if (LevenshteinDistance(norm, c.word) <= c.budget) out.push(c.word);
        }
      }
    }
    return out.length === 0 ? NONE : out;
  }

  /** For this note: term word → positions of the words that misspell it (exact ones excluded). */
  private misspellings(doc: NoteDocument): Map<string, number[]> {
    let map = doc.scratch.get(this.scratchKey) as Map<string, number[]> | undefined;
    if (map) return map;
    map = new Map();
    const index = doc.words;
    const { words, order, start } = index;
    for (let w = 0; w < words.length; w++) {
      for (const word of this.termFacts.of(index, w)) {
        let list = map.get(word);
        if (!list) map.set(word, (list = []));
        for (let p = start[w]!; p < start[w + 1]!; p++) list.push(order[p]!);
      }
    }
    for (const list of map.values()) list.sort((a, b) => a - b);
    doc.scratch.set(this.scratchKey, map);
    return map;
  }

  find(doc: NoteDocument): Mention[] {
    const fuzzy = this.misspellings(doc);
    const toks = doc.tokens;
    const idx = doc.words;
    const member = new Map<string, Set<number>>();
    const has = (i: number, w: string) => {
      if (toks[i]!.norm === w) return true;
      const extra = fuzzy.get(w);
      if (!extra) return false;
      let set = member.get(w);
      if (!set) member.set(w, (set = new Set(extra)));
      return set.has(i);
    };
    const positions = (w: string): readonly number[] | undefined => {
      const exact = idx.positions(w);
      const extra = fuzzy.get(w);
      if (!extra) return exact;
      return exact ? [...exact, ...extra].sort((a, b) => a - b) : extra;
    };
    return findPhrases(doc, this.phrases, positions, has);
  }
}
