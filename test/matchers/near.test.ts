import { describe, expect, it } from "vitest";
import { KeywordMatcher } from "../../src/matchers/keyword.ts";
import { NearMatcher } from "../../src/matchers/near.ts";
import { StemMatcher } from "../../src/matchers/stem.ts";
import { found } from "./helpers.ts";

const near = (parts: string[][], within: number) => new NearMatcher(parts.map((p) => new KeywordMatcher(p)), within);
const XII = ["hypoglossal"];
const STIM = ["stimulated"];

describe("NearMatcher", () => {
  it.each([
    { name: "within N tokens (3 between, N=3)", parts: [XII, STIM], within: 3, text: "The hypoglossal nerve was then stimulated.", want: ["hypoglossal nerve was then stimulated"] },
    { name: "beyond N tokens (3 between, N=2)", parts: [XII, STIM], within: 2, text: "The hypoglossal nerve was then stimulated.", want: [] },
    { name: "adjacent words with N=0", parts: [XII, STIM], within: 0, text: "hypoglossal stimulated", want: ["hypoglossal stimulated"] },
    { name: "one word between with N=0", parts: [XII, STIM], within: 0, text: "hypoglossal was stimulated", want: [] },
    { name: "any order: second part first", parts: [XII, STIM], within: 3, text: "We stimulated the hypoglossal nerve.", want: ["stimulated the hypoglossal"] },
    { name: "same sentence only", parts: [XII, STIM], within: 10, text: "The hypoglossal nerve was seen. It was stimulated.", want: [] },
    { name: "a sentence wrapped over lines is one sentence", parts: [XII, STIM], within: 10, text: "The hypoglossal nerve was seen\nand stimulated.", want: ["hypoglossal nerve was seen\nand stimulated"] },
    { name: "separate list items are separate sentences", parts: [XII, STIM], within: 10, text: "- hypoglossal nerve\n- stimulated", want: [] },
    { name: "three parts, all present", parts: [XII, STIM, ["tongue"]], within: 5, text: "The hypoglossal nerve was stimulated and the tongue moved.", want: ["hypoglossal nerve was stimulated and the tongue"] },
    { name: "three parts, one missing", parts: [XII, STIM, ["tongue"]], within: 5, text: "The hypoglossal nerve was stimulated.", want: [] },
    { name: "every anchor gives a mention", parts: [XII, STIM], within: 2, text: "Hypoglossal stimulated. Then hypoglossal stimulated again.", want: ["Hypoglossal stimulated", "hypoglossal stimulated"] },
    { name: "the nearest partner is chosen", parts: [XII, STIM], within: 10, text: "stimulated once, hypoglossal stimulated", want: ["hypoglossal stimulated"] },
  ])("$name", ({ parts, within, text, want }) => {
    expect(found(near(parts, within), text)).toEqual(want);
  });

  it("parts may be any matcher (keyword near stem)", () => {
    const m = new NearMatcher([new KeywordMatcher(["hypoglossal"]), new StemMatcher(["stimulate"])], 3);
    expect(found(m, "Stimulation of the hypoglossal nerve produced tongue movement.")).toEqual(["Stimulation of the hypoglossal"]);
  });
});

describe("NearMatcher, ordered", () => {
  const ordered = new NearMatcher([new KeywordMatcher(["no"]), new KeywordMatcher(["improvement", "movement"])], 4, true);
  it("takes the parts in the order written", () => {
    expect(found(ordered, "Six months of therapy with no meaningful improvement.")).toEqual(["no meaningful improvement"]);
  });
  it("not a later part before an earlier one", () => {
    expect(found(ordered, "Gentle isolated movement with mirror feedback, no forceful exercises.")).toEqual([]);
  });
  it("control: unordered, the same sentence matches", () => {
    const any = new NearMatcher([new KeywordMatcher(["no"]), new KeywordMatcher(["improvement", "movement"])], 4);
    expect(found(any, "Gentle isolated movement with mirror feedback, no forceful exercises.")).toEqual(["movement with mirror feedback, no"]);
  });
});
