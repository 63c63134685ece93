import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StemMatcher, StemVocabulary, mergeTail, stem } from "../../src/matchers/stem.ts";
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

  /** Which words a vocabulary of `stems` lets through. */
  const screen = (stems: string[], words: string[]) => {
    const v = new StemVocabulary();
    for (const s of stems) v.add(s);
    return Object.fromEntries(words.map((w) => [w, v.mayMatch(w)]));
  };

  it("screens out short words that cannot stem to a known stem", () => {
    expect(screen([stem("lost"), stem("of")], ["los", "of", "offs", "lo", "the", "mg"])).toEqual({
      los: true, of: true, offs: true, lo: false, the: false, mg: false,
    });
  });

  it("screens words and stems beyond U+03FF the same way (no number code for them)", () => {
    // a three-letter prefix, a one-letter stem, and "y" for a final "i"
    expect(screen(["ябл", "я", "cri"], ["яблоко", "яд", "я", "ю", "юбл", "cry", "cr", "ca"])).toEqual({
      яблоко: true, яд: true, я: true, ю: false, юбл: false, cry: true, cr: false, ca: false,
    });
    expect(screen(["ab"], ["abяx", "aяb", "яab"])).toEqual({ abяx: true, aяb: false, яab: false });
  });
});

describe("mergeTail", () => {
  it("orders two ascending runs as a sort would", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 500 })), fc.nat(), (xs, cut) => {
        const had = xs.length === 0 ? 0 : cut % (xs.length + 1);
        const list = [...xs.slice(0, had).sort((a, b) => a - b), ...xs.slice(had).sort((a, b) => a - b)];
        mergeTail(list, had);
        expect(list).toEqual([...xs].sort((a, b) => a - b));
      }),
    );
    const list = [1, 5, 9, 2, 3, 10];
    mergeTail(list, 3);
    expect(list).toEqual([1, 2, 3, 5, 9, 10]);
  });
});
