/**
 * A note prepared once for every rule: tokens, a token index, sentences, sections, line index and
 * (lazily) each sentence's context triggers. Matchers look terms up in the index instead of
 * rescanning the note once per term.
 */
import type { ContextLexicon, ContextTrigger } from "../context/lexicon.js";
import { analyzeSentence, type TriggerHit } from "../context/engine.js";
import { findAnswers, type Answer } from "../context/answers.js";
import { passesScreen, voidedSpans, type Span } from "../context/errors.js";
import { hasLower, hasUpper, isAscii } from "./chars.js";
import { LineIndex } from "./lines.js";
import { WordIndex } from "./words.js";
import { findSections, sectionAt, type Section, type SectionLexicon } from "./sections.js";
import { splitSentences, type Sentence } from "./sentences.js";
import { lowerCase, tokenize, type Token } from "./tokenize.js";
import { vocabulary } from "./vocabulary.js";
import { nowMs, TimeBudgetExceeded } from "../time-budget.js";
import { readSpoken, saysSignalOften, type SpokenPunctuation } from "./spoken.js";

/** checkTime reads the clock on one call in this many. */
const CLOCK_EVERY = 8;

export interface TextLexicons {
  sections: SectionLexicon;
  context: ContextLexicon;
  abbreviations: ReadonlySet<string>;
  /** How a raw transcript's spoken punctuation reads (text.yaml); absent: never. */
  spoken?: SpokenPunctuation;
}


export class NoteDocument {
  /**
   * The text every pass lays out and matches: the note itself, or for a raw transcript a copy of
   * the same length with its spoken punctuation written as marks (see spoken.ts). Offsets are the
   * same in both; what a report quotes, and its line numbers, come from `source`.
   */
  readonly text: string;
  readonly tokens: Token[];
  /** The text lower-cased (for literal pre-checks); the same length as `text` for nearly every note. */
  readonly lower: string;
  /** Whether the text is all ASCII (checked once: the layout passes and matchers ask). */
  readonly ascii: boolean;
  /**
   * Indices of the tokens that are not simply their text lower-cased (joined across an apostrophe
   * or a soft line break, or holding a character beyond ASCII), ascending; see tokenize.
   */
  readonly irregular: number[] = [];
  readonly sentences: Sentence[];
  readonly sections: Section[];
  /** Sentence index of each token. */
  readonly sentenceOf: Int32Array;
  private _words?: WordIndex;
  /** The vocabulary generation the tokens were numbered in (-1: not numbered). */
  private readonly generation: number;
  private _triggerWords?: { wordOf: Int32Array; triggers: (ContextTrigger[] | null)[] };
  private _lines?: LineIndex;
  private _mixedCase?: boolean;
  private _hasAddendum?: boolean;
  private _answers?: Answer[];
  private _voided?: Span[];
  private readonly hitCache = new Map<number, TriggerHit[]>();
  /** When the time budget runs out (monotonic milliseconds), and how long it was. */
  private deadline = Infinity;
  private budgetMs = 0;
  /** Calls of checkTime so far: the clock is read on every CLOCK_EVERY-th (see checkTime). */
  private clockCalls = 0;
  /** Per-note scratch space for matchers (stem and fuzzy indexes), keyed by matcher. */
  readonly scratch = new Map<object, unknown>();

  constructor(
    /** The note as decoded. */
    readonly source: string,
    readonly lex: TextLexicons,
  ) {
    let text = source;
    let lower = lowerCase(source);
    vocabulary.beginNote();
    this.generation = vocabulary.hashing ? vocabulary.generation : -1;
    let tokens = tokenize(text, lower, this.irregular);
    // A raw transcript (rare) is laid out again from its spoken punctuation read as marks; its
    // signal word is looked for among the words, not by another search of the note.
    if (lex.spoken && saysSignalOften(tokens, lex.spoken, this.generation >= 0)) {
      const laidOut = readSpoken(source, lower, lex.spoken);
      if (laidOut !== source) {
        text = laidOut;
        lower = lowerCase(laidOut);
        this.irregular.length = 0;
        tokens = tokenize(text, lower, this.irregular);
      }
    }
    this.text = text;
    this.lower = lower;
    this.tokens = tokens;
    this.ascii = isAscii(text);
    this.sentences = splitSentences(text, { abbreviations: lex.abbreviations, ascii: this.ascii });
    this.sections = findSections(text, lex.sections, this.ascii);
    this.sentenceOf = new Int32Array(this.tokens.length);
    let s = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i]!;
      while (s < this.sentences.length - 1 && this.sentences[s]!.end <= t.start) s++;
      this.sentenceOf[i] = s;
    }
  }

  /** Gives the check `budgetMs` milliseconds from `started` (default now; see checkTime). */
  startBudget(budgetMs: number, started = nowMs()): void {
    this.budgetMs = budgetMs;
    this.deadline = started + budgetMs;
  }

  /**
   * Called between matchers: throws TimeBudgetExceeded once the budget is used up. A method and a
   * field, not a closure made per note: a per-note closure that reads the clock, called from the
   * rule evaluator, kept 3-4 MB of young objects alive at every scavenge (--trace-gc-nvp), which
   * cost about a third of a batch's time in copying and promotion.
   */
  checkTime(): void {
    // The clock is read on the first call and every CLOCK_EVERY-th after it: a check calls this
    // ~150 times, and each read is a call into Node.js (~4 µs before V8 optimises it, most of a
    // millisecond of a one-note run). Between reads lie a few matchers' worth of work.
    if (this.clockCalls++ % CLOCK_EVERY !== 0) return;
    if (this.deadline !== Infinity && nowMs() > this.deadline) throw new TimeBudgetExceeded(this.budgetMs);
  }

  /** The note's distinct words and their positions, built on first use. */
  get words(): WordIndex {
    return (this._words ??= new WordIndex(this.tokens, this.generation));
  }

  /** Whether the note uses both cases; a single-case note carries no case information. */
  get mixedCase(): boolean {
    return (this._mixedCase ??= hasUpper(this.text) && hasLower(this.text));
  }

  /** Whether a section of the note corrects what came before it (`supersedes`: an addendum). */
  get hasAddendum(): boolean {
    return (this._hasAddendum ??= this.sections.some((s) => s.supersedes === true));
  }

  get lines(): LineIndex {
    return (this._lines ??= new LineIndex(this.source));
  }

  /** Token range [from, to) of a sentence. */
  sentenceTokens(s: number): [number, number] {
    const sent = this.sentences[s]!;
    let from = this.firstTokenOf(s);
    let to = from;
    while (to < this.tokens.length && this.tokens[to]!.start < sent.end) to++;
    return [from, to];
  }

  private firstTokenOf(s: number): number {
    const sent = this.sentences[s];
    if (!sent) return this.tokens.length;
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tokens[mid]!.start < sent.start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The context triggers that start with each distinct word of the note (see analyzeSentence). */
  private triggerWords(): { wordOf: Int32Array; triggers: (ContextTrigger[] | null)[] } {
    if (!this._triggerWords) {
      const index = this.words;
      const { words, wordOf } = index;
      const facts = this.lex.context.firstTokenFacts;
      const triggers = new Array<ContextTrigger[] | null>(words.length);
      for (let w = 0; w < words.length; w++) triggers[w] = facts.of(index, w);
      this._triggerWords = { wordOf, triggers };
    }
    return this._triggerWords;
  }

  triggers(s: number): TriggerHit[] {
    let hits = this.hitCache.get(s);
    if (!hits) {
      const [from, to] = this.sentenceTokens(s);
      const sent = this.sentences[s]!;
      hits = analyzeSentence(this.lex.context, this.text, this.tokens, from, to, sent.start, sent.end, this.triggerWords());
      this.hitCache.set(s, hits);
    }
    return hits;
  }

  /** Spans the note says were entered in error, in text order (see context/errors.ts); found once. */
  voided(): readonly Span[] {
    const e = this.lex.context.enteredInError;
    return (this._voided ??= e && passesScreen(e, (words) => this.hasPhrase(words)) ? voidedSpans(this.text, e) : []);
  }

  /** Whether the note has these normal forms as consecutive words. */
  hasPhrase(words: readonly string[]): boolean {
    const first = words[0];
    if (first === undefined) return false;
    // Every word at all first (one lookup each), before the first word's places are walked.
    const index = this.words;
    for (let k = 0; k < words.length; k++) if (index.idOf(words[k]!) === undefined) return false;
    const at = index.positions(first);
    if (!at) return false;
    const toks = this.tokens;
    for (const p of at) {
      let k = 1;
      while (k < words.length && p + k < toks.length && toks[p + k]!.norm === words[k]) k++;
      if (k === words.length) return true;
    }
    return false;
  }

  /** Whether a character offset lies in text the note says was entered in error. */
  isVoided(at: number): boolean {
    const spans = this.voided();
    for (let i = 0; i < spans.length; i++) if (at >= spans[i]!.start && at < spans[i]!.end) return true;
    return false;
  }

  /** A form's answers in the note, in text order (see context/answers.ts); found once. */
  answers(): readonly Answer[] {
    const la = this.lex.context.lineAnswers;
    return (this._answers ??= la ? findAnswers(this.text, la) : []);
  }

  sectionAt(offset: number): Section | undefined {
    return sectionAt(this.sections, offset);
  }
}
