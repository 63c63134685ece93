/**
 * Sentence splitting for clinical text. Notes mix prose, dictation without periods, lists,
 * "Field: value" lines, headers on their own line and tables, so a line break ends a sentence
 * only when the layout says so; a period ends one unless the word before it is an abbreviation.
 */
import { hasLower, hasUpper, indentEnd, isAscii, isBlank, isLetterAt, isLowerAt, isNumberAt, isSurrogate, isUpperAt, textEnd, TwinRegExp } from "./chars.js";

export interface Sentence {
  start: number;
  end: number;
}

export interface SentenceOptions {
  /** Lower-case abbreviations without their final period ("dr", "e.g", "approx"). */
  abbreviations: ReadonlySet<string>;
  /** Whether the text is all ASCII, when the caller knows it already (a scan of the whole note). */
  ascii?: boolean;
}

const LIST_START = /^[ \t]*(?:[-*•◦▪‣·●○■□☐☑☒✓✔+>|]|\d{1,3}[.)](?=\s)|\(?[a-zA-Z0-9]{1,2}\)(?=\s)|\[[ xX✓✔*-]?\])/u;
// A field name holds no sentence punctuation: "the cornea. EMG:" is prose, not a field.
// "Field: value" or a dotted leader, "Field ........ value".
export const FIELD_LINE = new TwinRegExp(
  String.raw`^[ \t]*[\p{L}\p{N}#][\p{L}\p{N} /&()#'’+-]{0,50}(?::|[ \t]*\.{3,})(?:\s|$)`,
  "u",
  /^[ \t]*[A-Za-z0-9#][A-Za-z0-9 /&()#'+-]{0,50}(?::|[ \t]*\.{3,})(?:\s|$)/,
);

function hasValue(fieldLine: string): boolean {
  const colon = fieldLine.indexOf(":");
  return colon >= 0 && fieldLine.slice(colon + 1).trim().length > 0;
}

/** "Seen by Dr." at a line end: the period belongs to the abbreviation, not to a sentence end. */
function endsWithAbbreviation(line: string, abbr: Abbreviations): boolean {
  // The word before the final period (letters, digits, inner periods and slashes), looked for in
  // the line's last 32 characters only: an abbreviation is short.
  const floor = Math.max(0, line.length - 32);
  let dot = line.length - 1;
  while (dot >= floor && (line.charCodeAt(dot) === 32 || line.charCodeAt(dot) === 9)) dot--;
  if (dot < floor || line.charCodeAt(dot) !== 46) return false;
  let s = dot;
  while (s > floor && isWordChar(line, s - 1)) s--;
  if (s === dot || dot - s > abbr.longest) return false;
  const word = line.slice(s, dot);
  return abbr.set.has(word.toLowerCase()) && !isAcronym(word, hasLower(line));
}

/**
 * A pack's abbreviations with the length of the longest: a longer word before a period
 * ("paralysis.", most of them) is not looked up (lower-casing never makes a word shorter).
 */
interface Abbreviations {
  set: ReadonlySet<string>;
  longest: number;
}

const abbreviationsBySet = new WeakMap<ReadonlySet<string>, Abbreviations>();

/** Worked out once per set (a pack's), looked up once per note. */
function abbreviationsOf(set: ReadonlySet<string>): Abbreviations {
  let abbr = abbreviationsBySet.get(set);
  if (!abbr) {
    let longest = 0;
    for (const a of set) longest = Math.max(longest, a.length);
    abbreviationsBySet.set(set, (abbr = { set, longest }));
  }
  return abbr;
}

/** \s, without a regex for the usual spaces and line breaks. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 128 && /\s/.test(String.fromCharCode(c));
}

/** [\p{L}\p{N}./] at i, without a regex for ASCII. */
function isWordChar(line: string, i: number): boolean {
  const c = line.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 46 && c <= 57);
  return isLetterAt(line, i) || isNumberAt(line, i);
}

function isHeaderLike(line: string, field: boolean): boolean {
  const t = line.trim();
  if (t.length === 0) return false;
  if (field) return true;
  // An ALL-CAPS line of a few words is a header even without a colon.
  return t.length <= 60 && hasUpper(t) && !hasLower(t) && t.split(/\s+/).length <= 8;
}

/** What the layout rules need to know about a line, computed once per line. */
interface LineFeatures {
  list: boolean;
  short: boolean;
  header: boolean;
  field: boolean;
  hasValue: boolean;
  terminal: boolean;
  abbreviationEnd: boolean;
  /** Ends with a word cut by a hyphen ("hypo-"): the next line continues the word. */
  hyphenated: boolean;
}

/** `fieldLine` is FIELD_LINE picked for the whole note (ASCII or not): one check per note, not per line. */
function features(line: string, abbr: Abbreviations, fieldLine: RegExp): LineFeatures {
  // FIELD_LINE needs a colon or a dotted leader: most lines have neither.
  const field = (line.includes(":") || line.includes("...")) && fieldLine.test(line);
  const terminal = endsWithTerminal(line);
  return {
    list: LIST_START.test(line),
    short: line.trim().length < 40,
    header: isHeaderLike(line, field),
    field,
    hasValue: field && hasValue(line),
    terminal,
    abbreviationEnd: terminal && endsWithAbbreviation(line, abbr),
    hyphenated: endsWithCutWord(line.trimEnd()),
  };
}

/** /\p{L}[-\u00ad\u2010\u2011]$/u: a letter, then a hyphen at the line end. */
function endsWithCutWord(t: string): boolean {
  const n = t.length;
  const h = t.charCodeAt(n - 1);
  if (n < 2 || (h !== 45 && h !== 0xad && h !== 0x2010 && h !== 0x2011)) return false;
  return isSurrogate(t.charCodeAt(n - 2)) ? /\p{L}[-\u00ad\u2010\u2011]$/u.test(t) : isLetterAt(t, n - 2);
}

/** /^[ \t]*\p{Ll}/u: the first character after spaces and tabs is a lower-case letter. */
function startsLower(line: string): boolean {
  const i = indentEnd(line);
  if (i >= line.length) return false;
  return isSurrogate(line.charCodeAt(i)) ? /^[ \t]*\p{Ll}/u.test(line) : isLowerAt(line, i);
}

/** Ends with . ? ! : or ; (before closing quotes or brackets and trailing spaces). */
function endsWithTerminal(line: string): boolean {
  let i = textEnd(line) - 1;
  while (i >= 0 && "\"')]".includes(line[i]!)) i--;
  return i >= 0 && ".?!:;".includes(line[i]!);
}

export function splitSentences(text: string, opts: SentenceOptions): Sentence[] {
  const out: Sentence[] = [];
  const fieldLine = FIELD_LINE.pick(opts.ascii ?? isAscii(text));
  const abbr = abbreviationsOf(opts.abbreviations);
  let sentStart = -1;
  const open = (at: number) => {
    if (sentStart < 0) sentStart = at;
  };
  const close = (at: number) => {
    if (sentStart < 0) return;
    let e = at;
    while (e > sentStart && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > sentStart) out.push({ start: sentStart, end: e });
    sentStart = -1;
  };

  const punct = new PunctScan(text);
  let lineStart = 0;
  let prev: LineFeatures | null = null; // previous non-blank line, when no blank line came between
  // Without carriage returns a line ends at the next "\n", which indexOf finds faster than a loop.
  const lfOnly = text.indexOf("\r") < 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    if (lfOnly) {
      lineEnd = text.indexOf("\n", lineStart);
      if (lineEnd < 0) lineEnd = text.length;
    } else {
      while (lineEnd < text.length) {
        const c = text.charCodeAt(lineEnd);
        if (c === 10 || c === 13) break;
        lineEnd++;
      }
    }
    const line = text.slice(lineStart, lineEnd);
    const blank = isBlank(line);

    if (blank) {
      close(lineStart);
      prev = null;
    } else {
      const cur = features(line, abbr, fieldLine);
      // A "Field: value" line whose value wraps onto a lower-case line continues its sentence.
      const wrappedField = prev !== null && prev.field && prev.hasValue && startsLower(line) && !prev.terminal;
      // So does a wrapped line of prose that only looks like a field: "I cannot document it" /
      // "as Bell's palsy: the onset was progressive".
      if (cur.field && prev !== null && !prev.terminal && !prev.list && startsLower(line) && (!prev.header || wrappedField)) {
        cur.field = false;
        cur.header = isHeaderLike(line, false);
      }
      const breakBefore =
        prev === null ||
        (!(prev.hyphenated && startsLower(line)) &&
          (
        cur.list ||
        cur.header ||
        (prev.header && !wrappedField) ||
        (prev.terminal && !prev.abbreviationEnd) ||
        (prev.list && prev.short)));
      if (breakBefore) close(lineStart);
      const first = lineStart + (line.length - line.trimStart().length);
      open(first);
      splitInline(text, first, lineEnd, abbr, close, open, punct);
      prev = cur;
    }

    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text[lineEnd] === "\r" && text[lineEnd + 1] === "\n" ? 2 : 1);
  }
  close(text.length);
  return out;
}

// Sentence-ending punctuation, or a column gap (three spaces or a tab between words) as in
// "EBL 30 cc   no complications   extubated", where a layout separates statements.
const END_PUNCT = /[.?!]+["')\]]*(?=[ \t])| {3,}|\t+/g;

/**
 * END_PUNCT run once over the whole note, each match handed to the line it falls in: one search
 * instead of one per line (and the search that finds nothing at each line's end). No match holds a
 * line break, nor looks past one (its lookahead wants a space or tab), so the matches within a
 * line are those a search of the line alone finds; those in a line's indentation or in lines
 * that are not split are passed over.
 */
class PunctScan {
  private pending: RegExpExecArray | null = null;
  private done = false;

  constructor(private readonly text: string) {
    END_PUNCT.lastIndex = 0;
  }

  /** The next match that starts in [from, to), or null when the next one starts at `to` or later. */
  next(from: number, to: number): RegExpExecArray | null {
    for (;;) {
      let m = this.pending;
      if (m === null) {
        if (this.done) return null;
        m = END_PUNCT.exec(this.text);
        if (m === null) {
          this.done = true;
          return null;
        }
        this.pending = m;
      }
      if (m.index >= to) return null;
      this.pending = null;
      if (m.index >= from) return m;
    }
  }
}

interface LineInfo {
  line: string;
  /** Whether the line has an upper-case / lower-case letter; looked at on the first period only. */
  hasUpper?: boolean;
  hasLower?: boolean;
  /** Index of the last non-blank character. */
  lastText: number;
  /** Index of the first non-blank character. */
  firstText: number;
}

function splitInline(
  text: string,
  from: number,
  to: number,
  abbr: Abbreviations,
  close: (at: number) => void,
  open: (at: number) => void,
  punct: PunctScan,
): void {
  const line = text.slice(from, to);
  // Facts about the whole line are computed once: per-period rescans would be quadratic on a
  // note that is one long line.
  const lastText = textEnd(line) - 1;
  const firstText = indentEnd(line);
  const info: LineInfo = { line, hasUpper: undefined, hasLower: undefined, lastText, firstText };
  let m: RegExpExecArray | null;
  while ((m = punct.next(from, to)) !== null) {
    const punctAt = m.index - from;
    const after = punctAt + m[0].length;
    if (after > lastText) continue; // line end: handled by layout
    if (m[0].startsWith("...")) continue; // a dotted leader ("Drooling ...... absent") or an ellipsis
    if (m[0][0] === "." && !endsSentence(info, punctAt, after, abbr)) continue;
    if (m[0][0] === " " || m[0][0] === "\t") {
      // A gap between words, not indentation, nor the alignment after a field's label
      // ("Observation for recovery:     Not applicable"), which belongs to its value.
      if (punctAt === 0 || line[punctAt - 1] === " " || line[punctAt - 1] === "\t" || line[punctAt - 1] === ":") continue;
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


function endsSentence(info: LineInfo, dot: number, after: number, abbr: Abbreviations): boolean {
  const line = info.line;
  // The word before the period, with inner periods and slashes ("e.g", "s/p", "q.d"); an
  // abbreviation is short, so the look back is bounded.
  let s = dot;
  while (s > 0 && dot - s < 24 && isWordChar(line, s - 1)) s--;
  const raw = line.slice(s, dot);
  if (raw.length === 0) return true;
  // Lower-cased only where it can matter: a word longer than every abbreviation and than a single
  // letter is none of them, and the checks below on digits are the same either way.
  const short = raw.length <= 2 || raw.length <= abbr.longest;
  const word = short ? raw.toLowerCase() : raw;
  if (short && abbr.set.has(word) && !isAcronym(raw, (info.hasLower ??= hasLower(line)))) return false;
  // "1. Right facial paralysis": a list number at the start of the line.
  if (/^\d{1,3}$/.test(word) && s === info.firstText) return false;
  if (isSingleLetter(word)) return false; // an initial
  let next = after;
  while (next < line.length && (line[next] === " " || line[next] === "\t")) next++;
  const c = line[next] ?? "";
  if (/^\d+$/.test(word) && /\d/.test(c)) return false; // "1. 2" list numbers
  // A period followed by a lower-case word continues the sentence unless the writer never capitalises.
  if (next < line.length && isLowerAt(line, next) && (info.hasUpper ??= hasUpper(line))) return false;
  return true;
}

/** An all-capitals word in mixed-case text is an acronym ("PT.", "VS."), not an abbreviation. */
function isAcronym(word: string, lineHasLower: boolean): boolean {
  if (word.length < 2 || !lineHasLower) return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isSurrogate(c)) return /^[\p{Lu}\p{N}/]+$/u.test(word);
    if (c !== 47 && !isUpperAt(word, i) && !isNumberAt(word, i)) return false;
  }
  return true;
}

/** /^\p{L}$/u: one letter (one code point). */
function isSingleLetter(word: string): boolean {
  if (word.length === 1) return isLetterAt(word, 0);
  return word.length === 2 && isSurrogate(word.charCodeAt(0)) && /^\p{L}$/u.test(word);
}
