import { describe, expect, it } from "vitest";
import { leadingWords } from "../../src/matchers/anchors.ts";
import { knownPatternShapes, patternShape, primePatternShapes, RegexMatcher, regexFlags, requiredLiteral, type PatternShape } from "../../src/matchers/regex.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CACHE_DIR } from "../../src/paths.ts";
import { asciiJson } from "../../src/rules/load.ts";
import { doc, found } from "./helpers.ts";

describe("RegexMatcher", () => {
  it.each([
    // Without \b the alternation stops at the first branch that fits: "hb vi" gives "hb v".
    { name: "HB (V|VI|5|6), case-insensitive", patterns: ["HB (V|VI|5|6)"], text: "hb vi, HB V, HB 5, HB 6, HB III, HB IV", want: ["hb v", "HB V", "HB 5", "HB 6"] },
    { name: "HB (VI|V|5|6) with a word boundary", patterns: ["\\bHB (VI|V|5|6)\\b"], text: "hb vi, HB V, HB 5, HB 6, HB III, HB VII", want: ["hb vi", "HB V", "HB 5", "HB 6"] },
    { name: "[89]-0 nylon", patterns: ["[89]-0 nylon"], text: "9-0 nylon, 8-0 Nylon, 10-0 nylon, 7-0 nylon", want: ["9-0 nylon", "8-0 Nylon"] },
    { name: "across a line break with \\s", patterns: ["facial\\s+nerve"], text: "facial\nnerve", want: ["facial\nnerve"] },
    { name: "Unicode classes work (u flag)", patterns: ["\\p{Lu}{2}\\s\\p{Lu}+"], text: "grade: HB VI", want: ["HB VI"] },
    { name: "several patterns, in text order", patterns: ["nylon", "\\d+-0"], text: "9-0 nylon", want: ["9-0", "nylon"] },
    { name: "a match inside a longer match is dropped", patterns: ["HB VI", "HB"], text: "HB VI", want: ["HB VI"] },
    { name: "no match", patterns: ["sunnybrook"], text: "HB VI", want: [] },
  ])("$name", ({ patterns, text, want }) => {
    expect(found(new RegexMatcher(patterns), text)).toEqual(want);
  });

  it("covers the tokens a match touches", () => {
    const d = doc("Grade: HB VI today");
    expect(new RegexMatcher(["HB VI"]).find(d)).toEqual([{ start: 7, end: 12, from: 1, to: 3 }]);
  });

  it("can be run on several notes (the global regex state is reset)", () => {
    const m = new RegexMatcher(["palsy"]);
    expect(found(m, "palsy palsy")).toEqual(["palsy", "palsy"]);
    expect(found(m, "palsy")).toEqual(["palsy"]);
  });
});

describe("requiredLiteral: the letters every match must contain", () => {
  it.each([
    ["\\bsunnybrook\\b(?:[^.\\n\\d]|\\.\\.){0,30}\\d{1,3}", "sunnybrook"],
    ["\\bgrade\\s+[3-6]", "grade"],
    ["tumou?r resection", "r resection"],
    // Escapes and quantifier bounds are not text of the pattern's own.
    ["\\bat\\b\\u0061?", null],
    ["\\bfoo\\s\\x41bcd", "foo"],
    ["\\bfoo\\s\\cJbar", "foo"],
    ["\\bfoo\\s+x{0,12345}", "foo"],
    ["\\p{Lu}{2}\\sabc", "abc"],
    ["(?:a|b)cde", "cde"],
    ["abc|def", null],
  ])("%s -> %j", (source, want) => {
    expect(requiredLiteral(source)).toBe(want);
  });
});

describe("pattern shapes (kept in the build cache so that a one-note run does not read every source)", () => {
  const sources = ["\\bsunnybrook\\b[^.]{0,30}\\d+", "\\b(?:secondary to|due to)\\s+\\w+", "h[-\\s]?b\\s*(?:vi|6)", "\\p{Lu}{2}\\s\\p{Lu}+"];

  it("a shape is the literal pre-check and the leading words, worked out from the source", () => {
    for (const s of sources) {
      expect(patternShape(s)).toEqual({ literal: requiredLiteral(s), words: leadingWords(s, regexFlags(s)) });
    }
    expect(patternShape(sources[1]!).words).toEqual(["secondary", "due"]);
  });

  it("the shapes seen so far survive the cache's JSON, and a primed table is what is used", () => {
    new RegexMatcher(sources);
    const table = JSON.parse(asciiJson(knownPatternShapes())) as Record<string, PatternShape>;
    for (const s of sources) expect(table[s]).toEqual(patternShape(s));
    // A primed shape wins over working it out: proof that loading reads the table, not the source.
    primePatternShapes({ "\\bzzz\\b": { literal: "primed", words: null } });
    expect(patternShape("\\bzzz\\b")).toEqual({ literal: "primed", words: null });
  });

  it("every pattern of the built-in pack: the build cache's shapes are what the source gives", () => {
    // `npm test` builds first, and the build writes the cache.
    const cache = JSON.parse(readFileSync(join(CACHE_DIR, "64868.yaml.json"), "latin1")) as { patterns?: Record<string, PatternShape> };
    const cached = cache.patterns ?? {};
    expect(Object.keys(cached).length).toBeGreaterThan(5);
    for (const [s, shape] of Object.entries(cached)) {
      expect(shape, s).toEqual({ literal: requiredLiteral(s), words: leadingWords(s, regexFlags(s)) });
    }
  });
});
