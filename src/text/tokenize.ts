/**
 * Word tokens with their offsets in the decoded note. Every matcher and the context engine work on
 * these, so the note is scanned once. `norm` is the comparison form: NFKC (ligatures such as "ﬁ"
 * become "fi"), lower case, apostrophes dropped ("Bell's" and "Bells" compare equal).
 */
export interface Token {
  start: number;
  end: number;
  norm: string;
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
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

const WORD_ASCII = /[A-Za-z0-9]+(?:'[A-Za-z]+)*/g;
const NON_ASCII = /[^\x00-\x7f]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Most notes are plain ASCII: then one lower-cased copy gives every token's normal form, and
  // an ASCII-only pattern finds words much faster than a Unicode-property one.
  const ascii = !NON_ASCII.test(text);
  const lower = ascii ? text.toLowerCase() : "";
  const re = ascii ? WORD_ASCII : WORD;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    let norm: string;
    if (ascii) {
      norm = lower.slice(start, end);
      if (norm.includes("'")) norm = norm.replace(APOSTROPHES, "");
    } else norm = normalizeWord(m[0]);
    const prev = tokens[tokens.length - 1];
    if (
      prev !== undefined &&
      start - prev.end <= 8 &&
      /^\p{Ll}/u.test(m[0]) &&
      SOFT_BREAK.test(text.slice(prev.end, start))
    ) {
      prev.end = end;
      prev.norm += norm;
      continue;
    }
    tokens.push({ start, end, norm });
  }
  return tokens;
}

/**
 * The normal forms of a lexicon term's words. Packs hold thousands of terms; the build cache
 * stores these (see rules/load.ts) so that loading a pack does not tokenize them again.
 */
const termCache = new Map<string, string[]>();

export function termWords(term: string): string[] {
  let words = termCache.get(term);
  if (!words) {
    words = tokenize(term).map((t) => t.norm);
    termCache.set(term, words);
  }
  return words;
}

export function knownTermWords(): Record<string, string[]> {
  return Object.fromEntries(termCache);
}

export function primeTermWords(table: Record<string, string[]>): void {
  for (const [term, words] of Object.entries(table)) termCache.set(term, words);
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
