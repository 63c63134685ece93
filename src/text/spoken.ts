/**
 * Spoken punctuation. A raw speech-recognition transcript keeps the punctuation its author said
 * aloud: "no fever comma no wound drainage period new paragraph exam today colon ...". Read as
 * words, its sentences never end and its headers ("exam today colon") are not headers. Such a
 * note (one that says its signal word, "comma", often enough) is laid out with each spoken mark
 * read as the mark itself, in a copy of the same length: every offset still points at the same
 * words, so quoted evidence is cut from the note as written. The words are in text.yaml.
 */
import { escapeRegExp } from "../matchers/regex-source.js";
import { isLetterAt, isNumberAt } from "./chars.js";
import type { Token } from "./tokenize.js";
import { vocabulary } from "./vocabulary.js";

const isWordCharAt = (s: string, i: number): boolean => i >= 0 && i < s.length && (isLetterAt(s, i) || isNumberAt(s, i));

export interface SpokenMark {
  /** Lower-case words as spoken ("comma", "full stop"). */
  words: string;
  /** What the words stand for (",", ".", "\n\n"); used only where it fits in the words' place. */
  mark: string;
  /** Read as a word after one of these (lower case): "a period of observation". */
  notAfter?: ReadonlySet<string>;
  /** Read as a word before one of these: "the observation period of ten months". */
  notBefore?: ReadonlySet<string>;
}

export interface SpokenPunctuation {
  /** The word that shows a note is a raw transcript, and how often it must occur. */
  signal: string;
  atLeast: number;
  marks: SpokenMark[];
  /** Any mark's words, longest first, as whole words (compiled from `marks`). */
  pattern: RegExp;
}

/** text.yaml's `spoken_punctuation`, as written. */
export interface SpokenPunctuationSpec {
  signal: string;
  at_least: number;
  marks: { words: string; mark: string; not_after?: string[]; not_before?: string[] }[];
}

export function compileSpoken(spec: SpokenPunctuationSpec): SpokenPunctuation {
  const marks: SpokenMark[] = spec.marks.map((m) => ({
    words: m.words.toLowerCase(),
    mark: m.mark,
    ...(m.not_after ? { notAfter: new Set(m.not_after.map((w) => w.toLowerCase())) } : {}),
    ...(m.not_before ? { notBefore: new Set(m.not_before.map((w) => w.toLowerCase())) } : {}),
  }));
  const alternatives = [...marks]
    .sort((a, b) => b.words.length - a.words.length)
    .map((m) => m.words.split(/\s+/).map(escapeRegExp).join("[ \\t]+"));
  // The spaces before the words go too: "fibs comma PSWs" reads "fibs,      PSWs"; so does a mark
  // the transcriptionist wrote after them ("New paragraph. Description of procedure.").
  const pattern = new RegExp(`[ \\t]*\\b(?:${alternatives.join("|")})\\b[.,:;]?`, "g");
  return { signal: spec.signal.toLowerCase(), atLeast: spec.at_least, marks, pattern };
}

/**
 * Whether a note's tokens say the signal ("comma") as often as a transcript does: the look a
 * checked note gets, among its words (`numbered`: by the vocabulary's numbers, and a word the
 * process has never seen is in no note yet, this one included). readSpoken's own count is for a
 * text not yet tokenized.
 */
export function saysSignalOften(tokens: readonly Token[], spoken: SpokenPunctuation, numbered: boolean): boolean {
  let n = 0;
  if (numbered) {
    const g = vocabulary.lookup(spoken.signal);
    if (g < 0) return false;
    for (let i = 0; i < tokens.length; i++) if (tokens[i]!.gid === g && ++n >= spoken.atLeast) return true;
    return false;
  }
  for (let i = 0; i < tokens.length; i++) if (tokens[i]!.norm === spoken.signal && ++n >= spoken.atLeast) return true;
  return false;
}

/** How many times `word` occurs in `lower` as a whole word, counting up to `enough`. */
function countWord(lower: string, word: string, enough: number): number {
  let n = 0;
  for (let i = lower.indexOf(word); i >= 0 && n < enough; i = lower.indexOf(word, i + word.length)) {
    if ((i === 0 || !isWordCharAt(lower, i - 1)) && !isWordCharAt(lower, i + word.length)) n++;
  }
  return n;
}

/**
 * What fills the rest of the words' place after their mark. After a line break, spaces (an
 * indent). After punctuation one space, so that a period ends its sentence, then no-break spaces:
 * three or more spaces in a row are a column gap to the sentence splitter, which would cut
 * "treated with prednisone,      fully recovered" in two.
 */
function fill(mark: string, n: number): string {
  if (n <= 0) return "";
  return mark.endsWith("\n") ? " ".repeat(n) : " " + "\u00a0".repeat(n - 1);
}

/** The word that ends just before `at` (lower case), or "". */
function wordBefore(lower: string, at: number): string {
  let end = at;
  while (end > 0 && (lower.charCodeAt(end - 1) === 32 || lower.charCodeAt(end - 1) === 9)) end--;
  let start = end;
  while (start > 0 && isWordCharAt(lower, start - 1)) start--;
  return lower.slice(start, end);
}

/** The word that starts at or after `at` on the same line (lower case), or "". */
function wordAfter(lower: string, at: number): string {
  let start = at;
  while (start < lower.length && (lower.charCodeAt(start) === 32 || lower.charCodeAt(start) === 9)) start++;
  let end = start;
  while (end < lower.length && isWordCharAt(lower, end)) end++;
  return lower.slice(start, end);
}

/**
 * The note's layout text: `text` itself unless it is a raw transcript, else a copy of the same
 * length with each spoken mark written as the mark and padded with spaces. `lower` is
 * `text.toLowerCase()` of the same length (the caller has it; a note whose lower case changes
 * length is returned as it is).
 */
export function readSpoken(text: string, lower: string, spoken: SpokenPunctuation | undefined): string {
  if (!spoken || lower.length !== text.length || lower.indexOf(spoken.signal) < 0) return text;
  if (countWord(lower, spoken.signal, spoken.atLeast) < spoken.atLeast) return text;
  const pattern = spoken.pattern;
  pattern.lastIndex = 0;
  let out = "";
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(lower)) !== null) {
    const said = m[0].trimStart().replace(/[.,:;]$/, "").replace(/[ \t]+/g, " ");
    const def = spoken.marks.find((d) => d.words === said);
    if (!def || m[0].length < def.mark.length) continue; // the mark must fit where the words were
    if (def.notAfter?.has(wordBefore(lower, m.index))) continue;
    if (def.notBefore?.has(wordAfter(lower, m.index + m[0].length))) continue;
    out += text.slice(from, m.index) + def.mark + fill(def.mark, m[0].length - def.mark.length);
    from = m.index + m[0].length;
  }
  return from === 0 ? text : out + text.slice(from);
}
