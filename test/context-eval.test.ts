import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assessContext } from "../src/context/assess.ts";
// The scorer lives in the script so the CLI measurement and this guard count the same way.
import { CATEGORIES, evaluate, findTarget, parseJsonl, parseNegexTsv } from "../scripts/eval-context.js";

const FIXTURE = new URL("../fixtures/context/sentences.jsonl", import.meta.url);
const cases = parseJsonl(readFileSync(FIXTURE, "utf8"));
const result = evaluate(cases, assessContext);

/**
 * Minimum F1 per category on the general-clinical sentence set. Targets are 0.90 for negation
 * and 0.75 for the rest; a category measured below its target is pinned just under its measured
 * value instead, so the test still catches a regression.
 */
const MIN_F1: Record<string, number> = {
  // Pinned just under the measured values (0.994, 0.962, 0.950, 0.907, 0.955) so that a change
  // to the engine or the lexicon that loses ground fails here.
  negated: 0.985,
  possible: 0.95,
  hypothetical: 0.93,
  historical: 0.89,
  family: 0.95,
};

describe("context evaluation set", () => {
  it("is large, varied and well formed", () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    const affirmed = cases.filter((k) => CATEGORIES.every((c) => !k.expected[c])).length;
    expect(affirmed / cases.length).toBeGreaterThan(0.3);
    expect(affirmed / cases.length).toBeLessThan(0.5);
    for (const c of CATEGORIES) expect(cases.filter((k) => k.expected[c]).length).toBeGreaterThanOrEqual(25);
    expect(result.scored).toBe(cases.length);
  });

  it.each(CATEGORIES.map((c) => [c, MIN_F1[c]] as const))("%s F1 stays at or above %s", (category, min) => {
    const m = result.categories[category];
    expect(m.f1).not.toBeNull();
    expect(m.f1).toBeGreaterThanOrEqual(min);
  });
});

/**
 * A second set, written later by someone who saw neither the lexicon nor the first set, in the
 * style of the NegEx/i2b2 test sets. Pinned under its measured F1 (0.989, 0.935, 0.932, 0.907,
 * 0.977); negation is well above the 0.946 of the best classic rule-based system.
 */
const BLIND = parseJsonl(readFileSync(new URL("../fixtures/context/sentences-blind.jsonl", import.meta.url), "utf8"));
const blind = evaluate(BLIND, assessContext);
const MIN_F1_BLIND: Record<string, number> = { negated: 0.975, possible: 0.92, hypothetical: 0.91, historical: 0.88, family: 0.94 };

describe("blind context evaluation set", () => {
  it("has 500+ sentences, about half affirmed", () => {
    expect(BLIND.length).toBeGreaterThanOrEqual(500);
    expect(blind.scored).toBe(BLIND.length);
  });
  it.each(CATEGORIES.map((c) => [c, MIN_F1_BLIND[c]] as const))("%s F1 stays at or above %s", (category, min) => {
    expect(blind.categories[category].f1).toBeGreaterThanOrEqual(min);
  });
});

describe("eval-context helpers", () => {
  it.each([
    { text: "No Pneumothorax seen.", target: "pneumothorax", span: { start: 3, end: 15 } },
    { text: "pain, then pain again", target: "PAIN", span: { start: 0, end: 4 } },
    { text: "no chest\t pain", target: "chest pain", span: { start: 3, end: 14 } },
    { text: "no fever", target: "cough", span: null },
  ])("findTarget($target)", ({ text, target, span }) => {
    expect(findTarget(text, target)).toEqual(span);
  });

  it("reads the NegEx TSV layout, skipping a header and quotes", () => {
    const tsv = 'Report\tConcept\tSentence\tNegation\n1\tfever\t"No fever today."\tNegated\n2\tcough\tHas a cough.\tAffirmed\textra\n';
    const got = parseNegexTsv(tsv);
    expect(got.map((k) => [k.target, k.text, k.expected.negated])).toEqual([
      ["fever", "No fever today.", true],
      ["cough", "Has a cough.", false],
    ]);
  });

  it.each([
    ["not json", "{oops"],
    ["missing target", '{"text": "No fever."}'],
    ["non-boolean label", '{"text": "No fever.", "target": "fever", "negated": "yes"}'],
  ])("rejects bad JSONL: %s", (_name, line) => {
    expect(() => parseJsonl(line)).toThrow(/line 1/);
  });

  it("rejects a TSV row with an unknown label", () => {
    expect(() => parseNegexTsv("1\tfever\tNo fever.\tNegated\n2\tcough\tCough.\tMaybe\n")).toThrow(/line 2/);
  });

  it("counts TP/FP/FN/TN against a stub assessor", () => {
    const stub = (text: string) => ({ negated: text.startsWith("No"), possible: false, hypothetical: false, historical: false, family: false, triggers: [] });
    const r = evaluate(parseJsonl(['{"text":"No a.","target":"a","negated":true}', '{"text":"No b.","target":"b"}', '{"text":"c.","target":"c","negated":true}', '{"text":"d.","target":"d"}'].join("\n")), stub);
    expect(r.categories.negated).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(r.errors.map((e: { line: number }) => e.line)).toEqual([2, 3]);
  });
});
