/**
 * Where a regular expression can start, from the note's word index instead of a scan of the
 * whole note. A pattern such as `\b(?:secondary to|due to|following)\s+…` can only match where one
 * of its leading words ("secondary", "due", "following") starts, and the note's word index knows
 * those places: the pattern is then tried there alone (sticky), a few places a note instead of
 * every character. Patterns of any other shape are run over the whole note as before.
 */
import type { NoteDocument } from "../text/document.js";
import { classEnd, escapeLength } from "./regex-source.js";

/**
 * The words every match of `source` starts with, lower-cased, or null when the pattern does not
 * have the shape this needs:
 * - it starts with `\b`, then a run of ASCII letters and digits (its last letter may be
 *   optional: "months?"), or a group `(?:…|…)` (not quantified) whose every branch starts with
 *   such a run or such a group;
 * - what follows each run cannot continue the word: a space, `\s`, `\b`, `/` or `-` (escaped or
 *   not), or, for a run that ends its branch, the same right after the group.
 * With those, every match starts at a token of the note whose word is one of the runs, but for
 * tokens the tokenizer joined across an apostrophe, a soft line break or a letter beyond ASCII,
 * whose inner word starts are tried too (see `candidateStarts`).
 */
export function leadingWords(source: string, flags: string): string[] | null {
  // Case-insensitive without Unicode folding: an ASCII letter matches only its two cases, which is
  // what the lower-cased note holds ("ſ" folds to "s" under the u flag, but does not lower-case).
  if (!flags.includes("i") || flags.includes("u")) return null;
  if (!source.startsWith("\\b")) return null;
  const rest = source.slice(2);
  if (hasTopLevelBar(rest)) return null;
  const words = branchWords(rest, "");
  return words && [...new Set(words.map((w) => w.toLowerCase()))];
}

/**
 * The words a branch of a pattern can start with, when `after` follows it: a run of ASCII letters
 * and digits (its last letter may be optional, "months?": both words), or a group `(?:…|…)`, not
 * quantified, whose every branch starts with such words (groups nest: "(?:(?:months?|weeks?)\s+
 * after|since)"). Null when any branch starts otherwise or its word could go on (see WORD_END).
 */
function branchWords(branch: string, after: string): string[] | null {
  if (branch.startsWith("(?:")) {
    const close = groupEnd(branch, 0);
    if (close < 0) return null;
    const rest = branch.slice(close + 1);
    if (/^[?*+{]/.test(rest)) return null;
    const follows = rest.length > 0 ? rest : after;
    const out: string[] = [];
    for (const inner of splitBranches(branch.slice(3, close))) {
      const words = branchWords(inner, follows);
      if (words === null) return null;
      out.push(...words);
    }
    return out;
  }
  const run = /^[A-Za-z0-9]+/.exec(branch)?.[0];
  if (run === undefined) return null;
  let next = branch.slice(run.length);
  let words = [run];
  // An optional last letter: the word with and without it ("months?": month, months).
  if (next.startsWith("?") && run.length >= 2) {
    words = [run.slice(0, -1), run];
    next = next.slice(1);
  }
  const follows = next.length > 0 ? next : after;
  return WORD_END.test(follows) ? words : null;
}

/**
 * What may follow a leading word: a character that ends it, and that is not optional ("e-?face"
 * can match "eface", one word). A quantifier on the word's last letter fails this too.
 */
const WORD_END = /^(?: |\\s|\\b|\\?\/|\\?-)(?![?*{])/;

/** Index of the ")" that closes the group opening at `open`, or -1. */
function groupEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") i += escapeLength(s, i) - 1;
    else if (c === "[") i = classEnd(s, i);
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
    if (i < 0) return -1;
  }
  return -1;
}

/** The branches of a group's body, split at its own "|" (not those of inner groups or classes). */
function splitBranches(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") i += escapeLength(body, i) - 1;
    else if (c === "[") i = Math.max(classEnd(body, i), i);
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(body.slice(from, i));
      from = i + 1;
    }
  }
  out.push(body.slice(from));
  return out;
}

function hasTopLevelBar(s: string): boolean {
  return splitBranches(s).length > 1;
}

/** [A-Za-z0-9_]: a word character of a pattern's `\b` (without the u flag). */
function isPatternWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Names the note's irregular starts in its scratch space (one list a note, for every pattern). */
const IRREGULAR = {};

/**
 * Where, inside the note's irregular tokens, a pattern's word could start although no token
 * starts there: a token whose word is not its text lower-cased (joined across an apostrophe or a
 * soft line break: "patient's", "hypo-\nglossal") or that holds a character beyond ASCII ("éafter"
 * is one token, yet `\bafter` matches in it). Its own start and every place in it where a letter
 * or digit follows a character that is not one are listed. Few notes have many.
 */
function irregularStarts(doc: NoteDocument): number[] {
  let starts = doc.scratch.get(IRREGULAR) as number[] | undefined;
  if (starts) return starts;
  starts = [];
  const { text, tokens } = doc;
  // The tokenizer lists them as it goes (doc.irregular): no pass over every token here.
  for (const i of doc.irregular) {
    const t = tokens[i]!;
    starts.push(t.start);
    for (let q = t.start + 1; q < t.end; q++) {
      const c = text.charCodeAt(q);
      if (isPatternWordChar(c) && c !== 95 && !isPatternWordChar(text.charCodeAt(q - 1))) starts.push(q);
    }
  }
  doc.scratch.set(IRREGULAR, starts);
  return starts;
}

/**
 * Every offset where a pattern whose matches start with one of `words` could match, ascending:
 * the starts of the tokens that are one of the words, and the irregular places where the
 * lower-cased note holds one. Null when the note's lower-cased copy does not line up with it
 * (a character such as "İ" grew when lower-cased): the caller then scans the note.
 */
export function candidateStarts(doc: NoteDocument, words: readonly string[]): number[] | null {
  if (doc.lower.length !== doc.text.length) return null;
  const out: number[] = [];
  const index = doc.words;
  const { order, start } = index;
  const tokens = doc.tokens;
  for (const w of words) {
    const id = index.idOf(w);
    if (id === undefined) continue;
    for (let p = start[id]!; p < start[id + 1]!; p++) out.push(tokens[order[p]!]!.start);
  }
  for (const q of irregularStarts(doc)) {
    for (const w of words) {
      if (doc.lower.startsWith(w, q)) {
        out.push(q);
        break;
      }
    }
  }
  // One word's places are in order already; sorting allocates, checking does not.
  for (let i = 1; i < out.length; i++) if (out[i - 1]! > out[i]!) return out.sort((a, b) => a - b);
  return out;
}
