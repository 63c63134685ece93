import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GAP } from "../../src/matchers/phrase.ts";
import { hasLower, hasUpper, isLetterAt, isLowerAt, isMarkAt, isNumberAt, isUpperAt, type TwinRegExp, isBlank, indentEnd } from "../../src/text/chars.ts";
import { COLON_TITLE, FIELD, FIRST_WORD, PREFIXED, WORDS } from "../../src/text/sections.ts";
import { FIELD_LINE } from "../../src/text/sentences.ts";

// ASCII, Latin-1 and other scripts, title case, combining marks, digits of other scripts, dashes,
// spaces of several kinds, and astral letters (upper and lower case) that need surrogate pairs.
const pool = [..."aZ9 -_'’\t.:;éÉñßǅΩωЯя中\u0301٣–—\u00a0\u2028ſİ", "𝐀", "𝐚", "😀"];
const texts = fc.array(fc.constantFrom(...pool), { maxLength: 30 }).map((cs) => cs.join(""));

describe("character classes without Unicode regular expressions", () => {
  it("hasUpper and hasLower agree with \\p{Lu} and \\p{Ll} on any text", () => {
    fc.assert(
      fc.property(texts, (s) => {
        expect(hasUpper(s)).toBe(/\p{Lu}/u.test(s));
        expect(hasLower(s)).toBe(/\p{Ll}/u.test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it("the per-character tests agree with the regular expressions on every BMP code unit", () => {
    for (let c = 0; c < 0x10000; c += c < 0x3000 ? 1 : 7) {
      const ch = String.fromCharCode(c);
      expect([isUpperAt(ch, 0), isLowerAt(ch, 0), isLetterAt(ch, 0), isNumberAt(ch, 0), isMarkAt(ch, 0)], `U+${c.toString(16)}`).toEqual([
        /\p{Lu}/u.test(ch),
        /\p{Ll}/u.test(ch),
        /\p{L}/u.test(ch),
        /\p{N}/u.test(ch),
        /\p{M}/u.test(ch),
      ]);
    }
  });
});

describe("TwinRegExp: each ASCII twin answers exactly as its Unicode pattern on ASCII text", () => {
  const ascii = fc.array(fc.constantFrom(..."aZ09 -/:.#&()'+\t_–—(".split("").filter((c) => c.charCodeAt(0) < 128)), { maxLength: 40 }).map((cs) => cs.join(""));
  const twins: [string, TwinRegExp][] = [
    ["sentences FIELD_LINE", FIELD_LINE],
    ["sections COLON_TITLE", COLON_TITLE],
    ["sections FIELD", FIELD],
    ["sections WORDS", WORDS],
    ["sections PREFIXED", PREFIXED],
    ["sections FIRST_WORD", FIRST_WORD],
    ["phrase GAP", GAP],
  ];
  it.each(twins)("%s", (_name, twin) => {
    fc.assert(
      fc.property(ascii, (s) => {
        const fast = twin.for(s);
        expect(fast).not.toBe(twin.full);
        fast.lastIndex = 0;
        twin.full.lastIndex = 0;
        expect(s.match(fast)).toEqual(s.match(twin.full));
      }),
      { numRuns: 2000 },
    );
  });

  it("uses the Unicode pattern for text that is not ASCII", () => {
    expect(FIRST_WORD.for("café")).toBe(FIRST_WORD.full);
    expect(FIRST_WORD.for("café").exec("café")?.[0]).toBe("café");
  });
});

describe("isBlank", () => {
  it("agrees with trim() for every code unit, alone and around text", () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      expect(isBlank(ch), `U+${c.toString(16)}`).toBe(ch.trim().length === 0);
      expect(isBlank(` ${ch}\t`), `U+${c.toString(16)}`).toBe(` ${ch}\t`.trim().length === 0);
    }
    expect(isBlank("")).toBe(true);
    expect(isBlank(" \u00a0\u3000\ufeff ")).toBe(true);
    expect(isBlank(" \u00a0x")).toBe(false);
  });
});

describe("indentEnd", () => {
  it.each([
    ["Plan:", 0],
    ["  \t2. Pre-operative status", 3],
    ["   ", 3],
    ["", 0],
    ["\u00a0x", 0], // only spaces and tabs are indentation
  ])("%j -> %i", (line, want) => {
    expect(indentEnd(line)).toBe(want);
  });
});
