/** Turns validated pack data into matchers, once per pack (never per note). */
import { compileContextLexicon, type ContextLexiconSpec } from "../context/lexicon.js";
import { FuzzyMatcher } from "../matchers/fuzzy.js";
import { KeywordMatcher, KeywordTable } from "../matchers/keyword.js";
import { NearMatcher } from "../matchers/near.js";
import { UnionMatcher } from "../matchers/union.js";
import { RegexMatcher } from "../matchers/regex.js";
import { TableCellMatcher } from "../matchers/cell.js";
import { StemMatcher, StemVocabulary } from "../matchers/stem.js";
import type { Matcher } from "../matchers/types.js";
import type { TextLexicons } from "../text/document.js";
import { normalizeTitle, type SectionDef } from "../text/sections.js";
import { compileSpoken, type SpokenPunctuationSpec } from "../text/spoken.js";
import type { ContextCategory, Severity } from "../types.js";
import { DEFAULT_DISQUALIFY, type NodeSpec, type PackSpec, type SectionScope } from "./spec.js";

export interface CompiledNode {
  name?: string;
  matcher?: Matcher;
  any?: CompiledNode[];
  all?: CompiledNode[];
  with?: CompiledNode;
  unless?: CompiledNode;
  reason?: string;
  /** Sentences that `with`/`unless` look at; Infinity for the whole note. */
  window: number;
  /** The rule's `only_after_last`, on each of its check's leaves (see OnlyAfterLastSpec). */
  after?: { when: CompiledNode; opensSection: boolean; notFollowedBy: ReadonlySet<string>; reason: string };
  /** The pack's sides, on each leaf of a rule that sets `other_side` (see SidesSpec). */
  side?: CompiledSides;
  disqualify: ReadonlySet<ContextCategory>;
  sections?: { include?: ReadonlySet<string>; exclude?: ReadonlySet<string> };
}

export interface CompiledSides {
  left: CompiledNode;
  right: CompiledNode;
  affected: CompiledNode;
  within: number;
  reason: string;
}

export interface CompiledRule {
  id: string;
  title: string;
  severity: Severity;
  message: string;
  check: CompiledNode;
  suggest: { when: CompiledNode; message: string }[];
  link?: string;
}

export interface RulePack {
  code: string;
  title: string;
  description?: string;
  rules: CompiledRule[];
  lexicons: TextLexicons;
  /** Where the pack was loaded from (for messages). */
  source: string;
}

export interface SectionLexiconSpec {
  sections: { name: string; category: string; context?: ContextCategory; supersedes?: boolean; paragraph?: boolean; titles: string[] }[];
  /** Words a dictated line may open with before its header ("New paragraph. Description of procedure."). */
  lead_ins?: string[];
  part_labels?: string[];
}

export interface TextSpec {
  abbreviations: string[];
  spoken_punctuation?: SpokenPunctuationSpec;
}

export function compileLexicons(context: ContextLexiconSpec, sections: SectionLexiconSpec, text: TextSpec): TextLexicons {
  const titles = new Map<string, SectionDef>();
  let maxTitleWords = 1;
  for (const s of sections.sections) {
    const def: SectionDef = {
      name: s.name,
      category: s.category,
      ...(s.context ? { context: s.context } : {}),
      ...(s.supersedes ? { supersedes: true } : {}),
      ...(s.paragraph ? { paragraph: true } : {}),
    };
    for (const t of [s.name, ...s.titles]) {
      const norm = normalizeTitle(t);
      if (!norm) continue;
      titles.set(norm, def);
      maxTitleWords = Math.max(maxTitleWords, norm.split(" ").length);
    }
  }
  const leadIns = new Set((sections.lead_ins ?? []).map((t) => normalizeTitle(t)).filter((t) => t.length > 0));
  const partLabels = new Set((sections.part_labels ?? []).map((t) => normalizeTitle(t)).filter((t) => t.length > 0));
  return {
    context: compileContextLexicon(context),
    sections: { titles, maxTitleWords, ...(leadIns.size > 0 ? { leadIns } : {}), ...(partLabels.size > 0 ? { partLabels } : {}) },
    abbreviations: new Set(text.abbreviations.map((a) => a.toLowerCase().replace(/\.$/, ""))),
    ...(text.spoken_punctuation ? { spoken: compileSpoken(text.spoken_punctuation) } : {}),
  };
}

export function compilePack(spec: PackSpec, lexicons: TextLexicons, source: string): RulePack {
  const terms = spec.terms ?? {};
  const stems = new StemVocabulary(); // one per pack: notes are stemmed once for all stem matchers
  const keywords = new KeywordTable(); // one per pack: notes are searched once for all keyword phrases
  // Identical matchers (the same terms in several rules) are compiled once, so a note is searched
  // for them once (see mentionsOf).
  const byKey = new Map<string, Matcher>();
  const ids = new Map<Matcher, number>();
  const shared = (key: unknown[], make: () => Matcher): Matcher => {
    const k = JSON.stringify(key);
    let m = byKey.get(k);
    if (!m) {
      m = make();
      byKey.set(k, m);
      ids.set(m, ids.size);
    }
    return m;
  };
  const expand = (list: readonly string[]): string[] =>
    list.flatMap((t) => (t.startsWith("@") && terms[t.slice(1)] ? expand(terms[t.slice(1)]!) : [t]));

  const compileScope = (s?: SectionScope) =>
    s
      ? {
          ...(s.include ? { include: new Set(s.include) } : {}),
          ...(s.exclude ? { exclude: new Set(s.exclude) } : {}),
        }
      : undefined;

  const compileNode = (
    n: NodeSpec,
    inherited: { disqualify: ReadonlySet<ContextCategory>; sections?: CompiledNode["sections"] },
  ): CompiledNode => {
    const disqualify = n.disqualify ? new Set(n.disqualify) : inherited.disqualify;
    const sections = compileScope(n.sections) ?? inherited.sections;
    const here = { disqualify, ...(sections ? { sections } : {}) };
    // Qualifiers are judged on their own words: a failure signal in a plan is still a plan.
    const qualifierScope = { disqualify: new Set<ContextCategory>(["negated", "possible", "hypothetical", "family"]) };
    // Every node has every field, in this order: the evaluator reads them on each node it judges,
    // and nodes of one shape keep those reads monomorphic (a field set only when present gave the
    // pack's nodes a dozen shapes, and V8 looks a property up in a table for that many).
    const node: CompiledNode = {
      name: n.name ? n.name : undefined,
      matcher: undefined,
      any: undefined,
      all: undefined,
      with: undefined,
      unless: undefined,
      reason: n.reason ? n.reason : undefined,
      window: n.window === "note" ? Infinity : n.window ?? 1,
      after: undefined,
      side: undefined,
      disqualify,
      sections,
    };
    if (n.keyword) {
      const terms = expand(n.keyword);
      node.matcher = shared(["keyword", n.match_case === true, terms], () => new KeywordMatcher(terms, { matchCase: n.match_case === true }, keywords));
    } else if (n.stem) {
      const terms = expand(n.stem);
      node.matcher = shared(["stem", terms], () => new StemMatcher(terms, stems));
    } else if (n.fuzzy) {
      const terms = expand(n.fuzzy);
      node.matcher = shared(["fuzzy", n.max_edits, n.min_length, terms], () =>
        new FuzzyMatcher(terms, {
          ...(n.max_edits !== undefined ? { maxEdits: n.max_edits } : {}),
          ...(n.min_length !== undefined ? { minLength: n.min_length } : {}),
        }),
      );
    } else if (n.regex) {
      const sources = expand(n.regex);
      node.matcher = shared(["regex", sources], () => new RegexMatcher(sources));
    } else if (n.cell) {
      const header = expand(n.cell.header);
      const value = expand(n.cell.value);
      node.matcher = shared(["cell", header, value], () => new TableCellMatcher(header, value));
    } else if (n.near) {
      const parts = n.near.map((p) => partMatcher(compileNode(p, here)));
      const ordered = n.ordered === true;
      node.matcher = shared(["near", n.within ?? 6, ordered, parts.map((p) => ids.get(p))], () => new NearMatcher(parts, n.within ?? 6, ordered));
    } else if (n.any) node.any = n.any.map((c) => compileNode(c, here));
    else if (n.all) node.all = n.all.map((c) => compileNode(c, here));
    if (n.with) node.with = compileNode(n.with, qualifierScope);
    if (n.unless) node.unless = compileNode(n.unless, qualifierScope);
    // Qualifiers are judged beside a leaf's mentions: on a group they apply to each leaf in it that
    // has none of its own ("any: [cell, cell]" with one "unless" for both).
    if ((node.with || node.unless) && !node.matcher) pushQualifiers(node, node);
    return node;
  };

  const pushQualifiers = (group: CompiledNode, from: CompiledNode): void => {
    for (const c of group.any ?? group.all ?? []) {
      if (c.matcher) {
        if (!c.with && !c.unless) {
          c.with = from.with;
          c.unless = from.unless;
          c.reason ??= from.reason;
          if (c.window === 1) c.window = from.window;
        }
      } else pushQualifiers(c, from);
    }
  };

  /**
   * A part of a near match: a matcher, or an `any` of them (the loader refuses anything else, with
   * its position: see checkNearParts in load.ts).
   */
  const partMatcher = (node: CompiledNode): Matcher => {
    if (node.matcher) return node.matcher;
    if (!node.any) throw new Error("a near part must be a matcher or an any of matchers");
    const members = node.any.map(partMatcher);
    return shared(["union", members.map((m) => ids.get(m))], () => new UnionMatcher(members));
  };

  // Side words are read as written (no context); the condition beside them must be affirmed.
  const sides: CompiledSides | undefined = spec.sides && {
    left: compileNode(spec.sides.left, { disqualify: new Set() }),
    right: compileNode(spec.sides.right, { disqualify: new Set() }),
    affected: compileNode(spec.sides.affected, { disqualify: new Set(DEFAULT_DISQUALIFY) }),
    within: spec.sides.within ?? 3,
    reason: spec.sides.reason,
  };
  const rules = spec.rules.map((r): CompiledRule => {
    const inherited = {
      disqualify: new Set(r.disqualify ?? DEFAULT_DISQUALIFY),
      ...(r.sections ? { sections: compileScope(r.sections)! } : {}),
    };
    const check = compileNode(r.check, inherited);
    if (r.only_after_last) {
      const o = r.only_after_last;
      const after = {
        when: compileNode(o.when, { disqualify: new Set(DEFAULT_DISQUALIFY) }),
        opensSection: o.opens_section === true,
        notFollowedBy: new Set(o.not_followed_by ?? []),
        reason: o.reason,
      };
      const mark = (n: CompiledNode): void => {
        if (n.matcher) n.after = after;
        for (const c of n.any ?? n.all ?? []) mark(c);
      };
      mark(check);
    }
    if (r.other_side && sides) {
      const mark = (n: CompiledNode): void => {
        if (n.matcher) n.side = sides;
        for (const c of n.any ?? n.all ?? []) mark(c);
      };
      mark(check);
    }
    return {
      id: r.id,
      title: r.title,
      severity: r.severity,
      message: r.message,
      check,
      suggest: (r.suggest ?? []).map((s) => ({ when: compileNode(s.when, inherited), message: s.message })),
      ...(r.link ? { link: r.link } : {}),
    };
  });
  return { code: spec.code, title: spec.title, ...(spec.description ? { description: spec.description } : {}), rules, lexicons, source };
}
