/**
 * Sections of a note, found from a lexicon of header titles (rules/common/sections.yaml). A header
 * is a line that starts with a known title followed by a colon or the line end ("PLAN:",
 * "Family history", "## Findings"). An ALL-CAPS line of its own that is not in the lexicon still
 * ends the previous section, so that a plan does not run on into whatever follows it.
 */
import type { ContextCategory } from "../types.js";
import { escapeRegExp } from "../matchers/regex-source.js";
import { hasLower, hasUpper, indentEnd, isAscii, isBlank, isLowerAt, isSurrogate, isUpperAt, textEnd, TwinRegExp } from "./chars.js";
import { detach, normalizeWord } from "./tokenize.js";

export interface SectionDef {
  name: string;
  category: string;
  /** Context every mention in the section has by default (family history → family). */
  context?: ContextCategory;
  /** The section corrects the text before it (an addendum). */
  supersedes?: boolean;
  /** The section is one paragraph: it ends at the first blank line after its text. */
  paragraph?: boolean;
}

export interface SectionLexicon {
  /** Normalised title ("family history") → definition. */
  titles: ReadonlyMap<string, SectionDef>;
  maxTitleWords: number;
  /**
   * Normalised words a dictated line may open with before its header, ended by a period
   * ("New paragraph. Description of procedure. After time out ..."): skipped when looking for one.
   */
  leadIns?: ReadonlySet<string>;
  /**
   * Normalised words that number a form's parts before their titles ("SECTION D - PRIOR
   * TREATMENT", "Part 2: Operative details"): the title after the number is looked up.
   */
  partLabels?: ReadonlySet<string>;
}

export interface Section {
  start: number;
  end: number;
  /** End of the header title: text after it is the section's content. */
  bodyStart: number;
  /** The title words as written ("FAMILY HISTORY" in "FAMILY HISTORY:"). */
  titleStart: number;
  titleEnd: number;
  name: string;
  category: string;
  context?: ContextCategory;
  /** The header had content on its own line. */
  inline?: boolean;
  supersedes?: boolean;
  paragraph?: boolean;
}

// "Interval events:" — a capitalised line of a few words ending in a colon.
// Not a line with a comma: "The final, correct account is:" introduces what follows.
export const COLON_TITLE = new TwinRegExp(
  String.raw`^[ \t]*\p{Lu}[^:\s,]*(?:[ \t]+[^:\s,]+){0,4}[ \t]*:[ \t]*$`,
  "u",
  /^[ \t]*[A-Z][^:\s,]*(?:[ \t]+[^:\s,]+){0,4}[ \t]*:[ \t]*$/,
);
const LIST_ITEM = /^[ \t]*(?:[-*•◦▪‣·●○■□☐☑☒✓✔+]|\d{1,3}[.)]|\(?[a-z]\))[ \t]/u;
export const FIELD = new TwinRegExp(
  String.raw`^[ \t]*[\p{L}][\p{L}\p{N} /&()'’-]{0,40}(?::|[ \t]*\.{3,})(?:\s|$)`,
  "u",
  /^[ \t]*[A-Za-z][A-Za-z0-9 /&()'-]{0,40}(?::|[ \t]*\.{3,})(?:\s|$)/,
);
export const WORDS = new TwinRegExp(String.raw`[\p{L}\p{N}]+(?:['’][\p{L}]+)*`, "gu", /[A-Za-z0-9]+(?:'[A-Za-z]+)*/g);

/** Title normal form shared by the lexicon and the note: words, lower case, single spaces. */
export function normalizeTitle(title: string, ascii = isAscii(title)): string {
  return (title.match(WORDS.pick(ascii)) ?? []).map(normalizeWord).join(" ");
}

// "Title:" or, in dictation, "Title." followed by the text.
const INLINE = /^([ \t]*(?:#{1,6}[ \t]+|\d{1,2}[.)][ \t]+)?)([^:.\n\r]{1,60}?)[ \t]*(?::|\.(?=[ \t]|$))/;
// A known title in capitals followed by a dash or a bracket and more ("ADDENDUM - [name], MD (next day)").
// A number after the title is the document's own counting: "PROCEDURE 2 — LEFT HYPOGLOSSAL-FACIAL".
export const PREFIXED = new TwinRegExp(
  String.raw`^([ \t]*(?:#{1,6}[ \t]+)?)([\p{L}][\p{L} /&'’-]{1,40}?)(?:[ \t]+#?\d{1,2})?[ \t]+[-–—(]`,
  "u",
  /^([ \t]*(?:#{1,6}[ \t]+)?)([A-Za-z][A-Za-z /&'-]{1,40}?)(?:[ \t]+#?\d{1,2})?[ \t]+[-–—(]/,
);
// A bracket after the title qualifies it and may be long: "1. PROGRAM SELECTION CRITERIA FOR
// XII-VII TRANSFER (department protocol, for reference)".
const WHOLE = /^([ \t]*(?:#{1,6}[ \t]+|\d{1,2}[.)][ \t]+)?)(.{1,60}?)([ \t]*\([^()\n]{1,80}\))?[ \t]*:?[ \t]*$/;

/** `ascii` is `isAscii(text)` when the caller knows it already (a scan of the whole note). */
export function findSections(text: string, lex: SectionLexicon, ascii = isAscii(text)): Section[] {
  const sections: Section[] = [];
  // The ASCII twins serve every line of an ASCII note: one check for the note, not one per line.
  const colonTitle = COLON_TITLE.pick(ascii);
  const field = FIELD.pick(ascii);
  let lineStart = 0;
  // Whether the open section is a title-only header with nothing under it yet.
  let awaitingBody = false;
  // Whether the open section's body has been list items only.
  let listOnly = false;
  let prevBlank = false; // the first line of a note is its title, not a section
  let prevOpen = false; // the line before (not blank, not a header) ends inside a sentence
  let prevLine = "";
  let inItem = false; // the line before is a list item, or an indented line that goes on with one
  while (lineStart < text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
    const prev = sections[sections.length - 1];
    const blank = isBlank(line);
    let header = !blank && mayBeHeader(line) ? matchHeader(line, lex, ascii) : null;
    // A dictated header ends its title with a period ("Plan. Review in clinic"); a line that only
    // looks like one continues the sentence of the line before ("... synkinesis, no" then
    // "recovery. Written informed consent taken.").
    if (header && prevOpen && line.charCodeAt(header.titleEnd - 1) === 46) header = null;
    // A banner: "=== A. SUMMARY OF PREVIOUS TREATMENT (from outside records) ===" heads a part.
    if (!header && !blank && isBannerStart(line)) header = matchBanner(line, lex, ascii);
    // A section that held only a list ("Diagnoses:" then "1. ...", "2. ...") ends where prose
    // resumes after a blank line: the letter that follows is not a diagnosis.
    if (!header && prev && prev.end === text.length && listOnly && prevBlank && !blank && !LIST_ITEM.test(line)) {
      prev.end = lineStart;
    }
    // A known title at the head of a paragraph, qualified after a dash, comma or bracket: "Surgery -
    // summary of Mr [redacted]'s operation note ([date])", "Relevant history (from the referral
    // letter, hospital notes and client report)".
    if (!header && prevBlank && !blank) header = matchQualified(line, lex, ascii);
    // A short Title-case line after a blank line ("Preoperative assessment"), or any short line
    // that ends with a colon ("Interval events:"), is a header the lexicon does not know: it ends
    // the section before it.
    // (COLON_TITLE and FIELD need a colon, or for FIELD a dotted leader: most lines have neither.)
    const colon = line.includes(":");
    if (!header && ((prevBlank && isTitleLine(withoutNumber(line))) || (colon && colonTitle.test(line)))) {
      header = { def: { name: line.trim(), category: "other" }, titleEnd: line.length, wordsStart: line.length - line.trimStart().length, wordsEnd: line.trimEnd().length };
    }
    // A divider line ("#####", "-----", "=====") between two parts of a document ends the section
    // before it: a post-operative course does not run on into the clinic letter after the rule.
    // Not a title's underline ("PROCEDURE" then "---------"): that section has no body yet.
    if (!header && prev && prev.end === text.length && !awaitingBody && isDivider(line)) prev.end = lineStart;
    // An unknown ALL-CAPS line right under a title-only header is its content ("FAMILY HISTORY:"
    // then "BELL'S PALSY"), not a new section; a numbered one is the outline's next item.
    if (header && header.def.category === "other" && awaitingBody && withoutNumber(line) === line) header = null;
    // A section opened by an inline header ("Family history: mother ...") ends at the next
    // "Field: value" line, whatever its field: templates put one topic per field.
    // (Not a line of prose that wraps the text: "include but are not limited to: bleeding, ...";
    // an export's lower-case key, "observation_months: 13", is a field.)
    // Nor a lower-case word and a colon that go on with a wrapped line of prose before them:
    // "... (House-Brackmann VI). Realistic goal" then "explained: good tone at rest ..." (after a
    // field's own line, "proc: ... op microscope" then "hx/indic: ...", it is the next field).
    if (
      !header &&
      prev?.inline &&
      prev.end === text.length &&
      (colon || line.includes("...")) &&
      field.test(line) &&
      !isWrappedProse(line) &&
      !(prevOpen && isLowerAt(line, indentEnd(line)) && !field.test(prevLine))
    ) {
      prev.end = lineStart;
    }
    // A one-paragraph section ("Procedure booked: L hypoglossal-facial nerve anastomosis") ends at
    // the blank line after its text: an event log under it is not the plan.
    if (blank && prev && prev.end === text.length && prev.paragraph && !awaitingBody) prev.end = lineStart;
    if (header) {
      if (prev && prev.end === text.length) prev.end = lineStart;
      const inline = header.titleEnd < line.length && line.slice(header.titleEnd).trim().length > 0;
      sections.push({
        start: lineStart,
        end: text.length,
        bodyStart: lineStart + header.titleEnd,
        titleStart: lineStart + header.wordsStart,
        titleEnd: lineStart + header.wordsEnd,
        inline,
        name: header.def.name,
        category: header.def.category,
        ...(header.def.context ? { context: header.def.context } : {}),
        ...(header.def.supersedes ? { supersedes: true } : {}),
        // A field on a list's item ("- PMHx: asthma. NKDA.") is that item: it ends with its paragraph.
        ...(header.def.paragraph || (inline && LIST_ITEM.test(line)) ? { paragraph: true } : {}),
      });
      awaitingBody = !inline;
      listOnly = !inline;
      inItem = false;
    } else if (!blank) {
      awaitingBody = false;
      // An indented line under an item goes on with it: "2. Left facial palsy, ... after surgery"
      // then "   ([redacted], facial nerve sacrificed)".
      if (LIST_ITEM.test(line)) inItem = true;
      else if (!(inItem && !prevBlank && indentEnd(line) > 0)) listOnly = inItem = false;
    }
    prevBlank = blank;
    // (An inline header's text can stop mid-sentence too: "Risk explained: ..., synkinesis, no".)
    if (!blank) prevOpen = (!header || sections[sections.length - 1]!.inline === true) && endsOpen(line);
    prevLine = line;
    lineStart = lineEnd + 1;
  }
  return sections;
}

/** The characters a divider line or a banner's rule is made of. */
const RULE_CHARS = "-=*#~_—─═"; // "-" first: it is a range inside the class below otherwise

/** Whether the line opens (after its indent) with two or more of one rule character. */
function isBannerStart(line: string): boolean {
  const a = indentEnd(line);
  const c = line[a];
  return c !== undefined && RULE_CHARS.includes(c) && line[a + 1] === c;
}

// The rule characters around a banner's title, and an outline's number or letter before it ("A.", "2)").
const BANNER = new RegExp(
  String.raw`^([ \t]*([${escapeRegExp(RULE_CHARS)}])\2+[ \t]*(?:(?:\d{1,2}|[A-Z])[.)][ \t]+)?)(.*?)[ \t]*(\2{2,}[ \t]*)?$`,
);

/**
 * A title between rule characters. A known title is that section (its bracket dropped as
 * elsewhere); any other title is a heading of its own (category "other") that ends the section
 * before it, when rule characters close it too or it is in capitals: "-- pt tolerated well" is a
 * list item, not a heading.
 */
function matchBanner(line: string, lex: SectionLexicon, ascii: boolean): HeaderMatch | null {
  const m = BANNER.exec(line);
  if (!m) return null;
  const inner = m[3]!;
  const lower = hasLower(inner);
  if (inner.length === 0 || inner.length > 80 || (!hasUpper(inner) && !lower)) return null;
  const at = m[1]!.length;
  const def = lookup(inner, lex, ascii) ?? lookup(inner.replace(/\s*[-–—:].*$/, ""), lex, ascii);
  if (!def && m[4] === undefined && lower) return null;
  return { def: def ?? { name: inner.trim(), category: "other" }, titleEnd: line.length, wordsStart: at, wordsEnd: at + inner.length };
}

// A title's words, then a dash, comma or bracket that qualifies it.
const QUALIFIED = new TwinRegExp(
  String.raw`^([ 	]*)(\p{L}[\p{L}'’-]*(?:[ 	]+\p{L}[\p{L}'’-]*){0,3})[ 	]*(?:[-–—(]|,[ 	])`,
  "u",
  /^([ 	]*)([A-Za-z][A-Za-z'-]*(?:[ 	]+[A-Za-z][A-Za-z'-]*){0,3})[ 	]*(?:[-–—(]|,[ 	])/,
);

/**
 * A paragraph's first line that is a known title and its qualifier (see findSections): it ends
 * with a closing bracket or has at most ten words, so that the first line of a paragraph of prose
 * ("Surgery, as planned, went ahead and she was") heads nothing.
 */
function matchQualified(line: string, lex: SectionLexicon, ascii: boolean): HeaderMatch | null {
  const end = textEnd(line);
  if (end === 0 || end > 120) return null;
  const last = line.charCodeAt(end - 1);
  if (last !== 41 && (last === 46 || last === 58 || last === 59 || last === 44 || wordsIn(line) > 10)) return null;
  const m = QUALIFIED.pick(ascii).exec(line);
  if (!m) return null;
  const def = lookup(m[2]!, lex, ascii);
  if (!def) return null;
  return { def, titleEnd: line.length, wordsStart: m[1]!.length, wordsEnd: m[1]!.length + m[2]!.length };
}

/** Words in a line (runs of characters between spaces). */
function wordsIn(line: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const space = line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Whether a line of prose stops mid-sentence: it ends with a lower-case letter or a comma. */
function endsOpen(line: string): boolean {
  const b = textEnd(line);
  if (b === 0) return false;
  const c = line.charCodeAt(b - 1);
  return c === 44 || (c >= 97 && c <= 122);
}

/** A line of one repeated rule character ("-----", "=====", "#####", "*****", "_____"), five or more. */
function isDivider(line: string): boolean {
  const a = indentEnd(line);
  const b = textEnd(line, a);
  if (b - a < 5 || !RULE_CHARS.includes(line[a]!)) return false;
  const c = line.charCodeAt(a);
  for (let i = a + 1; i < b; i++) if (line.charCodeAt(i) !== c) return false;
  return true;
}

/** A line that opens in lower case with words, not a key, before its colon. */
function isWrappedProse(line: string): boolean {
  const a = indentEnd(line);
  const c = line.charCodeAt(a);
  if (c < 97 || c > 122) return false;
  const colon = line.indexOf(":", a);
  let spaces = 0;
  for (let i = a; i < (colon < 0 ? line.length : colon); i++) if (line.charCodeAt(i) === 32) spaces++;
  return spaces >= 2;
}

/** /^\p{Lu}/u */
function startsUpper(t: string): boolean {
  return isSurrogate(t.charCodeAt(0)) ? /^\p{Lu}/u.test(t) : t.length > 0 && isUpperAt(t, 0);
}

// A numbered outline's number: "2.", "3)", "4.3", "2.1.1".
const OUTLINE_NUMBER = /^[ \t]*\d{1,2}(?:\.\d{1,2})*[.)]?[ \t]+/;

/** The line without an outline number before its words ("2. Pre-operative status"). */
function withoutNumber(line: string): string {
  const c = line.charCodeAt(indentEnd(line));
  if (c < 48 || c > 57) return line;
  const m = OUTLINE_NUMBER.exec(line);
  return m ? line.slice(m[0].length) : line;
}

function isTitleLine(line: string): boolean {
  const t = line.trim();
  if (t.length < 3 || t.length > 40 || !startsUpper(t) || /[.,;:?!)\]"']$/.test(t) || /[\d:]/.test(t)) return false;
  return t.split(/\s+/).length <= 5;
}

/**
 * Cheap screen before the header patterns (for a line that is not blank): a short line, a colon or
 * period early in the line, or a dash or bracket where PREFIXED's title (at most 40 characters)
 * could end ("ADDENDUM — [date], 2 days after surgery — by [redacted], MD (surgeon)").
 */
function mayBeHeader(line: string): boolean {
  if (line.length <= 64) return true;
  const colon = line.indexOf(":");
  const period = line.indexOf(".");
  if ((colon >= 0 && colon <= 72) || (period >= 0 && period <= 72)) return true;
  // PREFIXED takes a title in capitals only: two capitals open it ("ADDENDUM", "OP NOTE").
  const a = indentEnd(line);
  return a + 1 < line.length && isUpperAt(line, a) && isUpperAt(line, a + 1) && hasDashOrBracket(line, 56);
}

interface HeaderMatch {
  def: SectionDef;
  titleEnd: number;
  wordsStart: number;
  wordsEnd: number;
}

// A numbered line's number, which the header patterns may take as a prefix ("2) Plan:").
const NUMBER_PREFIX = /^[ \t]*\d{1,2}[.)][ \t]+/;

/**
 * For a line that is not blank. Most lines are prose: a header in the lexicon must start (after
 * an optional "#" or "2." prefix) with the first word of a known title, and a header outside it
 * is a line in capitals, so a line that has a lower-case letter and whose first word starts no
 * title is answered without the header patterns (the same answer: test/text/sections.test.ts).
 */
export function matchHeader(line: string, lex: SectionLexicon, ascii: boolean): HeaderMatch | null {
  if (!hasLower(line) || startsLikeTitle(line, lex, ascii)) return matchHeaderPatterns(line, lex, ascii);
  return null;
}

/**
 * Whether a title the patterns could cut from this line has a known first word. A title starts at
 * the line's start or after its prefix; what lookupExact checks is the first word in it, so the
 * line's first word, or for a numbered line the first word after the number.
 */
function startsLikeTitle(line: string, lex: SectionLexicon, ascii: boolean): boolean {
  const firsts = firstWords(lex);
  const word = FIRST_WORD.pick(ascii);
  const first = word.exec(line);
  if (first === null) return false;
  const w = normalizeWord(first[0]);
  if (firsts.has(w)) return true;
  // A dictated lead-in ("New paragraph. Plan: ...") ends with its period or colon soon after.
  if (leadInFirsts(lex).has(w) && stopWithin(line, indentEnd(line) + LEAD_IN_REACH)) return true;
  // A form's part label before its title ("Part 2: Operative details").
  if (lex.partLabels?.has(w)) return true;
  const numbered = NUMBER_PREFIX.exec(line);
  if (numbered === null) return false;
  const after = word.exec(line.slice(numbered[0].length));
  return after !== null && firsts.has(normalizeWord(after[0]));
}

const leadInFirstsOf = new WeakMap<SectionLexicon, Set<string>>();
/** How far after its indent a lead-in's period or colon may be (the longest lead-in is far shorter). */
const LEAD_IN_REACH = 40;

function leadInFirsts(lex: SectionLexicon): Set<string> {
  let firsts = leadInFirstsOf.get(lex);
  if (!firsts) {
    firsts = new Set([...(lex.leadIns ?? [])].map((t) => t.split(" ")[0]!));
    leadInFirstsOf.set(lex, firsts);
  }
  return firsts;
}

/** Whether a "." or ":" is in the line's first `n` characters. */
function stopWithin(line: string, n: number): boolean {
  const end = Math.min(n, line.length);
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 46 || c === 58) return true;
  }
  return false;
}

/** matchHeader without its screen (exported for the test that the screen changes nothing). */
export function matchHeaderPatterns(line: string, lex: SectionLexicon, ascii: boolean): HeaderMatch | null {
  // INLINE ends its title with ":" or ".", PREFIXED with a dash or a bracket: a line without one
  // cannot match it, and most lines are tried against both.
  const inline = line.includes(":") || line.includes(".") ? INLINE.exec(line) : null;
  if (inline) {
    const def = lookup(inline[2]!, lex, ascii);
    if (def) return { def, titleEnd: inline[0].length, wordsStart: inline[1]!.length, wordsEnd: inline[1]!.length + inline[2]!.length };
    const after = lex.leadIns?.has(normalizeTitle(inline[2]!, ascii)) ? afterLeadIn(line, inline[0].length, lex, ascii) : null;
    if (after) return after;
  }
  const prefixed = hasDashOrBracket(line) ? PREFIXED.pick(ascii).exec(line) : null;
  // Only in capitals: "ADDENDUM - Dr X" is a header, "Preop diagnosis - right palsy" is a line of text.
  if (prefixed && !hasLower(prefixed[2]!)) {
    const def = lookup(prefixed[2]!, lex, ascii);
    if (def) return { def, titleEnd: line.length, wordsStart: prefixed[1]!.length, wordsEnd: prefixed[1]!.length + prefixed[2]!.length };
  }
  const whole = mayBeWhole(line) ? WHOLE.exec(line) : null;
  if (whole) {
    // The title with its bracket, as far as 60 characters reach (a longer bracket is left out).
    const title = whole[3] && whole[2]!.length + whole[3].length <= 60 ? whole[2]! + whole[3] : whole[2]!;
    const def = lookup(title, lex, ascii);
    if (def) return { def, titleEnd: line.length, wordsStart: whole[1]!.length, wordsEnd: whole[1]!.length + title.length };
    // Cheapest first: most short lines have a lower-case letter.
    const isCapsHeader =
      hasUpper(title) && !hasLower(title) && !/[.,;]$/.test(title.trim()) && title.trim().split(/\s+/).length <= 6;
    if (isCapsHeader && !inline && title.length + (title === whole[2] && whole[3] ? whole[3].length : 0) <= 60) {
      return { def: { name: title.trim(), category: "other" }, titleEnd: line.length, wordsStart: whole[1]!.length, wordsEnd: whole[1]!.length + title.length };
    }
  }
  return null;
}

/**
 * An inline header after a dictated lead-in that ends at `from` ("New paragraph. Plan. ..."): the
 * rest of the line tried as a line of its own, its offsets moved back onto the whole line.
 */
function afterLeadIn(line: string, from: number, lex: SectionLexicon, ascii: boolean): HeaderMatch | null {
  const rest = line.slice(from);
  const m = INLINE.exec(rest);
  if (!m) return null;
  const def = lookup(m[2]!, lex, ascii);
  if (!def) return null;
  return { def, titleEnd: from + m[0].length, wordsStart: from + m[1]!.length, wordsEnd: from + m[1]!.length + m[2]!.length };
}

/** Whether the line (its first `limit` characters) holds one of PREFIXED's closing characters: - – — ( */
function hasDashOrBracket(line: string, limit = line.length): boolean {
  const n = Math.min(limit, line.length);
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 45 || c === 40 || c === 0x2013 || c === 0x2014) return true;
  }
  return false;
}

/**
 * Whether WHOLE can match: its title is at most 60 characters, so a longer line cannot be one,
 * except with the rare "##   Title" (spaces after the hashes are unbounded), which is left to it.
 * Most prose lines are long; trying the lazy title length on each of them was most of its cost.
 */
function mayBeWhole(line: string): boolean {
  const a = indentEnd(line);
  const b = textEnd(line, a);
  // "12.  " or a trailing ":" around 60; "#"; a closing bracket (up to 80 more, and its spaces).
  return b - a <= 60 + 5 || line.charCodeAt(a) === 35 || (b - a <= 60 + 5 + 85 && line.charCodeAt(b - 1) === 41) || (b - a <= 60 + 5 + 86 && line.charCodeAt(b - 2) === 41);
}

const firstWordsOf = new WeakMap<SectionLexicon, Set<string>>();
// A title's first word as the lexicon's normal form has it (WORDS): "Patient's" whole, not "Patient".
export const FIRST_WORD = new TwinRegExp(String.raw`[\p{L}\p{N}]+(?:['’][\p{L}]+)*`, "u", /[A-Za-z0-9]+(?:'[A-Za-z]+)*/);

function lookup(title: string, lex: SectionLexicon, ascii: boolean): SectionDef | undefined {
  // "Operative details (from the operation report)": the bracket qualifies the title.
  const bare = title.trimEnd().endsWith(")") ? title.replace(/\s*\([^()]*\)\s*$/, "") : title;
  const def = lookupExact(bare.length > 0 ? bare : title, lex, ascii);
  if (def) return def;
  const part = lex.partLabels ? PART.exec(bare) : null;
  if (part && lex.partLabels!.has(normalizeWord(part[1]!))) return lookupExact(part[2]!, lex, ascii);
  // Two titles joined by a slash or an ampersand ("HISTORY / INDICATIONS", "CONSENT / COUNSELLING"):
  // the first, when it is known ("TREATMENT / RECOVERY" is no recovery room).
  const first = SLASHED.exec(bare);
  if (first && first.index > 0) return lookupExact(bare.slice(0, first.index), lex, ascii);
  // A title and what it is for: "PROGRAM SELECTION CRITERIA FOR XII-VII TRANSFER".
  const forAt = FOR.exec(bare);
  return forAt && forAt.index > 0 ? lookupExact(bare.slice(0, forAt.index), lex, ascii) : undefined;
}

const FOR = /[ \t]+for[ \t]/i;

const SLASHED = /[ \t]*[\/&][ \t]*/;

// A part's label, its number or letter, and the title after it: "SECTION D - PRIOR TREATMENT",
// "Part 2: Operative details", "Section IV. Plan", "Section 3.1 - Procedure".
// In brackets too: "[SECTION F] PLAN".
const PART = /^[ \t]*\[?([A-Za-z]+)[ \t]+(?:[A-Za-z]|\d{1,2}(?:\.\d{1,2})*|[IVXivx]{1,4})\]?[ \t]*(?:[-–—:.)][ \t]*|[ \t])(\S.*)$/;

/** The first words of the lexicon's titles. */
function firstWords(lex: SectionLexicon): Set<string> {
  let firsts = firstWordsOf.get(lex);
  if (!firsts) {
    firsts = new Set([...lex.titles.keys()].map((t) => t.split(" ")[0]!));
    firstWordsOf.set(lex, firsts);
  }
  return firsts;
}

/**
 * lookupExact's answers per lexicon, by title as written: a batch's notes repeat their headers
 * ("Procedure", "Hx", "Plan"), and normalising a title word by word was a third of finding
 * sections. Bounded, and keyed by copies (a title cut from a note would keep the note alive).
 */
const known = new WeakMap<SectionLexicon, Map<string, SectionDef | null>>();
const KNOWN_LIMIT = 10_000;

function lookupExact(title: string, lex: SectionLexicon, ascii: boolean): SectionDef | undefined {
  let answers = known.get(lex);
  if (!answers) known.set(lex, (answers = new Map()));
  let def = answers.get(title);
  if (def === undefined) {
    def = lookupUncached(title, lex, ascii) ?? null;
    if (answers.size >= KNOWN_LIMIT) answers.clear();
    answers.set(detach(title), def);
  }
  return def ?? undefined;
}

function lookupUncached(title: string, lex: SectionLexicon, ascii: boolean): SectionDef | undefined {
  // Screen on the first word: most lines do not start like any title.
  const first = FIRST_WORD.pick(ascii).exec(title);
  if (!first || !firstWords(lex).has(normalizeWord(first[0]))) return undefined;
  // A title has few words: count spaces before normalising anything.
  let words = 1;
  for (let i = 0; i < title.length; i++) if (title.charCodeAt(i) === 32 && ++words > lex.maxTitleWords + 2) return undefined;
  const norm = normalizeTitle(title, ascii);
  if (norm.length === 0 || wordCount(norm) > lex.maxTitleWords) return undefined;
  return lex.titles.get(norm);
}

/** Words in a normalised title (single spaces between them). */
function wordCount(norm: string): number {
  let n = 1;
  for (let i = norm.indexOf(" "); i >= 0; i = norm.indexOf(" ", i + 1)) n++;
  return n;
}

/** The section holding an offset, or undefined before the first header. */
export function sectionAt(sections: readonly Section[], offset: number): Section | undefined {
  let lo = 0;
  let hi = sections.length - 1;
  let found: Section | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const s = sections[mid]!;
    if (s.start <= offset) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset < found.end ? found : undefined;
}
