/**
 * Rule evaluation: every matcher mention is placed in its sentence and section, judged by the
 * context engine, and kept as evidence only when affirmed; everything else is reported as ignored
 * with its reason and trigger, so each decision can be explained from the report.
 */
import { triggersFor } from "./context/engine.js";
import { answerAfter } from "./context/answers.js";
import { tablesOf } from "./matchers/cell.js";
import { byStart, clauseSides, LEFT, noteSide, otherThan, RIGHT, type SideWord } from "./context/sides.js";
import { columnHeaderAt, rowLabelAt, type Table } from "./text/tables.js";
import { mentionsOf, type Mention } from "./matchers/types.js";
import type { CompiledNode, CompiledRule, CompiledSides } from "./rules/compile.js";
import type { NoteDocument } from "./text/document.js";
import { detach, tokenAt } from "./text/tokenize.js";
import type { ContextAssessment, ContextCategory, Evidence, IgnoredMention, RuleResult } from "./types.js";

/** Evidence listed per part: enough to prove it, few enough to read. */
const MAX_EVIDENCE_PER_PART = 3;
const MAX_IGNORED_PER_PART = 5;

interface Judged {
  context: ContextAssessment;
  section: string | null;
  sectionCategory: string | null;
}

interface NodeOutcome {
  ok: boolean;
  evidence: Evidence[];
  ignored: IgnoredMention[];
  missing: string[];
}

const JUDGED = {}; // scratch key: context per span, shared by every rule that matched it
const JUDGED_WITH_PARTS = {}; // scratch key: the same for spans with parts (near matches)
const JUDGED_MENTIONS = {}; // scratch key: context per mention object with parts (see judge)

type Part = { start: number; end: number };

function sameParts(a: readonly Part[], b: readonly Part[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.start !== b[i]!.start || a[i]!.end !== b[i]!.end) return false;
  return true;
}

function scratchMap<K, V>(doc: NoteDocument, key: object): Map<K, V> {
  let map = doc.scratch.get(key) as Map<K, V> | undefined;
  if (!map) doc.scratch.set(key, (map = new Map()));
  return map;
}

/** Context of a span: sentence triggers plus the section's default context. */
export function judge(doc: NoteDocument, m: Mention): Judged {
  // A number where it is exact (start × (length + 1) + end stays below 2^53): cheaper to hash.
  const size = doc.text.length + 1;
  const key = size > 2 ** 26 ? `${m.start}:${m.end}` : m.start * size + m.end;
  const parts = m.parts;
  if (!parts) {
    const cache = scratchMap<string | number, Judged>(doc, JUDGED);
    let j = cache.get(key);
    if (!j) {
      j = judgeUncached(doc, m);
      cache.set(key, j);
    }
    return j;
  }
  // A near match: the mention object itself, judged again by each rule that shares its matcher,
  // first; then any mention with the same span and the same parts.
  const byMention = scratchMap<Mention, Judged>(doc, JUDGED_MENTIONS);
  let j = byMention.get(m);
  if (j) return j;
  const withParts = scratchMap<string | number, { parts: readonly Part[]; judged: Judged }[]>(doc, JUDGED_WITH_PARTS);
  let same = withParts.get(key);
  if (!same) withParts.set(key, (same = []));
  j = same.find((e) => sameParts(e.parts, parts))?.judged;
  if (!j) {
    j = judgeUncached(doc, m);
    same.push({ parts, judged: j });
  }
  byMention.set(m, j);
  return j;
}

function judgeUncached(doc: NoteDocument, m: Mention): Judged {
  const sec = doc.sectionAt(m.start);
  const ctx: ContextAssessment = {
    negated: false,
    possible: false,
    hypothetical: false,
    historical: false,
    family: false,
    triggers: [],
    section: sec?.name ?? null,
  };
  if (m.from < doc.tokens.length) {
    const s = doc.sentenceOf[m.from]!;
    const hits = triggersFor(doc.triggers(s), m.from, Math.max(m.to, m.from + 1), m);
    for (const h of hits) {
      if (h.trigger.category) ctx[h.trigger.category] = true;
      ctx.triggers.push({ text: doc.source.slice(h.start, h.end), category: h.trigger.category!, start: h.start, end: h.end });
    }
  }
  // A table row's label qualifies its values: "| Target after reinnervation | HB III |", "|
  // Procedure planned | Left hypoglossal-facial nerve anastomosis |". Its cell is a sentence of its
  // own (see sentences.ts), so the triggers in it are read here.
  const tables = m.from < doc.tokens.length ? tablesOf(doc) : NO_TABLES;
  const label = tables.length > 0 ? rowLabelAt(tables, m.start) : undefined;
  if (label && label.end > label.start) {
    const first = tokenAt(doc.tokens, label.start);
    if (first < doc.tokens.length && doc.tokens[first]!.start < label.end) {
      for (const h of doc.triggers(doc.sentenceOf[first]!)) {
        const c = h.trigger.category;
        if (c === null || h.start < label.start || h.end > label.end) continue;
        if (h.trigger.direction !== "forward" && h.trigger.direction !== "bidirectional") continue;
        if (!ctx[c]) {
          ctx[c] = true;
          ctx.triggers.push({ text: doc.source.slice(h.start, h.end), category: c, start: h.start, end: h.end });
        }
      }
    }
  }
  // A form's answer after the mention on its line: "Do you drool?   ☐ Yes   ☒ No".
  if (!ctx.negated) {
    const a = answerAfter(doc.text, doc.answers(), m.end);
    if (a?.negative) {
      ctx.negated = true;
      ctx.triggers.push({ text: doc.source.slice(a.start, a.end), category: "negated", start: a.start, end: a.end });
    }
  }
  if (sec?.context && !ctx[sec.context]) {
    ctx[sec.context] = true;
    // The header as written, so that the trigger quotes the note like every other trigger.
    ctx.triggers.push({ text: doc.source.slice(sec.titleStart, sec.titleEnd), category: "section", start: sec.titleStart, end: sec.titleEnd });
  }
  return { context: ctx, section: sec?.name ?? null, sectionCategory: sec?.category ?? null };
}

/*
 * Report objects are built field by field in one order (the JSON report's), with the optional
 * fields added only when present: spreading conditional objects made each one a slow,
 * differently shaped object, and building them was a large share of evaluation time. Quoted
 * words are detached copies: a substring would keep its whole note alive as long as the report.
 */
function evidenceAt(doc: NoteDocument, m: Mention, section: string | null, part: string | undefined): Evidence {
  const { line, column } = doc.lines.position(m.start);
  const e: Evidence = { text: detach(doc.source.slice(m.start, m.end)), line, column, start: m.start, end: m.end, section: section && detach(section) };
  if (part !== undefined) e.part = part;
  return e;
}

function ignoredAt(
  doc: NoteDocument,
  m: Mention,
  reason: string,
  trigger: string | undefined,
  section: string | null,
  part: string | undefined,
): IgnoredMention {
  const { line, column } = doc.lines.position(m.start);
  const text = detach(doc.source.slice(m.start, m.end));
  const sec = section && detach(section);
  // In the report's key order (trigger before section), so that formatting need not reorder.
  const i: IgnoredMention =
    trigger !== undefined
      ? { text, line, column, start: m.start, end: m.end, reason, trigger: detach(trigger), section: sec }
      : { text, line, column, start: m.start, end: m.end, reason, section: sec };
  if (part !== undefined) i.part = part;
  return i;
}

/** A copy of an ignored mention for one part of a rule. */
function ignoredFor(i: IgnoredMention, part: string | undefined): IgnoredMention {
  const c: IgnoredMention =
    i.trigger !== undefined
      ? { text: i.text, line: i.line, column: i.column, start: i.start, end: i.end, reason: i.reason, trigger: i.trigger, section: i.section }
      : { text: i.text, line: i.line, column: i.column, start: i.start, end: i.end, reason: i.reason, section: i.section };
  const p = part ?? i.part;
  if (p !== undefined) c.part = p;
  return c;
}

/** The order in which a disqualifying context is named when a mention has several. */
const DISQUALIFYING: readonly ContextCategory[] = ["negated", "family", "hypothetical", "possible", "historical"];

/** `ctx[c]`, read by name: one keyed read of five names was a megamorphic lookup on every mention. */
function inContext(ctx: ContextAssessment, c: ContextCategory): boolean {
  switch (c) {
    case "negated":
      return ctx.negated;
    case "family":
      return ctx.family;
    case "hypothetical":
      return ctx.hypothetical;
    case "possible":
      return ctx.possible;
    case "historical":
      return ctx.historical;
  }
}

function disqualifiedBy(j: Judged, node: CompiledNode): { reason: string; trigger?: string } | null {
  const { sectionCategory } = j;
  if (node.sections) {
    const include = node.sections.include;
    if (include && (sectionCategory === null || !include.has(sectionCategory))) {
      return { reason: "section", ...(j.section ? { trigger: j.section } : {}) };
    }
    if (node.sections.exclude && sectionCategory !== null && node.sections.exclude.has(sectionCategory)) {
      return { reason: "section", trigger: j.section! };
    }
  }
  for (const c of DISQUALIFYING) {
    if (inContext(j.context, c) && node.disqualify.has(c)) {
      const t = j.context.triggers.find((t) => t.category === c) ?? j.context.triggers.find((t) => t.category === "section");
      return { reason: c, ...(t ? { trigger: t.text } : {}) };
    }
  }
  return null;
}

interface Affirmed {
  mention: Mention;
  section: string | null;
}

const NO_TABLES: readonly Table[] = [];

const ENTERED_IN_ERROR = "disowned by the note (entered in error, or another patient's or encounter's)";

/** Affirmed mentions of a node's matcher (leaf only), with the ignored ones. */
export type LeafCache = Map<CompiledNode, { ok: Affirmed[]; ignored: IgnoredMention[]; complete: boolean }>;

/**
 * Judged mentions of a leaf. `all` is needed when the mentions serve as qualifiers; otherwise the
 * scan stops once enough evidence is found (a rule that passes needs no more), which saves
 * judging every "left" and "right" of a long note. A `qualifier` leaf's negations in an addendum
 * withdraw nothing (only what a rule finds as evidence can be corrected).
 */
function leafMentions(doc: NoteDocument, node: CompiledNode, cache: LeafCache, all = true, qualifier = false) {
  let r = cache.get(node);
  if (r && (r.complete || !all)) return r;
  const ok: Affirmed[] = [];
  const ignored: IgnoredMention[] = [];
  const retractions: { sectionStart: number; title: string; words: Set<string>; denial: boolean }[] = [];
  doc.checkTime();
  let complete = true;
  // With an addendum in the note, every mention counts: the addendum may withdraw them.
  const scanAll = all || doc.hasAddendum;
  for (const m of mentionsOf(doc, node.matcher!)) {
    if (!scanAll && ok.length >= MAX_EVIDENCE_PER_PART) {
      complete = false;
      break;
    }
    if (doc.isVoided(m.start)) {
      if (ignored.length < MAX_IGNORED_PER_PART) ignored.push(ignoredAt(doc, m, ENTERED_IN_ERROR, undefined, doc.sectionAt(m.start)?.name ?? null, undefined));
      continue;
    }
    const j = judge(doc, m);
    const dq = disqualifiedBy(j, node);
    // A qualifier's negation withdraws nothing: "should read HB VI, not HB V" corrects a grade,
    // not the cause whose "paralysis" qualifier sits beside it.
    if (dq?.reason === "negated" && !qualifier) {
      const sec = doc.sectionAt(m.start);
      if (sec?.supersedes) {
        // A denial ("no steroids or physiotherapy have been given", "he has never had") states what
        // was not done; a negation after its words ("were inspected under loupes and were intact")
        // states a finding.
        const denial = j.context.triggers.some((t) => t.category === "negated" && t.end <= m.start);
        retractions.push({ sectionStart: sec.start, title: doc.source.slice(sec.titleStart, sec.titleEnd), words: wordsOf(doc, m), denial });
      }
    }
    if (!dq) ok.push({ mention: m, section: j.section });
    else if (ignored.length < MAX_IGNORED_PER_PART) {
      ignored.push(ignoredAt(doc, m, dq.reason, dq.trigger || undefined, j.section, undefined));
    }
  }
  // An addendum that negates this part withdraws what the note affirmed before it, and with it
  // the whole sentence that said so (other parts of the rule may have matched it too).
  const withdrawn = withdrawnSentences(cache);
  if ((retractions.length > 0 || withdrawn.size > 0) && ok.length > 0) {
    const keep: Affirmed[] = [];
    for (const a of ok) {
      // What the addendum denies corrects what the note said of this part before it ("for the
      // current paralysis no steroids or physiotherapy have been given" withdraws "corticosteroids"
      // and "physical therapy"); a finding it negates corrects only the same thing: "the repairs
      // were inspected under loupes and were intact" withdraws no "operating microscope".
      const by = retractions.find((r) => r.sectionStart > a.mention.start && (r.denial || sharesWord(doc, a.mention, r.words)));
      const sentence = sentenceIndex(doc, a.mention);
      if (by) withdrawn.add(sentence);
      if (!by && !withdrawn.has(sentence)) keep.push(a);
      else if (ignored.length < MAX_IGNORED_PER_PART) {
        ignored.push(ignoredAt(doc, a.mention, "withdrawn by a later correction", by ? by.title : undefined, a.section, undefined));
      }
    }
    ok.length = 0;
    ok.push(...keep);
  }
  r = { ok, ignored, complete };
  cache.set(node, r);
  return r;
}

/**
 * Sentences an addendum has withdrawn, for the rules judged with one leaf cache. A correction
 * withdraws what it corrects for the rule that found it: with an addendum in the note, every rule
 * gets a cache of its own (see checkText), so that no rule sees another's withdrawals and the
 * order rules are judged in cannot matter. Without one, nothing is ever withdrawn and the rules
 * share a cache.
 */
const WITHDRAWN = new WeakMap<LeafCache, Set<number>>();

function withdrawnSentences(cache: LeafCache): Set<number> {
  let set = WITHDRAWN.get(cache);
  if (!set) WITHDRAWN.set(cache, (set = new Set()));
  return set;
}

/** The normal forms of a mention's words. */
function wordsOf(doc: NoteDocument, m: Mention): Set<string> {
  const words = new Set<string>();
  for (let t = m.from; t < m.to && t < doc.tokens.length; t++) words.add(doc.tokens[t]!.norm);
  return words;
}

function sharesWord(doc: NoteDocument, m: Mention, words: ReadonlySet<string>): boolean {
  for (let t = m.from; t < m.to && t < doc.tokens.length; t++) if (words.has(doc.tokens[t]!.norm)) return true;
  return false;
}

function sentenceIndex(doc: NoteDocument, m: Mention): number {
  return m.from < doc.tokens.length ? doc.sentenceOf[m.from]! : doc.sentences.length - 1;
}

/** Affirmed mentions of any node (leaf or group), flattened; used for `with` / `unless`. */
function affirmed(doc: NoteDocument, node: CompiledNode, cache: LeafCache): Affirmed[] {
  if (node.matcher) return leafMentions(doc, node, cache, true, true).ok;
  return (node.any ?? node.all ?? []).flatMap((c) => affirmed(doc, c, cache));
}

/**
 * Where the last affirmed mention of `after.when` starts (with `opensSection`, the last one in its
 * section's first sentence), when it can matter: a note that names its operation at the top (most
 * notes) has no such mention after the first affirmed one of the leaf, and then its mentions are
 * not judged at all. The same for every leaf of a rule: worked out once (`markers`).
 */
function lastMarker(doc: NoteDocument, after: NonNullable<CompiledNode["after"]>, ok: Affirmed[], cache: LeafCache): number {
  let firstEnd = Infinity;
  for (const a of ok) if (a.mention.end < firstEnd) firstEnd = a.mention.end;
  let known = markers.get(cache);
  if (!known) markers.set(cache, (known = new Map()));
  let m = known.get(after);
  if (!m) {
    const when = after.when;
    m = { raw: when.matcher ? lastOf(doc, mentionsOf(doc, when.matcher), after.opensSection, after.notFollowedBy) : Infinity, affirmed: undefined };
    known.set(after, m);
  }
  if (m.raw < firstEnd) return -1;
  return (m.affirmed ??= lastOf(doc, affirmed(doc, after.when, cache).map((a) => a.mention), after.opensSection, after.notFollowedBy));
}

/**
 * Per leaf cache (a note's, or with an addendum a rule's: see withdrawnSentences), per
 * `only_after_last`: where its last raw and last affirmed mentions start (see lastMarker).
 */
const markers = new WeakMap<LeafCache, Map<object, { raw: number; affirmed: number | undefined }>>();

/**
 * Where the last of the mentions starts, or -1; with `opening`, the last that opens a section (in
 * the section's first sentence: "Procedure: Right hypoglossal-facial nerve anastomosis"). A record
 * is opened by its name; the same words later in a narrative ("neurorrhaphy of hypoglossal to
 * facial trunk") open nothing.
 */
function lastOf(doc: NoteDocument, list: readonly Mention[], opening: boolean, notFollowedBy: ReadonlySet<string> = NO_CATEGORIES): number {
  let last = -1;
  for (const m of list) {
    if (m.start <= last) continue;
    if (opening) {
      const sec = doc.sectionAt(m.start);
      if (!sec || m.from >= doc.tokens.length) continue;
      const first = doc.sentenceOf[tokenAt(doc.tokens, sec.bodyStart)] ?? -1;
      if (doc.sentenceOf[m.from] !== first) continue;
      // A consent form opens with the operation's name too: its next section is the consent's.
      if (notFollowedBy.size > 0) {
        const next = doc.sections[doc.sections.indexOf(sec) + 1];
        if (next && next.start === sec.end && notFollowedBy.has(next.category)) continue;
      }
    }
    last = m.start;
  }
  return last;
}

interface SideInfo {
  /** LEFT, RIGHT, or 0 when the note names no side clearly, or never both. */
  side: number;
  /** The side words as written, in text order, with their side. */
  words: SideWord[];
}

/**
 * The note's side and its side words (context/sides.ts), once per leaf cache. A note that never
 * names both sides has no clause of the other side: nothing more is worked out for it.
 */
function sideInfo(doc: NoteDocument, side: CompiledSides, cache: LeafCache): SideInfo {
  let known = sideInfos.get(cache);
  if (!known) sideInfos.set(cache, (known = new Map()));
  let info = known.get(side);
  if (info) return info;
  const left = byStart(rawMentions(doc, side.left));
  const right = byStart(rawMentions(doc, side.right));
  info = { side: 0, words: [] };
  known.set(side, info);
  if (left.length === 0 || right.length === 0) return info;
  const affected = affirmed(doc, side.affected, cache).map((a) => a.mention);
  info.side = noteSide(left, right, affected, side.within, doc.sentenceOf);
  if (info.side === 0) return info;
  for (const m of left) info.words.push({ start: m.start, side: LEFT });
  for (const m of right) info.words.push({ start: m.start, side: RIGHT });
  info.words.sort((a, b) => a.start - b.start);
  return info;
}

const sideInfos = new WeakMap<LeafCache, Map<CompiledSides, SideInfo>>();

/** Whether a mention's clause (context/sides.ts) names only the other side than the note's. */
function onOtherSide(doc: NoteDocument, side: CompiledSides, m: Mention, cache: LeafCache): boolean {
  const info = sideInfo(doc, side, cache);
  if (info.side === 0) return false;
  const sentence = doc.sentences[sentenceIndex(doc, m)];
  if (!sentence) return false;
  return clauseSides(doc.text, sentence, m, info.words, columnHeaderAt(tablesOf(doc), m.end - 1)) === otherThan(info.side);
}

/** The affirmed mentions that are not said of the other side (all of them without `side`). */
function ownSide(doc: NoteDocument, side: CompiledSides | undefined, list: Affirmed[], cache: LeafCache): Affirmed[] {
  if (!side || sideInfo(doc, side, cache).side === 0) return list;
  return list.filter((a) => !onOtherSide(doc, side, a.mention, cache));
}

/** Every mention of a node's matchers, as written (no context, no sections). */
function rawMentions(doc: NoteDocument, node: CompiledNode, out: Mention[] = []): Mention[] {
  if (node.matcher) {
    for (const m of mentionsOf(doc, node.matcher)) out.push(m);
    return out;
  }
  for (const c of node.any ?? node.all ?? []) rawMentions(doc, c, out);
  return out;
}

const NO_CATEGORIES: ReadonlySet<string> = new Set();

/** The first affirmed mention of each sentence: where `with` / `unless` qualifiers are looked up. */
function bySentence(doc: NoteDocument, list: Affirmed[]): Map<number, Affirmed> {
  const map = new Map<number, Affirmed>();
  for (const b of list) {
    const t = rowUnit(doc, sentenceIndex(doc, b.mention));
    if (!map.has(t)) map.set(t, b);
  }
  return map;
}

/**
 * A table row's cells are sentences of their own (see sentences.ts), but a row says one thing:
 * "| Prednisone 60 mg | POD 1 | 10 days | complete | no change in facial function |". For the
 * windows of `with` and `unless`, every sentence of a row counts as the row's last.
 */
function rowUnit(doc: NoteDocument, s: number): number {
  let units = ROW_UNITS.get(doc);
  if (!units) ROW_UNITS.set(doc, (units = rowUnits(doc)));
  return units === NO_ROWS ? s : (units[s] ?? s);
}

const ROW_UNITS = new WeakMap<NoteDocument, Int32Array>();
const NO_ROWS = new Int32Array(0);

function rowUnits(doc: NoteDocument): Int32Array {
  const tables = tablesOf(doc);
  if (tables.length === 0) return NO_ROWS;
  const units = new Int32Array(doc.sentences.length);
  for (let i = 0; i < units.length; i++) units[i] = i;
  for (const t of tables) {
    for (const row of t.rows) {
      if (row.length === 0) continue;
      const first = sentenceAt(doc, row[0]!.start);
      const last = sentenceAt(doc, Math.max(row[0]!.start, row[row.length - 1]!.end - 1));
      for (let i = first; i <= last && i < units.length; i++) units[i] = last;
    }
  }
  return units;
}

/** The index of the sentence that holds a character offset. */
function sentenceAt(doc: NoteDocument, at: number): number {
  const t = tokenAt(doc.tokens, at);
  return t < doc.tokens.length ? doc.sentenceOf[t]! : doc.sentences.length - 1;
}

/** A qualifier counts in the mention's sentence or the next window - 1 sentences. */
function qualifierNear(doc: NoteDocument, node: CompiledNode, a: Mention, map: Map<number, Affirmed>): Affirmed | undefined {
  if (node.window === Infinity) return map.values().next().value;
  const s = sentenceIndex(doc, a);
  for (let t = s; t < s + node.window; t++) {
    const hit = map.get(rowUnit(doc, t));
    if (hit) return hit;
  }
  return undefined;
}

const NOTHING: readonly string[] = [];

function evalLeaf(doc: NoteDocument, node: CompiledNode, cache: LeafCache): NodeOutcome {
  const name = node.name;
  let found = leafMentions(doc, node, cache, node.with !== undefined || node.unless !== undefined);
  const before = node.after && found.ok.length > 0 ? lastMarker(doc, node.after, found.ok, cache) : -1;
  // The scan stopped at enough evidence, all of it before a later record of the operation: what
  // comes after that record must be looked at too (a note that repeats its record, say).
  if (before >= 0 && !found.complete && found.ok.every((a) => a.mention.end <= before)) found = leafMentions(doc, node, cache, true);
  // The same when everything it stopped at was said of the other side.
  const side = node.side;
  if (side && !found.complete && found.ok.length > 0 && found.ok.every((a) => onOtherSide(doc, side, a.mention, cache))) found = leafMentions(doc, node, cache, true);
  const { ok, ignored } = found;
  const evidence: Evidence[] = [];
  const ign: IgnoredMention[] = [];
  for (let i = 0; i < ignored.length && i < MAX_IGNORED_PER_PART; i++) ign.push(ignoredFor(ignored[i]!, name));
  // Qualifiers matter only to affirmed mentions. Judging them can also withdraw sentences, but only
  // in a note with an addendum: there they are judged whatever the leaf found, as ever.
  const qualify = ok.length > 0 || doc.hasAddendum;
  const unless = node.unless && qualify ? bySentence(doc, affirmed(doc, node.unless, cache)) : undefined;
  // A qualifier said of the other side qualifies nothing on this one: "it did not recover
  // completely and he has mild left synkinesis" is not the right eye drops' failure.
  const withs = node.with && qualify ? bySentence(doc, ownSide(doc, side, affirmed(doc, node.with, cache), cache)) : undefined;
  for (const a of ok) {
    if (a.mention.end <= before) {
      if (ign.length < MAX_IGNORED_PER_PART) ign.push(ignoredAt(doc, a.mention, node.after!.reason, undefined, a.section, name));
      continue;
    }
    if (node.side && onOtherSide(doc, node.side, a.mention, cache)) {
      if (ign.length < MAX_IGNORED_PER_PART) ign.push(ignoredAt(doc, a.mention, node.side.reason, undefined, a.section, name));
      continue;
    }
    if (unless) {
      const u = qualifierNear(doc, node, a.mention, unless);
      if (u) {
        if (ign.length < MAX_IGNORED_PER_PART) {
          ign.push(ignoredAt(doc, a.mention, node.reason ?? "excluded", doc.source.slice(u.mention.start, u.mention.end), a.section, name));
        }
        continue;
      }
    }
    if (withs) {
      const w = qualifierNear(doc, node, a.mention, withs);
      if (!w) {
        if (ign.length < MAX_IGNORED_PER_PART) ign.push(ignoredAt(doc, a.mention, node.reason ?? "unqualified", undefined, a.section, name));
        continue;
      }
      if (evidence.length < MAX_EVIDENCE_PER_PART) {
        evidence.push(evidenceAt(doc, a.mention, a.section, name));
        if (w.mention.start !== a.mention.start) evidence.push(evidenceAt(doc, w.mention, w.section, name));
      }
      continue;
    }
    if (evidence.length < MAX_EVIDENCE_PER_PART) evidence.push(evidenceAt(doc, a.mention, a.section, name));
    else break;
  }
  const okNode = evidence.length > 0;
  return { ok: okNode, evidence, ignored: ign, missing: okNode || !name ? (NOTHING as string[]) : [name] };
}

function evalNode(doc: NoteDocument, node: CompiledNode, cache: LeafCache): NodeOutcome {
  if (node.matcher) return evalLeaf(doc, node, cache);
  const isAll = node.all !== undefined;
  const evidence: Evidence[] = [];
  const ignored: IgnoredMention[] = [];
  let missing: string[] = [];
  let ok = isAll;
  for (const c of node.any ?? node.all ?? []) {
    const child = evalNode(doc, c, cache);
    if (child.ok) {
      for (const e of child.evidence) evidence.push(e);
      if (!isAll) ok = true;
    } else {
      if (isAll) ok = false;
      if (isAll && child.missing.length > 0) missing = missing.concat(child.missing);
    }
    for (const i of child.ignored) ignored.push(i);
  }
  if (ok) missing = [];
  else if (!isAll) missing = node.name ? [node.name] : [];
  // Evidence objects are this evaluation's own: name the part in place.
  if (node.name) for (const e of evidence) e.part ??= node.name;
  return { ok, evidence, ignored, missing };
}

export function evaluateRule(doc: NoteDocument, rule: CompiledRule, cache: LeafCache = new Map()): RuleResult {
  const withdrawn = withdrawnSentences(cache).size;
  let out = evalNode(doc, rule.check, cache);
  if (withdrawnSentences(cache).size > withdrawn) {
    // An addendum withdrew sentences while this rule was judged: judge it again without them.
    cache.clear();
    markers.delete(cache);
    sideInfos.delete(cache);
    out = evalNode(doc, rule.check, cache);
  }
  const evidence = dedupeSpans(out.evidence);
  const ignored = dedupeSpans(out.ignored);
  // Built in the report's key order (message and missing before the evidence).
  if (out.ok) return { id: rule.id, title: rule.title, severity: rule.severity, status: "pass", evidence, ignored };
  let message = rule.message;
  for (const s of rule.suggest) {
    if (evalNode(doc, s.when, cache).ok) message += ` ${s.message}`;
  }
  return out.missing.length > 0
    ? { id: rule.id, title: rule.title, severity: rule.severity, status: "fail", message, missing: [...new Set(out.missing)], evidence, ignored }
    : { id: rule.id, title: rule.title, severity: rule.severity, status: "fail", message, evidence, ignored };
}

/**
 * The first of each (start, end, part), ordered by start (stable). Lists are short (a few
 * evidence items per part): comparing with what is kept beats building a string key per item.
 */
function dedupeSpans<T extends { start: number; end: number; part?: string }>(list: T[]): T[] {
  if (list.length < 2) return list;
  const kept: T[] = [];
  next: for (const e of list) {
    for (const k of kept) if (k.start === e.start && k.end === e.end && (k.part ?? "") === (e.part ?? "")) continue next;
    kept.push(e);
  }
  // Usually in order already; sorting allocates, checking does not.
  for (let i = 1; i < kept.length; i++) if (kept[i - 1]!.start > kept[i]!.start) return kept.sort((a, b) => a.start - b.start);
  return kept;
}
