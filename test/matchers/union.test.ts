import { describe, expect, it } from "vitest";
import { KeywordMatcher } from "../../src/matchers/keyword.ts";
import { NearMatcher } from "../../src/matchers/near.ts";
import { StemMatcher } from "../../src/matchers/stem.ts";
import { UnionMatcher } from "../../src/matchers/union.ts";
import { found } from "./helpers.ts";

describe("UnionMatcher", () => {
  const union = new UnionMatcher([new StemMatcher(["identified"]), new KeywordMatcher(["digastric", "carotid"])]);

  it("finds what any member finds, in text order", () => {
    expect(found(union, "Deep to the digastric, the nerve was identified near the carotid.")).toEqual(["digastric", "identified", "carotid"]);
  });

  it("finds nothing when no member does", () => {
    expect(found(union, "Right hypoglossal.")).toEqual([]);
  });

  it("a mention inside a longer one of another member is not repeated", () => {
    const u = new UnionMatcher([new KeywordMatcher(["posterior belly of digastric"]), new KeywordMatcher(["digastric"])]);
    expect(found(u, "The posterior belly of digastric was retracted.")).toEqual(["posterior belly of digastric"]);
  });

  it("as a part of a near match, either member places the other part", () => {
    const near = new NearMatcher([new KeywordMatcher(["hypoglossal"]), union], 6);
    expect(found(near, "CN XII deep to post belly digastric, hypoglossal confirmed.")).toEqual(["digastric, hypoglossal"]);
    expect(found(near, "The hypoglossal nerve was identified.")).toEqual(["hypoglossal nerve was identified"]);
    // The bug this replaced: an "any" inside "near" was dropped, and the near matched every "hypoglossal".
    expect(found(near, "Right hypoglossal.")).toEqual([]);
  });
});
