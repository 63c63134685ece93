/**
 * Sentence splitting for clinical text. Notes mix prose, dictation without periods, lists,
 * "Field: value" lines, headers on their own line and tables, so a line break ends a sentence
 * only when the layout says so; a period ends one unless the word before it is an abbreviation.
 */
export interface Sentence {
  start: number;
  end: number;
}

export interface SentenceOptions {
  /** Lower-case abbreviations without their final period ("dr", "e.g", "approx"). */
  abbreviations: ReadonlySet<string>;
}

const LIST_START = /^[ \t]*(?:[-*•◦▪‣·●○■□☐☑☒✓✔+>|]|\d{1,3}[.)](?=\s)|\(?[a-zA-Z0-9]{1,2}\)(?=\s)|\[[ xX✓✔*-]?\])/u;
const FIELD_LINE = /^[ \t]*[\p{L}\p{N}#][\p{L}\p{N} /&()#'’.,+-]{0,50}:(?:\s|$)/u;
const TERMINAL = /[.?!:;]["')\]]*[ \t]*$/;

function isHeaderLike(line: string): boolean {
  const t = line.trim();
  if (t.length === 0) return false;
  if (FIELD_LINE.test(line)) return true;
  // An ALL-CAPS line of a few words is a header even without a colon.
  return t.length <= 60 && /\p{Lu}/u.test(t) && !/\p{Ll}/u.test(t) && t.split(/\s+/).length <= 8;
}

export function splitSentences(text: string, opts: SentenceOptions): Sentence[] {
  const out: Sentence[] = [];
  let sentStart = -1;
  const open = (at: number) => {
    if (sentStart < 0) sentStart = at;
  };
  const close = (at: number) => {
    if (sentStart < 0) return;
    let e = at;
    while (e > sentStart && /\s/.test(text[e - 1]!)) e--;
    if (e > sentStart) out.push({ start: sentStart, end: e });
    sentStart = -1;
  };

  let lineStart = 0;
  let prevLine: string | null = null; // previous non-blank line, when no blank line came between
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== "\n" && text[lineEnd] !== "\r") lineEnd++;
    const line = text.slice(lineStart, lineEnd);
    const blank = line.trim().length === 0;

    if (blank) {
      close(lineStart);
      prevLine = null;
    } else {
      const breakBefore =
        prevLine === null ||
        LIST_START.test(line) ||
        isHeaderLike(line) ||
        isHeaderLike(prevLine) ||
        TERMINAL.test(prevLine) ||
        LIST_START.test(prevLine) && prevLine.trim().length < 40;
      if (breakBefore) close(lineStart);
      const first = lineStart + (line.length - line.trimStart().length);
      open(first);
      splitInline(text, first, lineEnd, opts, close, open);
      prevLine = line;
    }

    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text[lineEnd] === "\r" && text[lineEnd + 1] === "\n" ? 2 : 1);
  }
  close(text.length);
  return out;
}

// Sentence-ending punctuation, or a column gap (three spaces or a tab between words) as in
// "EBL 30 cc   no complications   extubated", where a layout separates statements.
const END_PUNCT = /[.?!]+["')\]]*(?=[ \t]+\S)|[.?!]+["')\]]*(?=[ \t]*$)|(?<=\S)(?: {3,}|\t+)(?=\S)/g;

function splitInline(
  text: string,
  from: number,
  to: number,
  opts: SentenceOptions,
  close: (at: number) => void,
  open: (at: number) => void,
): void {
  const line = text.slice(from, to);
  END_PUNCT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = END_PUNCT.exec(line)) !== null) {
    const punctAt = m.index;
    const after = punctAt + m[0].length;
    if (after >= line.length || /^[ \t]*$/.test(line.slice(after))) continue; // line end: handled by layout
    if (m[0][0] === "." && !endsSentence(line, punctAt, after, opts)) continue;
    if (m[0][0] === " " || m[0][0] === "\t") {
      close(from + punctAt);
      open(from + after);
      continue;
    }
    close(from + after);
    let next = after;
    while (next < line.length && (line[next] === " " || line[next] === "\t")) next++;
    open(from + next);
  }
}

function endsSentence(line: string, dot: number, after: number, opts: SentenceOptions): boolean {
  // The word before the period, with inner periods and slashes ("e.g", "s/p", "q.d").
  let s = dot;
  while (s > 0 && /[\p{L}\p{N}./]/u.test(line[s - 1]!)) s--;
  const word = line.slice(s, dot).toLowerCase();
  if (word.length === 0) return true;
  if (opts.abbreviations.has(word)) return false;
  if (/^\p{L}$/u.test(word)) return false; // an initial
  if (/^\d+$/.test(word) && /^\s*\d/.test(line.slice(after))) return false; // "1. 2" list numbers
  const rest = line.slice(after).trimStart();
  // A period followed by a lower-case word continues the sentence unless the writer never capitalises.
  if (/^\p{Ll}/u.test(rest) && /\p{Lu}/u.test(line)) return false;
  return true;
}
