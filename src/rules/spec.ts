/** The rule-pack format after validation: plain data, as the README documents it. */
import type { ContextCategory, Severity } from "../types.js";

export const MATCHER_KEYS = ["keyword", "stem", "fuzzy", "regex", "near"] as const;
export const GROUP_KEYS = ["any", "all"] as const;
export type MatcherKey = (typeof MATCHER_KEYS)[number];

export interface SectionScope {
  include?: string[];
  exclude?: string[];
}

export interface NodeSpec {
  name?: string;
  keyword?: string[];
  stem?: string[];
  fuzzy?: string[];
  regex?: string[];
  /** A value in a table's column whose header matches (see matchers/cell.ts). */
  cell?: { header: string[]; value: string[] };
  near?: NodeSpec[];
  any?: NodeSpec[];
  all?: NodeSpec[];
  /** fuzzy: edits allowed per word; words shorter than min_length never fuzz. */
  max_edits?: number;
  min_length?: number;
  /** keyword: compare letter case too (for abbreviations such as "PT"). */
  match_case?: boolean;
  /** near: maximum tokens between the parts. */
  within?: number;
  /** near: the parts must come in the order written ("no ... improvement", not "improvement ... no"). */
  ordered?: boolean;
  /** A mention counts only with an affirmed mention of this nearby (same sentence, or `window`). */
  with?: NodeSpec;
  /** A mention is ignored when an affirmed mention of this is nearby. */
  unless?: NodeSpec;
  /** Reason reported for mentions ignored by `unless` / missing `with`. */
  reason?: string;
  /** How many sentences `with`/`unless` look at: 1 is the mention's own sentence. */
  window?: number | "note";
  disqualify?: ContextCategory[];
  sections?: SectionScope;
}

export interface SuggestSpec {
  when: NodeSpec;
  message: string;
}

export interface OnlyAfterLastSpec {
  when: NodeSpec;
  opens_section?: boolean;
  /**
   * Section categories that, coming right after the marker's section, show it is no record: a
   * consent form opens with the operation's name too ("Procedure: ..." then "Intended benefits").
   */
  not_followed_by?: string[];
  reason: string;
}

export interface RuleSpec {
  id: string;
  title: string;
  severity: Severity;
  message: string;
  disqualify?: ContextCategory[];
  sections?: SectionScope;
  check: NodeSpec;
  /**
   * Mentions before the last affirmed mention of `when` do not count (with `opens_section`, only a
   * mention in its section's first sentence counts as one): a file that holds an earlier
   * operation's record before this operation's tells that operation's course first; a cause
   * proposed before "cause remains undetermined" is not the note's last word.
   */
  only_after_last?: OnlyAfterLastSpec;
  /** Mentions in a sentence that names only the other side than the note's are not its (see SidesSpec). */
  other_side?: boolean;
  suggest?: SuggestSpec[];
  link?: string;
  metadata?: Record<string, unknown>;
}

/**
 * The sides of the body, for rules that set `other_side`. The note's side is the one its words
 * name beside the condition (`affected` within `within` words: "left facial palsy", "HB VI on the
 * right"), when one side is named so at least three times as often as the other; a sentence that
 * names only the other side then speaks of it ("right superficial parotidectomy in 2012 ... no
 * facial weakness afterwards"), and a rule's mentions there are ignored with `reason`.
 */
export interface SidesSpec {
  left: NodeSpec;
  right: NodeSpec;
  affected: NodeSpec;
  within?: number;
  reason: string;
}

export interface PackSpec {
  code: string;
  title: string;
  description?: string;
  /** Named term lists; a list entry "@name" expands to the list. */
  terms?: Record<string, string[]>;
  /** Paths (relative to the pack) of the lexicons; default: the built-in rules/common files. */
  context?: string;
  sections?: string;
  text?: string;
  sides?: SidesSpec;
  rules: RuleSpec[];
}

export const DEFAULT_DISQUALIFY: ContextCategory[] = ["negated", "possible", "hypothetical", "family"];
