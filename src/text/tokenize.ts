/**
 * Word tokens with their offsets in the decoded note. Every matcher and the context engine work on
 * these, so the note is scanned once. `norm` is the comparison form: NFKC (ligatures such as "ﬁ"
 * become "fi"), lower case, apostrophes dropped ("Bell's" and "Bells" compare equal).
 */
import { isLetterAt, isLowerAt, isMarkAt, isNumberAt } from "./chars.js";
import { CacheTable } from "../cache-table.js";
import { vocabulary } from "./vocabulary.js";

export interface Token {
  start: number;
  end: number;
  norm: string;
  /**
   * The word's number in the process's vocabulary when it was tokenized, or -1: words are numbered
   * while the vocabulary is `hashing` (from a process's second note on; see vocabulary.ts), so the
   * tokens of one `tokenize` call are all numbered or none.
   */
  gid: number;
}

// Created on first use (text beyond the Basic Multilingual Plane): see chars.ts on the cost.
let WORD: RegExp | undefined;
/** A hyphen at a line end between two word parts: OCR or wrapping split one word ("hypo-\nglossal"). */
const SOFT_BREAK = /^[-\u00ad\u2010\u2011][ \t]*\r?\n[ \t]*$/;
const APOSTROPHES = /['’]/g;

/**
 * A copy of a string that does not keep the note it was cut from alive. V8 represents long
 * substrings as views into their parent; a process-wide cache keyed by such views would hold
 * every note of a batch in memory.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (s + " ").slice(0, -1);
}

const normCache = new Map<string, string>();
const NORM_CACHE_LIMIT = 200_000;

export function normalizeWord(word: string): string {
  let n = normCache.get(word);
  if (n === undefined) {
    n = computeNorm(word);
    if (normCache.size >= NORM_CACHE_LIMIT) normCache.clear();
    normCache.set(detach(word), n);
  }
  return n;
}

function computeNorm(word: string): string {
  let w = word;
  // ASCII fast path: most clinical text needs no Unicode normalisation.
  if (!/^[\x00-\x7f]*$/.test(w)) w = w.normalize("NFKC");
  w = w.toLowerCase();
  return w.includes("'") || w.includes("’") ? w.replace(APOSTROPHES, "") : w;
}

// Character classes for the scanner: 1 = letter or mark (may follow an apostrophe inside a word),
// 2 = digit or other number, 3 = not part of a word, 0 = not looked up yet. ASCII is filled in
// here, the rest of the Basic Multilingual Plane on first sight, from the same Unicode properties
// as WORD.
const CLASS = new Uint8Array(65536);
CLASS.fill(3, 0, 128);
for (let c = 48; c <= 57; c++) CLASS[c] = 2;
for (let c = 65; c <= 90; c++) CLASS[c] = 1;
for (let c = 97; c <= 122; c++) CLASS[c] = 1;
const SURROGATE = /[\uD800-\uDFFF]/;
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;

function classOf(c: number): number {
  let k = CLASS[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = isLetterAt(ch, 0) || isMarkAt(ch, 0) ? 1 : isNumberAt(ch, 0) ? 2 : 3;
    CLASS[c] = k;
  }
  return k;
}

function isSoftBreakChar(c: number): boolean {
  return c === 45 || c === 0xad || c === 0x2010 || c === 0x2011;
}

/**
 * Adds a token, or joins it to the previous one across a soft line break ("hypo-\nglossal"). With
 * `irregular`, the index of a token that is not its own text lower-cased (see `tokenize`) is added
 * to it (`plain` false: cut from the text with an apostrophe dropped or a character beyond ASCII).
 */
function pushToken(tokens: Token[], text: string, start: number, end: number, norm: string, gid: number, lowerFirst: boolean, plain: boolean, irregular?: number[]): void {
  const prev = tokens[tokens.length - 1];
  if (
    prev !== undefined &&
    lowerFirst &&
    start - prev.end <= 8 &&
    isSoftBreakChar(text.charCodeAt(prev.end)) &&
    SOFT_BREAK.test(text.slice(prev.end, start))
  ) {
    prev.end = end;
    prev.norm += norm;
    if (gid >= 0) {
      prev.gid = vocabulary.id(prev.norm);
      prev.norm = vocabulary.words[prev.gid]!;
    }
    if (irregular && irregular[irregular.length - 1] !== tokens.length - 1) irregular.push(tokens.length - 1);
    return;
  }
  if (irregular && !plain) irregular.push(tokens.length);
  tokens.push({ start, end, norm, gid });
}

/**
 * Kept out of tokenize on purpose: with toLowerCase inlined into tokenize's optimised code, V8
 * 11 (Node.js 20) took milliseconds per note for it instead of microseconds (measured 3.5 ms vs
 * 65 µs on a 7 KB text).
 */
export function lowerCase(text: string): string {
  return text.toLowerCase();
}

/**
 * `lower` is `lowerCase(text)` when the caller has it already. `irregular`, when given, receives
 * (ascending) the index of every token that is not simply its own text lower-cased, letters and
 * digits only: joined across an apostrophe or a soft line break, or holding a character beyond
 * ASCII (every token, for a note with characters beyond the Basic Multilingual Plane).
 */
export function tokenize(text: string, lower?: string, irregular?: number[]): Token[] {
  const tokens: Token[] = [];
  const hashing = vocabulary.hashing;
  // Characters outside the Basic Multilingual Plane (rare in notes) take the regular expression.
  if (SURROGATE.test(text)) {
    const word = (WORD ??= /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu);
    word.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = word.exec(text)) !== null) {
      const norm = normalizeWord(m[0]);
      const gid = hashing ? vocabulary.id(norm) : -1;
      pushToken(tokens, text, m.index, m.index + m[0].length, gid >= 0 ? vocabulary.words[gid]! : norm, gid, /^\p{Ll}/u.test(m[0]), false, irregular);
    }
    return tokens;
  }
  // A character scan finds the words and hashes the lower-case form of each on the way; the
  // vocabulary numbers the word from the lower-cased copy of the note (when lower-casing kept
  // every offset, as it does unless a character such as "İ" grows), and the few other words go
  // through normalizeWord.
  lower ??= lowerCase(text);
  const aligned = lower.length === text.length;
  const n = text.length;
  let i = 0;
  let prevEnd = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (classOf(c) === 3) {
      i++;
      continue;
    }
    const start = i;
    let ascii = aligned;
    let hash = 0x811c9dc5 | 0; // HASH_START
    while (i < n) {
      const d = text.charCodeAt(i);
      if (classOf(d) === 3) break;
      if (d >= 128) ascii = false;
      // hashStep, written out with its constants (V8 does not fold imported ones), of the
      // character lower-cased: for ASCII letters and digits, the only characters of a word whose
      // hash is used (see below), setting bit 5 lower-cases. Not before the vocabulary keeps its
      // table of characters (see hashing).
      if (hashing) hash = Math.imul(hash ^ (d | 32), 0x01000193);
      i++;
    }
    let apostrophe = false;
    // Never read past the end: an out-of-range charCodeAt makes V8 throw away the optimised loop.
    while (i + 1 < n) {
      const q = text.charCodeAt(i);
      if ((q !== APOSTROPHE && q !== RIGHT_QUOTE) || classOf(text.charCodeAt(i + 1)) !== 1) break;
      apostrophe = true;
      if (q !== APOSTROPHE) ascii = false;
      i++;
      while (i < n && classOf(text.charCodeAt(i)) === 1) {
        if (text.charCodeAt(i) >= 128) ascii = false;
        i++;
      }
    }
    let norm: string;
    let gid = -1;
    if (ascii && !apostrophe && hashing) {
      // Numbered from the characters: no string cut out for a word the vocabulary knows.
      gid = vocabulary.idOfRange(lower, start, i, hash);
      norm = vocabulary.words[gid]!;
    } else {
      if (ascii) {
        norm = lower.slice(start, i);
        if (apostrophe) norm = norm.replace(APOSTROPHES, "");
      } else norm = normalizeWord(text.slice(start, i));
      if (hashing) {
        gid = vocabulary.id(norm);
        norm = vocabulary.words[gid]!;
      }
    }
    const lowerFirst = c < 128 ? c >= 97 && c <= 122 : isLowerAt(text, start);
    // pushToken's own first test, here: most words follow no hyphen at a line end, and for them
    // the call (and reading the previous token back) was a tenth of the tokenizer's time.
    if (lowerFirst && prevEnd >= 0 && start - prevEnd <= 8 && isSoftBreakChar(text.charCodeAt(prevEnd))) {
      pushToken(tokens, text, start, i, norm, gid, lowerFirst, ascii && !apostrophe, irregular);
    } else {
      if (irregular && !(ascii && !apostrophe)) irregular.push(tokens.length);
      tokens.push({ start, end: i, norm, gid });
    }
    prevEnd = i; // the last token's end, joined or not
  }
  return tokens;
}

/**
 * The normal forms of a lexicon term's words. Packs hold thousands of terms; the build cache
 * stores these (see rules/load.ts) so that loading a pack does not tokenize them again.
 */
const termTable = new CacheTable((term) => tokenize(term).map((t) => t.norm));

/**
 * Most terms are lower-case ASCII words and single spaces ("facial nerve"): their words are the
 * pieces between the spaces, already in normal form (checked against the tokenizer in
 * test/text/tokenize.test.ts), so they need neither the tokenizer nor a table entry.
 */
const PLAIN_TERM = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

export function termWords(term: string): string[] {
  return PLAIN_TERM.test(term) ? term.split(" ") : termTable.get(term);
}

/** The words of the terms seen so far that are not plain (see PLAIN_TERM), for the build cache. */
export function knownTermWords(): Record<string, string[]> {
  return termTable.known();
}

export function primeTermWords(table: Record<string, string[]>): void {
  termTable.prime(table);
}

/** Index of the first token whose start is >= offset (binary search). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
