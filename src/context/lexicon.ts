/**
 * The ConText trigger lexicon (rules/common/context.yaml), compiled once per pack: literal
 * triggers become token sequences indexed by their first token, so finding the triggers of a
 * sentence costs one map lookup per token.
 */
import type { ContextCategory } from "../types.js";
import { termWords } from "../text/tokenize.js";
import { regexFlags } from "../matchers/regex.js";
import { alternation, escapeRegExp } from "../matchers/regex-source.js";
import { WordFacts } from "../text/vocabulary.js";
import { compileLineAnswers, type LineAnswers, type LineAnswersSpec } from "./answers.js";
import { compileEnteredInError, type EnteredInError, type EnteredInErrorSpec } from "./errors.js";

export type Direction = "forward" | "backward" | "bidirectional" | "terminate" | "pseudo";
export const DIRECTIONS: readonly Direction[] = ["forward", "backward", "bidirectional", "terminate", "pseudo"];

export interface ContextTrigger {
  /** The literal as written in the lexicon, or the pattern source. */
  literal: string;
  tokens: string[];
  category: ContextCategory | null;
  direction: Direction;
  maxScope: number;
  /** For terminate triggers: the categories whose scope they end (all when undefined). */
  terminates?: ReadonlySet<ContextCategory>;
  /** For terminate triggers: which scopes they end, forward or backward (both when undefined). */
  stops?: "forward" | "backward";
  /**
   * A forward scope cut short by `maxScope` in the middle of a list reaches on to the list's last
   * item (see `through_lists` in rules/common/context.yaml).
   */
  throughLists: boolean;
  /**
   * For terminate triggers: whether one right after a trigger, with no word between, ends its scope
   * (false for the colon: "Denies: fever"; true for ";": "speech normal; eye closure improved").
   */
  endsAdjacent: boolean;
  /**
   * `max_scope: sentence`: the scope reaches the sentence's end, and only a terminator that ends
   * every category ("but", ";") ends it sooner: "Policy requires documentation that conservative
   * management has been tried and has failed, or that an observation period has shown no recovery".
   */
  toSentenceEnd: boolean;
  /**
   * For terminate triggers: a closing bracket, which ends the scope of a trigger inside its aside
   * ("(s/p stent 2015) presents with chest pressure") but not of one before the aside opened
   * ("Goal of surgery (counselled): House-Brackmann III").
   */
  closesAside: boolean;
  /** For pattern triggers (see PatternTrigger); null for literals. */
  pattern?: RegExp | null;
  screen?: number;
}

export interface PatternTrigger extends ContextTrigger {
  pattern: RegExp;
  /** Index into `ContextLexicon.screens` of the screen that covers it, or -1 (always tried). */
  screen: number;
}

export interface ContextLexicon {
  byFirstToken: ReadonlyMap<string, ContextTrigger[]>;
  /** `byFirstToken` by word number (see vocabulary.ts): a note's words are looked up once per process. */
  firstTokenFacts: WordFacts<ContextTrigger[] | null>;
  patterns: readonly PatternTrigger[];
  /**
   * One pattern per flag set, the alternation of the lexicon's patterns with those flags: it
   * finds a match in a sentence whenever one of them would, so a sentence it finds nothing in
   * runs none of them (one regular expression instead of fifteen).
   */
  screens: readonly RegExp[];
  /** Category → categories whose triggers end its scope (a "conflicting" trigger). */
  terminatedBy: ReadonlyMap<ContextCategory, ReadonlySet<ContextCategory>>;
  /** Normal forms of the words that join a list's last item ("or", "nor"): see `throughLists`. */
  listCoordinators: ReadonlySet<string>;
  /** A form's answers on the line of its item (see answers.ts); null when the lexicon has none. */
  lineAnswers: LineAnswers | null;
  /** A note's own statements that text in it was entered in error (see errors.ts); null: none. */
  enteredInError: EnteredInError | null;
}

export interface TriggerGroupSpec {
  category?: ContextCategory;
  direction: Direction;
  literals?: string[];
  patterns?: string[];
  max_scope?: number | "sentence";
  terminates?: ContextCategory[];
  stops?: "forward" | "backward";
  through_lists?: boolean;
  ends_adjacent?: boolean;
  closes_aside?: boolean;
}

export interface ContextLexiconSpec {
  max_scope?: number;
  list_coordinators?: string[];
  terminated_by?: Partial<Record<ContextCategory, ContextCategory[]>>;
  line_answers?: LineAnswersSpec;
  entered_in_error?: EnteredInErrorSpec;
  triggers: TriggerGroupSpec[];
}

const isScoped = (d: Direction) => d === "forward" || d === "backward" || d === "bidirectional";

export function compileContextLexicon(spec: ContextLexiconSpec): ContextLexicon {
  const defaultScope = spec.max_scope ?? 8;
  const byFirstToken = new Map<string, ContextTrigger[]>();
  const patterns: PatternTrigger[] = [];
  // "words category" → the trigger already listed for them (a lexicon lists a few thousand).
  const listed = new Map<string, ContextTrigger>();
  for (const group of spec.triggers) {
    const base = {
      category: group.category ?? null,
      direction: group.direction,
      maxScope: group.max_scope === "sentence" ? Number.POSITIVE_INFINITY : (group.max_scope ?? defaultScope),
      terminates: group.terminates ? new Set(group.terminates) : undefined,
      stops: group.stops,
      throughLists: group.through_lists === true,
      endsAdjacent: group.ends_adjacent !== false,
      toSentenceEnd: group.max_scope === "sentence",
      closesAside: group.closes_aside === true,
    };
    for (const literal of group.literals ?? []) {
      const tokens = termWords(literal);
      if (tokens.length === 0) {
        // Punctuation (";", "?") has no words to match: it becomes a pattern.
        patterns.push(makeTrigger(literal, [], base, new RegExp(escapeRegExp(literal), "g")) as PatternTrigger);
        continue;
      }
      const key = `${tokens.join(" ")} ${base.category}`;
      const same = listed.get(key);
      if (same) {
        // Listed in two directions ("declined" before and after): it reaches both ways.
        if (same.direction !== base.direction && isScoped(same.direction) && isScoped(base.direction)) {
          same.direction = "bidirectional";
          same.maxScope = Math.max(same.maxScope, base.maxScope);
        }
        continue;
      }
      const trigger = makeTrigger(literal, tokens, base, null);
      listed.set(key, trigger);
      const list = byFirstToken.get(tokens[0]!);
      if (list) list.push(trigger);
      else byFirstToken.set(tokens[0]!, [trigger]);
    }
    for (const source of group.patterns ?? []) {
      patterns.push(makeTrigger(source, [], base, new RegExp(source, regexFlags(source))) as PatternTrigger);
    }
  }
  // Longest match wins: try longer literals first.
  for (const list of byFirstToken.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  const terminatedBy = new Map<ContextCategory, ReadonlySet<ContextCategory>>();
  for (const [cat, others] of Object.entries(spec.terminated_by ?? {})) {
    terminatedBy.set(cat as ContextCategory, new Set(others ?? []));
  }
  const firstTokenFacts = new WordFacts((w) => byFirstToken.get(w) ?? null);
  const listCoordinators = new Set((spec.list_coordinators ?? []).flatMap((w) => termWords(w)));
  const lineAnswers = spec.line_answers ? compileLineAnswers(spec.line_answers) : null;
  const enteredInError = spec.entered_in_error ? compileEnteredInError(spec.entered_in_error) : null;
  return { byFirstToken, firstTokenFacts, patterns, screens: screenPatterns(patterns), terminatedBy, listCoordinators, lineAnswers, enteredInError };
}

/**
 * Every trigger, literal or pattern, with or without `terminates` and `stops`, is one object shape
 * (the same keys in the same order): the context engine reads them at sites that V8 optimises, and
 * a trigger of a shape it had not seen there threw that code away ("wrong map") and had it
 * compiled again, in every batch worker.
 */
function makeTrigger(
  literal: string,
  tokens: string[],
  base: Pick<ContextTrigger, "category" | "direction" | "maxScope" | "terminates" | "stops" | "throughLists" | "endsAdjacent" | "toSentenceEnd" | "closesAside">,
  pattern: RegExp | null,
): ContextTrigger {
  return {
    literal,
    tokens,
    category: base.category,
    direction: base.direction,
    maxScope: base.maxScope,
    terminates: base.terminates,
    stops: base.stops,
    throughLists: base.throughLists,
    endsAdjacent: base.endsAdjacent,
    toSentenceEnd: base.toSentenceEnd,
    closesAside: base.closesAside,
    pattern,
    screen: -1,
  };
}

/**
 * A pattern whose meaning would change inside a larger alternation: a backreference (the groups
 * are numbered anew) or a named group (two patterns may name the same group). Conservative: an
 * escaped backslash before a digit counts too; such a pattern is simply always tried.
 */
const UNSCREENABLE = /\\[1-9]|\\k<|\(\?<(?![=!])/;

/** A pattern that is one punctuation mark, escaped or not. */
const SINGLE_MARK = /^\\?[^\w\s\\]$/;

/** Only ASCII characters other than letters: such a pattern means the same with the i flag. */
const NO_ASCII_LETTER = /^[\x00-\x40\x5b-\x60\x7b-\x7f]*$/;

/**
 * Group the patterns by their flags and build each group's screen, `(?:p1)|(?:p2)|…` with the
 * same flags (without `g`, so that testing keeps no position). An alternation matches at a place
 * wherever one of its branches does, so when the screen finds nothing, no member can.
 */
export function screenPatterns(patterns: PatternTrigger[]): RegExp[] {
  const groups = new Map<string, PatternTrigger[]>();
  for (const p of patterns) {
    if (UNSCREENABLE.test(p.pattern.source)) continue;
    let flags = p.pattern.flags.replace("g", "");
    // A pattern of ASCII characters other than letters (";", "\\?") means the same with or without
    // "i": it joins the case-insensitive screen instead of making a second screen to test every
    // sentence with. (Beyond ASCII, symbols such as "ⓐ" have cases.)
    if (flags === "" && NO_ASCII_LETTER.test(p.pattern.source)) flags = "i";
    // One punctuation mark (";", ":", "\\)") is in most sentences: in the shared screen it would
    // make every pattern run on them. The marks share a screen of their own instead.
    const key = SINGLE_MARK.test(p.pattern.source) ? `${flags} mark` : flags;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const screens: RegExp[] = [];
  for (const [key, members] of groups) {
    const flags = key.split(" ")[0]!;
    if (screens.length === 31) break; // a sentence's screen results are the bits of one number
    let screen: RegExp;
    try {
      screen = new RegExp(alternation(members.map((p) => p.pattern.source)), flags);
    } catch {
      continue; // its members are tried one by one, as without a screen
    }
    for (const p of members) p.screen = screens.length;
    screens.push(screen);
  }
  return screens;
}
