import { describe, expect, it } from "vitest";
import { byStart, clauseSides, LEFT, noteSide, otherThan, RIGHT } from "../../src/context/sides.ts";
import { mention } from "../../src/matchers/types.ts";

/** A mention of token t (one token), at character 10 t. */
const at = (t: number) => mention(t * 10, t * 10 + 4, t, t + 1);

describe("byStart", () => {
  it("keeps one mention per place, in text order", () => {
    expect(byStart([at(5), at(1), mention(10, 21, 1, 2)]).map((m) => m.start)).toEqual([10, 50]);
  });
});

describe("noteSide", () => {
  // Twenty tokens, two sentences: 0-9 and 10-19.
  const sentenceOf = Int32Array.from({ length: 20 }, (_, t) => (t < 10 ? 0 : 1));
  it("is the side named beside the condition three times as often as the other", () => {
    expect(noteSide([at(1), at(11), at(15)], [at(7)], [at(2), at(12), at(16), at(8)], 3, sentenceOf)).toBe(LEFT);
    expect(noteSide([at(1)], [at(11), at(15), at(5)], [at(2), at(12), at(16), at(6)], 3, sentenceOf)).toBe(RIGHT);
  });
  it("is none when the sides are near even, or no side word stands beside the condition", () => {
    expect(noteSide([at(1), at(11)], [at(5)], [at(2), at(12), at(6)], 3, sentenceOf)).toBe(0);
    expect(noteSide([at(1)], [at(5)], [at(18)], 3, sentenceOf)).toBe(0);
  });
  it("counts a condition only in the side word's sentence", () => {
    // Token 9 ends sentence 0; the condition at token 10 opens sentence 1.
    expect(noteSide([at(9)], [], [at(10)], 3, sentenceOf)).toBe(0);
  });
});

describe("clauseSides", () => {
  const text = "prednisolone at onset; physiotherapy with no recovery; botulinum to the right side.";
  const sentence = { start: 0, end: text.length };
  const right = [{ start: text.indexOf("right"), side: RIGHT }];
  const m = (word: string) => mention(text.indexOf(word), text.indexOf(word) + word.length, 0, 1);
  it("cuts the sentence at semicolons", () => {
    expect(clauseSides(text, sentence, m("botulinum"), right, undefined)).toBe(RIGHT);
    expect(clauseSides(text, sentence, m("physiotherapy"), right, undefined)).toBe(0);
  });
  it("adds the side a table column's header names", () => {
    const header = { start: 0, end: 12 };
    expect(clauseSides(text, sentence, m("physiotherapy"), [{ start: 3, side: LEFT }, ...right], header)).toBe(LEFT);
  });
  it("otherThan", () => {
    expect(otherThan(LEFT)).toBe(RIGHT);
    expect(otherThan(RIGHT)).toBe(LEFT);
  });
});
