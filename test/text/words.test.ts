import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/text/tokenize.ts";
import { WordIndex } from "../../src/text/words.ts";

/** Every position of each word, the plain way. */
function reference(norms: string[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  norms.forEach((w, i) => m.set(w, [...(m.get(w) ?? []), i]));
  return m;
}

describe("WordIndex", () => {
  it("groups a note's token positions by word, ascending, words in order of first occurrence", () => {
    const idx = new WordIndex(tokenize("No facial nerve function; the facial nerve was stimulated. No response."));
    expect(idx.words.slice(0, 4)).toEqual(["no", "facial", "nerve", "function"]);
    expect(idx.positions("facial")).toEqual([1, 5]);
    expect(idx.positions("no")).toEqual([0, 9]);
    expect(idx.positions("response")).toEqual([10]);
    expect(idx.positions("hypoglossal")).toBeUndefined();
  });

  it("an empty note has no words", () => {
    const idx = new WordIndex([]);
    expect(idx.words).toEqual([]);
    expect(idx.positions("a")).toBeUndefined();
  });

  it("property: the same positions as a map of arrays, for any sequence of words", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c", "facial", "nerve", "cn"), { maxLength: 60 }), (norms) => {
        const idx = new WordIndex(norms.map((norm, i) => ({ start: i, end: i + 1, norm })));
        const want = reference(norms);
        expect(idx.words).toEqual([...want.keys()]);
        for (const [w, list] of want) {
          expect(idx.positions(w)).toEqual(list);
          const id = idx.idOf(w)!;
          expect(Array.from(idx.order.subarray(idx.start[id]!, idx.start[id + 1]!))).toEqual(list);
        }
      }),
      { numRuns: 300 },
    );
  });
});
