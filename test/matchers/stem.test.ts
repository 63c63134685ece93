import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StemMatcher, StemVocabulary, stem } from "../../src/matchers/stem.ts";
import { found } from "./helpers.ts";

describe("StemMatcher", () => {
  it.each([
    { name: "suture matches its inflections", terms: ["suture"], text: "sutured, suturing, sutures, Suture", want: ["sutured", "suturing", "sutures", "Suture"] },
    { name: "an inflected term matches the base form", terms: ["sutured"], text: "a suture was placed", want: ["suture"] },
    { name: "suturing term", terms: ["suturing"], text: "sutured", want: ["sutured"] },
    { name: "a different word with the same letters is not matched", terms: ["suture"], text: "suit, suture", want: ["suture"] },
    { name: "incision / incised / incisions", terms: ["incision"], text: "incised; incisions", want: ["incised", "incisions"] },
    { name: "multi-word stems", terms: ["nerve transfer"], text: "nerves transferred", want: ["nerves transferred"] },
    { name: "multi-word stems keep the separator tolerance", terms: ["nerve transfer"], text: "nerve-\ntransfers", want: ["nerve-\ntransfers"] },
    { name: "case-insensitive", terms: ["identified"], text: "IDENTIFIED", want: ["IDENTIFIED"] },
    { name: "word-bounded", terms: ["pt"], text: "patient", want: [] },
  ])("$name", ({ terms, text, want }) => {
    expect(found(new StemMatcher(terms), text)).toEqual(want);
  });

  it.each([
    ["sutured", "sutur"],
    ["suturing", "sutur"],
    ["sutures", "sutur"],
    ["identified", "identifi"],
    ["cn7", "cn7"], // only plain lower-case words are stemmed
    ["möbius", "möbius"],
  ])("stem(%s) = %s", (word, s) => {
    expect(stem(word)).toBe(s);
  });
});

describe("StemVocabulary screen", () => {
  // The screen is sound when every word passes it for the stem it has: otherwise a note word
  // that stems to a pack term would never be stemmed, and the term silently missed.
  const passesForItsOwnStem = (w: string) => {
    const v = new StemVocabulary();
    v.add(stem(w));
    return v.mayMatch(w);
  };

  it("lets through every word of one to three letters that stems to a known stem", () => {
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const missed: string[] = [];
    for (const a of letters) {
      if (!passesForItsOwnStem(a)) missed.push(a);
      for (const b of letters) {
        if (!passesForItsOwnStem(a + b)) missed.push(a + b);
        for (const c of letters) if (!passesForItsOwnStem(a + b + c)) missed.push(a + b + c);
      }
    }
    expect(missed).toEqual([]);
  });

  it("lets through longer words that stem to a known stem", () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z]{4,14}$/), (w) => passesForItsOwnStem(w)), { numRuns: 5000 });
    for (const w of ["happy", "crying", "relational", "conditional", "sensibility", "agreed", "hopping", "days", "abys", "aaed", "used", "tied"]) {
      expect(passesForItsOwnStem(w), w).toBe(true);
    }
  });

  it("screens out short words that cannot stem to a known stem", () => {
    const v = new StemVocabulary();
    v.add(stem("lost")); // "lost"
    v.add(stem("of")); // "of"
    expect(v.mayMatch("los")).toBe(true);
    expect(v.mayMatch("of")).toBe(true);
    expect(v.mayMatch("offs")).toBe(true);
    expect(v.mayMatch("lo")).toBe(false);
    expect(v.mayMatch("the")).toBe(false);
    expect(v.mayMatch("mg")).toBe(false);
  });

  it("screens words and stems beyond U+03FF the same way (no number code for them)", () => {
    const v = new StemVocabulary();
    v.add("ябл"); // a prefix
    v.add("я"); // a one-letter stem
    v.add("cri"); // "y" for "i"
    expect(v.mayMatch("яблоко")).toBe(true);
    expect(v.mayMatch("яд")).toBe(true);
    expect(v.mayMatch("я")).toBe(true);
    expect(v.mayMatch("ю")).toBe(false);
    expect(v.mayMatch("юбл")).toBe(false);
    expect(v.mayMatch("cry")).toBe(true);
    expect(v.mayMatch("cr")).toBe(false);
    expect(v.mayMatch("ca")).toBe(false);
    const w = new StemVocabulary();
    w.add("ab");
    expect(w.mayMatch("abяx")).toBe(true);
    expect(w.mayMatch("aяb")).toBe(false);
    expect(w.mayMatch("яab")).toBe(false);
  });
});
