/**
 * Text a note itself declares entered in error: "the following paragraph was entered on this chart
 * in error ... belongs to a different patient", "The quoted paragraph above pertains to another
 * patient", "The second paragraph of the HPI (beginning "House-Brackmann VI on the left" and ending
 * "... without motor units") was carried forward in error", "The "Condition" and "Complications"
 * statements above were ... signed in error. They are retracted". Such text documents nothing.
 * The patterns are the lexicon's (`entered_in_error` in rules/common/context.yaml): `signals` find
 * a statement (the paragraph it is in), and the first of `quoted`, `fields`, `following` and
 * `preceding` that it matches says which text it voids.
 */
import { regexFlags } from "../matchers/regex.js";
import { alternation } from "../matchers/regex-source.js";
import { termWords } from "../text/tokenize.js";

export interface EnteredInErrorSpec {
  /** Words every statement has one of (lower case): a note with none of them is not searched. */
  screen?: string[];
  signals: string[];
  /** Two groups: the voided text's first and last words, quoted. */
  quoted?: string;
  /** What follows quoted field names ("Condition"): the lines before the statement that open with them. */
  fields?: string;
  following?: string[];
  preceding?: string[];
}

export interface EnteredInError {
  /** The screen's entries as words: a note must have every word of one of them. */
  screen: readonly (readonly string[])[];
  signal: RegExp;
  quoted: RegExp | null;
  fields: RegExp | null;
  following: RegExp | null;
  preceding: RegExp | null;
}

const one = (p: string): RegExp => new RegExp(p, regexFlags(p).replace("g", ""));
const either = (list: readonly string[] | undefined): RegExp | null => (list && list.length > 0 ? one(alternation(list)) : null);

export function compileEnteredInError(spec: EnteredInErrorSpec): EnteredInError {
  return {
    screen: (spec.screen ?? []).map((w) => termWords(w)).filter((w) => w.length > 0),
    signal: new RegExp(alternation(spec.signals), regexFlags(spec.signals.join(""))),
    quoted: spec.quoted ? one(spec.quoted) : null,
    fields: spec.fields ? one(spec.fields) : null,
    following: either(spec.following),
    preceding: either(spec.preceding),
  };
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Whether a note may hold a statement: it has one of the screen's entries as consecutive words
 * (`has` answers for a phrase's words, from the note's word index). The signals' patterns are
 * tried at every word of a note; its words are looked up at once.
 */
export function passesScreen(lex: EnteredInError, has: (words: readonly string[]) => boolean): boolean {
  return lex.screen.length === 0 || lex.screen.some(has);
}

/** The spans of a text that it says were entered in error, in text order. */
export function voidedSpans(text: string, lex: EnteredInError): Span[] {
  const out: Span[] = [];
  const re = lex.signal;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    // The statement is the signal's line; one statement a line.
    const line = lineAt(text, m.index);
    re.lastIndex = Math.max(re.lastIndex, line.end);
    const span = referent(text, line, text.slice(line.start, line.end), lex);
    if (span && span.end > span.start) out.push(span);
    // What the statement quotes of the text is void too: 'referring to "right translabyrinthine
    // resection of a 2.5 cm acoustic neuroma", was carried forward in error'.
    const para = paragraphAt(text, line.start);
    QUOTED.lastIndex = para.start;
    let q: RegExpExecArray | null;
    while ((q = QUOTED.exec(text)) !== null && q.index < line.end) out.push({ start: q.index, end: q.index + q[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A quotation of at most 200 characters, straight or curly quotes, wrapped onto two lines at most. */
const QUOTED = /"[^"\n]{1,200}(?:\r?\n[^"\n]{1,200})?"|“[^”\n]{1,200}(?:\r?\n[^”\n]{1,200})?”/g;

function referent(text: string, line: Span, statement: string, lex: EnteredInError): Span | null {
  const q = lex.quoted?.exec(statement);
  if (q && q[1] && q[2]) {
    const from = text.lastIndexOf(q[1], line.start);
    if (from < 0) return null;
    const to = text.indexOf(q[2], from);
    if (to < 0 || to >= line.start) return null;
    return { start: from, end: to + q[2].length };
  }
  const f = lex.fields?.exec(statement);
  if (f) {
    // The names quoted on the line before the match ("The "Condition" and "Complications" statements above").
    const names = [...statement.slice(0, f.index + 1).matchAll(/"([^"\n]{1,40})"/g)].map((x) => x[1]!.toLowerCase());
    let start = -1;
    let end = -1;
    for (let at = 0; at < line.start; ) {
      const l = lineAt(text, at);
      const words = text.slice(l.start, l.end).trimStart().toLowerCase();
      if (names.some((n) => words.startsWith(`${n}:`))) {
        if (start < 0) start = l.start;
        end = l.end;
      }
      at = l.end + 1;
    }
    return start >= 0 ? { start, end } : null;
  }
  const para = paragraphAt(text, line.start);
  if (lex.following?.test(statement)) {
    // The rest of the statement's paragraph, or the next paragraph when the statement ends its own.
    if (para.end > line.end) return { start: line.end + 1, end: para.end };
    let next = line.end + 1;
    while (next < text.length && isBlankLine(text, next)) next = lineAt(text, next).end + 1;
    return next < text.length ? paragraphAt(text, next) : null;
  }
  if (lex.preceding?.test(statement)) {
    // The lines before the statement in its paragraph, or the paragraph before it.
    if (line.start > para.start) return { start: para.start, end: line.start - 1 };
    let prev = para.start - 1;
    while (prev > 0 && isBlankLine(text, lineAt(text, prev - 1).start)) prev = lineAt(text, prev - 1).start - 1;
    return prev > 0 ? paragraphAt(text, prev - 1) : null;
  }
  return null;
}

/** The line that holds `at`, without its line break. */
function lineAt(text: string, at: number): Span {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  let end = text.indexOf("\n", at);
  if (end < 0) end = text.length;
  return { start, end: text.charCodeAt(end - 1) === 13 ? end - 1 : end };
}

/** The paragraph (lines between blank lines) that holds `at`. */
function paragraphAt(text: string, at: number): Span {
  let start = text.lastIndexOf("\n", at - 1) + 1;
  while (start > 0) {
    const prevStart = text.lastIndexOf("\n", start - 2) + 1;
    if (isBlankLine(text, prevStart)) break;
    start = prevStart;
  }
  let end = text.indexOf("\n", at);
  if (end < 0) return { start, end: text.length };
  while (end + 1 < text.length && !isBlankLine(text, end + 1)) {
    const next = text.indexOf("\n", end + 1);
    if (next < 0) return { start, end: text.length };
    end = next;
  }
  return { start, end };
}

/** Whether the line that starts at `at` holds only spaces. */
function isBlankLine(text: string, at: number): boolean {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
