import { describe, expect, it } from "vitest";
import { FuzzyMatcher, editBudget } from "../../src/matchers/fuzzy.ts";
import { doc, found } from "./helpers.ts";

describe("FuzzyMatcher: misspellings", () => {
  it.each([
    { name: "hypoglosal (one letter dropped)", terms: ["hypoglossal"], text: "the hypoglosal nerve", want: ["hypoglosal"] },
    { name: "paralisis (one letter changed)", terms: ["paralysis"], text: "facial paralisis", want: ["paralisis"] },
    { name: "the exact word still matches", terms: ["paralysis"], text: "paralysis", want: ["paralysis"] },
    { name: "case-insensitive", terms: ["hypoglossal"], text: "HYPOGLOSAL", want: ["HYPOGLOSAL"] },
    // Budget: under 6 letters none, 6-9 letters one edit, 10+ letters two.
    { name: "9 letters: one edit matches", terms: ["paralysis"], text: "parlysis", want: ["parlysis"] },
    { name: "9 letters: two edits do not", terms: ["paralysis"], text: "prlysis parlysys", want: [] },
    { name: "11 letters: two edits match", terms: ["hypoglossal"], text: "hipoglosal", want: ["hipoglosal"] },
    { name: "11 letters: three edits do not", terms: ["hypoglossal"], text: "hipoglosl", want: [] },
    { name: "short words never fuzz: pt vs at, ot", terms: ["pt"], text: "at ot PT", want: ["PT"] },
    { name: "short words never fuzz: palsy vs palsi, pansy", terms: ["palsy"], text: "palsi pansy palsy", want: ["palsy"] },
    { name: "numbers never fuzz", terms: ["1234567"], text: "1234568 1234567", want: ["1234567"] },
    { name: "multi-word: each word fuzzes on its own", terms: ["ramsay hunt"], text: "Ramsey Hunt syndrome", want: ["Ramsey Hunt"] },
    { name: "multi-word: short words must be exact", terms: ["ramsay hunt"], text: "Ramsay Hint", want: [] },
    { name: "multi-word written together, misspelt", terms: ["house brackmann"], text: "HouseBrackman VI", want: ["HouseBrackman"] },
    { name: "hyphen between misspelt words", terms: ["house brackmann"], text: "House-Brackman VI", want: ["House-Brackman"] },
    { name: "word-bounded: no match inside a longer word", terms: ["paralysis"], text: "paralysisectomy", want: [] },
  ])("$name", ({ terms, text, want }) => {
    expect(found(new FuzzyMatcher(terms), text)).toEqual(want);
  });

  it("max_edits and min_length override the budget", () => {
    expect(found(new FuzzyMatcher(["palsy"], { minLength: 5 }), "palsi")).toEqual(["palsi"]);
    expect(found(new FuzzyMatcher(["paralysis"], { maxEdits: 2 }), "prlysis")).toEqual(["prlysis"]);
    expect(found(new FuzzyMatcher(["paralysis"], { maxEdits: 0 }), "paralisis")).toEqual([]);
  });

  it.each([
    ["pt", {}, 0],
    ["palsy", {}, 0],
    ["facial", {}, 1],
    ["paralysis", {}, 1],
    ["hypoglossal", {}, 2],
    ["schwannoma", {}, 2],
    ["123456", {}, 0],
    ["cn-vii", {}, 0],
    ["palsy", { minLength: 4 }, 1],
    ["hypoglossal", { maxEdits: 1 }, 1],
  ] as const)("editBudget(%s, %j) = %i", (word, opts, budget) => {
    expect(editBudget(word, opts)).toBe(budget);
  });
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plain Levenshtein distance: the oracle the matcher's index must agree with. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

describe("FuzzyMatcher: a large note against many terms", () => {
  const rand = rng(64868);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const randomWord = () => Array.from({ length: 3 + Math.floor(rand() * 12) }, () => letters[Math.floor(rand() * 26)]).join("");
  const words = new Set<string>();
  while (words.size < 5000) words.add(randomWord());
  const noteWords = [...words];

  // Half the terms are note words with 0-3 random edits after the first letter (so some match
  // and some are out of budget), half are fresh random words.
  const mutate = (w: string) => {
    let s = w;
    const edits = Math.floor(rand() * 4);
    for (let e = 0; e < edits && s.length > 2; e++) {
      const at = 1 + Math.floor(rand() * (s.length - 1));
      const c = letters[Math.floor(rand() * 26)]!;
      const op = Math.floor(rand() * 3);
      s = op === 0 ? s.slice(0, at) + c + s.slice(at + 1) : op === 1 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + c + s.slice(at);
    }
    return s;
  };
  const terms = new Set<string>();
  while (terms.size < 100) terms.add(mutate(noteWords[Math.floor(rand() * noteWords.length)]!));
  while (terms.size < 200) terms.add(randomWord());
  const termList = [...terms];
  const text = noteWords.join(" ");

  it("finishes and returns exactly the true matches", () => {
    const d = doc(text);
    const got = new FuzzyMatcher(termList).find(d).map((m) => {
      expect(m.to - m.from).toBe(1);
      return d.tokens[m.from]!.norm;
    });

    const within = (w: string, t: string) => w === t || levenshtein(w, t) <= editBudget(t, {});
    // Precision: every mention is an exact or within-budget spelling of some term.
    for (const w of got) expect(termList.some((t) => within(w, t)), w).toBe(true);
    // Recall: every note word within budget of a term and sharing its first letter (the index's
    // documented narrowing) is found.
    const expected = noteWords.filter((w) => termList.some((t) => w === t || (w[0] === t[0] && within(w, t))));
    expect(new Set(got)).toEqual(new Set(expected));
    // The case is not vacuous: there are fuzzy (not only exact) matches, and many non-matches.
    expect(expected.filter((w) => !terms.has(w)).length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(noteWords.length / 10);
  });
});
