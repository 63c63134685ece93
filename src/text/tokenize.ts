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

const NON_ASCII = /[^\x00-\x7f]/;

// Character classes for the ASCII scanner: 1 = letter, 2 = digit.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 2;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 1;
const APOSTROPHE = 39;

function isSoftBreakChar(c: number): boolean {
  return c === 45 || c === 0xad || c === 0x2010 || c === 0x2011;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // A word cut by a hyphen at a line end ("hypo-\nglossal") is joined back into one token.
  const push = (start: number, end: number, norm: string, lowerFirst: boolean) => {
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
      return;
    }
    tokens.push({ start, end, norm });
  };

  if (!NON_ASCII.test(text)) {
    // Most notes are plain ASCII: a character scan finds the words and one lower-cased copy of
    // the note gives every token's normal form.
    const lower = text.toLowerCase();
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= 128 || ASCII_CLASS[c] === 0) {
        i++;
        continue;
      }
      const start = i;
      while (i < n && text.charCodeAt(i) < 128 && ASCII_CLASS[text.charCodeAt(i)] !== 0) i++;
      let apostrophe = false;
      while (i + 1 < n && text.charCodeAt(i) === APOSTROPHE && ASCII_CLASS[text.charCodeAt(i + 1)] === 1) {
        apostrophe = true;
        i++;
        while (i < n && ASCII_CLASS[text.charCodeAt(i)] === 1) i++;
      }
      let norm = lower.slice(start, i);
      if (apostrophe) norm = norm.replace(APOSTROPHES, "");
      push(start, i, norm, c >= 97 && c <= 122);
    }
    return tokens;
  }

  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) !== null) {
    push(m.index, m.index + m[0].length, normalizeWord(m[0]), /^\p{Ll}/u.test(m[0]));
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
