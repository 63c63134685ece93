/** Schemas of the rule pack and lexicon files (see README, "Rule packs"). */
import { DIRECTIONS } from "../context/lexicon.js";
import { CONTEXT_CATEGORIES } from "../types.js";
import { unsafeRegexReason } from "./safe-regex.js";
import type { Schema } from "./schema.js";

const term: Schema = { type: "string", nonEmpty: true };
const terms: Schema = { type: "array", items: term, minItems: 1 };
const category: Schema = { type: "string", enum: CONTEXT_CATEGORIES };

function regexProblem(source: string): string | null {
  try {
    new RegExp(source, "giu");
  } catch (e) {
    return `invalid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, "")})`;
  }
  if (new RegExp(source, "u").test("")) return "the pattern matches empty text";
  return unsafeRegexReason(source);
}

const regex: Schema = { type: "string", nonEmpty: true, check: regexProblem };
const sectionScope: Schema = {
  type: "object",
  props: { include: { type: "array", items: term }, exclude: { type: "array", items: term } },
};

/** Sentences that `with`/`unless` look at: 1..10, or "note" for anywhere in the note. */
const windowSchema: Schema = { type: "oneOf", options: [{ type: "number", integer: true, min: 1, max: 10 }, { type: "string", enum: ["note"] }] };

const NODE_KINDS = ["keyword", "stem", "fuzzy", "regex", "cell", "near", "any", "all"] as const;

export const nodeSchema: Schema = {
  type: "object",
  oneOf: NODE_KINDS,
  props: {
    name: term,
    keyword: terms,
    stem: terms,
    fuzzy: terms,
    regex: { type: "array", items: regex, minItems: 1 },
    cell: {
      type: "object",
      required: ["header", "value"],
      props: { header: { type: "array", items: regex, minItems: 1 }, value: { type: "array", items: regex, minItems: 1 } },
    },
    near: { type: "array", items: { type: "lazy", get: () => nodeSchema }, minItems: 2 },
    any: { type: "array", items: { type: "lazy", get: () => nodeSchema }, minItems: 1 },
    all: { type: "array", items: { type: "lazy", get: () => nodeSchema }, minItems: 1 },
    max_edits: { type: "number", integer: true, min: 0, max: 3 },
    min_length: { type: "number", integer: true, min: 3 },
    within: { type: "number", integer: true, min: 0, max: 50 },
    ordered: { type: "boolean" },
    match_case: { type: "boolean" },
    with: { type: "lazy", get: () => nodeSchema },
    unless: { type: "lazy", get: () => nodeSchema },
    reason: term,
    window: { type: "lazy", get: () => windowSchema },
    disqualify: { type: "array", items: category },
    sections: sectionScope,
  },
};

export const ruleSchema: Schema = {
  type: "object",
  required: ["id", "title", "severity", "message", "check"],
  props: {
    id: { type: "string", nonEmpty: true, check: (s) => (/^[a-z0-9][a-z0-9-]*$/.test(s) ? null : "use lower-case words joined by hyphens") },
    title: term,
    severity: { type: "string", enum: ["error", "warning"] },
    message: term,
    disqualify: { type: "array", items: category },
    sections: sectionScope,
    check: nodeSchema,
    only_after_last: {
      type: "object",
      required: ["when", "reason"],
      props: { when: nodeSchema, opens_section: { type: "boolean" }, not_followed_by: terms, reason: term },
    },
    other_side: { type: "boolean" },
    suggest: {
      type: "array",
      items: { type: "object", required: ["when", "message"], props: { when: nodeSchema, message: term } },
    },
    link: term,
    metadata: { type: "any" },
  },
};

export const packSchema: Schema = {
  type: "object",
  required: ["code", "title"],
  props: {
    code: { type: "string", nonEmpty: true, coerce: true },
    title: term,
    description: term,
    terms: { type: "object", additional: terms },
    context: term,
    sections: term,
    text: term,
    sides: {
      type: "object",
      required: ["left", "right", "affected", "reason"],
      props: { left: nodeSchema, right: nodeSchema, affected: nodeSchema, within: { type: "number", integer: true, min: 0, max: 10 }, reason: term },
    },
    rules: { type: "array", items: ruleSchema },
  },
};

export const contextSchema: Schema = {
  type: "object",
  required: ["triggers"],
  props: {
    max_scope: { type: "number", integer: true, min: 1, max: 100 },
    list_coordinators: terms,
    terminated_by: { type: "object", additional: { type: "array", items: category } },
    line_answers: {
      type: "object",
      required: ["negative"],
      props: { negative: { type: "array", items: regex, minItems: 1 }, positive: { type: "array", items: regex, minItems: 1 }, screen: regex },
    },
    entered_in_error: {
      type: "object",
      required: ["signals"],
      props: {
        screen: terms,
        signals: { type: "array", items: regex, minItems: 1 },
        quoted: regex,
        fields: regex,
        following: { type: "array", items: regex, minItems: 1 },
        preceding: { type: "array", items: regex, minItems: 1 },
      },
    },
    triggers: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["direction"],
        props: {
          category,
          direction: { type: "string", enum: DIRECTIONS },
          literals: terms,
          patterns: { type: "array", items: regex, minItems: 1 },
          max_scope: {
            type: "oneOf",
            options: [{ type: "number", integer: true, min: 1, max: 100 }, { type: "string", enum: ["sentence"] }],
            expected: 'a whole number of words from 1 to 100, or "sentence"',
          },
          terminates: { type: "array", items: category },
          stops: { type: "string", enum: ["forward", "backward"] },
          through_lists: { type: "boolean" },
          ends_adjacent: { type: "boolean" },
          closes_aside: { type: "boolean" },
          note: term,
        },
      },
    },
  },
};

export const sectionsSchema: Schema = {
  type: "object",
  required: ["sections"],
  props: {
    sections: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["name", "category", "titles"],
        props: { name: term, category: term, context: category, supersedes: { type: "boolean" }, paragraph: { type: "boolean" }, titles: terms },
      },
    },
    lead_ins: terms,
    part_labels: terms,
  },
};

/** What a spoken mark may stand for: punctuation, a line break or a paragraph break. */
const spokenMark: Schema = {
  type: "object",
  required: ["words", "mark"],
  props: { words: term, mark: { type: "string", enum: [",", ".", ":", ";", "?", "!", "\n", "\n\n"] }, not_after: terms, not_before: terms },
};

export const textSchema: Schema = {
  type: "object",
  required: ["abbreviations"],
  props: {
    abbreviations: terms,
    spoken_punctuation: {
      type: "object",
      required: ["signal", "at_least", "marks"],
      props: { signal: term, at_least: { type: "number", integer: true, min: 1 }, marks: { type: "array", items: spokenMark, minItems: 1 } },
    },
  },
};
