import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadRulePack } from "../../src/rules/load.ts";
import { checkText } from "../../src/check.ts";
import { evaluateRule } from "../../src/evaluate.ts";
import { NoteDocument } from "../../src/text/document.ts";
import { tokenize } from "../../src/text/tokenize.ts";
import { hashRange, Vocabulary, vocabulary, WordFacts } from "../../src/text/vocabulary.ts";
import { WordIndex } from "../../src/text/words.ts";
import { fixtureNotes } from "../fixture-notes.ts";

describe("Vocabulary: one number per word", () => {
  it("numbers a word once, and gives its word back", () => {
    const v = new Vocabulary(1000);
    const a = v.id("facial");
    expect(v.id("nerve")).not.toBe(a);
    expect(v.id("facial")).toBe(a);
    expect(v.words[a]).toBe("facial");
    expect(v.lookup("facial")).toBe(a);
    expect(v.lookup("palsy")).toBe(-1);
    expect(v.size).toBe(2);
  });

  it("numbers a word inside a longer text as the word itself", () => {
    const v = new Vocabulary(1000);
    v.startHashing();
    const text = "left facial paralysis";
    expect(v.idOfRange(text, 5, 11, hashRange(text, 5, 11))).toBe(v.id("facial"));
    expect(v.idOfRange(text, 12, 21, hashRange(text, 12, 21))).toBe(v.id("paralysis"));
  });

  it("a long word cut from a long text is that word", () => {
    const v = new Vocabulary(1000);
    v.startHashing();
    const text = "x".repeat(50) + " electroneuronography " + "y".repeat(50);
    const g = v.idOfRange(text, 51, 71, hashRange(text, 51, 71));
    expect(v.words[g]).toBe("electroneuronography");
    expect(v.id("electroneuronography")).toBe(g);
  });

  it("property: numbers are equal exactly when words are, through growth and rehashing, by string or by characters", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcdeé中'’0123"), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 3000 }), fc.nat(3000), (words, switchAt) => {
        const v = new Vocabulary(1_000_000);
        // Words numbered by string first, then (after the table is built from them) by characters.
        const ids = words.map((w, i) => {
          if (i === switchAt) v.startHashing();
          return v.hashing && i % 2 === 0 ? v.idOfRange(`<${w}>`, 1, w.length + 1, hashRange(w, 0, w.length)) : v.id(w);
        });
        const first = new Map<string, number>();
        words.forEach((w, i) => {
          if (!first.has(w)) first.set(w, ids[i]!);
          expect(ids[i]).toBe(first.get(w));
          expect(v.words[ids[i]!]).toBe(w);
        });
        expect(new Set(ids).size).toBe(first.size);
        for (const [w, id] of first) expect(v.lookup(w)).toBe(id);
      }),
      { numRuns: 60 },
    );
  });

  it("20,000 distinct words keep distinct numbers (the table of characters grows)", () => {
    const v = new Vocabulary(1_000_000);
    v.startHashing();
    const ids = new Set<number>();
    for (let i = 0; i < 20_000; i++) ids.add(v.id(`w${i.toString(36)}`));
    expect(ids.size).toBe(20_000);
    expect(v.lookup("w0")).toBe(0);
    expect(v.words[v.lookup(`w${(19_999).toString(36)}`)]).toBe(`w${(19_999).toString(36)}`);
  });

  it.each([false, true])("starts over, between notes, once it holds its limit of words (hashing: %s)", (hashing) => {
    const v = new Vocabulary(3);
    if (hashing) v.startHashing();
    v.beginNote();
    for (const w of ["a", "b", "c", "d"]) v.id(w); // a note may go past the limit
    expect(v.size).toBe(4);
    const generation = v.generation;
    v.beginNote();
    expect(v.generation).toBe(generation + 1);
    expect(v.size).toBe(0);
    expect(v.lookup("a")).toBe(-1);
    expect(v.id("d")).toBe(0);
    if (hashing) expect(v.idOfRange("d", 0, 1, hashRange("d", 0, 1))).toBe(0);
  });

  it("hashes from the second note on: a one-note run numbers words by string only", () => {
    const v = new Vocabulary(1000);
    v.beginNote();
    expect(v.hashing).toBe(false);
    v.id("facial");
    v.beginNote();
    expect(v.hashing).toBe(true);
    expect(v.idOfRange(" facial", 1, 7, hashRange("facial", 0, 6))).toBe(0);
  });
});

describe("WordFacts: a fact per word, kept by number", () => {
  beforeAll(() => vocabulary.startHashing());

  it("computes a word's fact once per generation, and again after the vocabulary starts over", () => {
    const calls: string[] = [];
    const facts = new WordFacts((w) => {
      calls.push(w);
      return w.length;
    });
    const idx = new WordIndex(tokenize("facial nerve facial"), vocabulary.generation);
    expect(idx.words.map((_, w) => facts.of(idx, w))).toEqual([6, 5]);
    expect(idx.words.map((_, w) => facts.of(idx, w))).toEqual([6, 5]);
    expect(calls).toEqual(["facial", "nerve"]);
    vocabulary.clear();
    // An index of the older generation is answered from its words, without being kept.
    expect(facts.of(idx, 0)).toBe(6);
    const fresh = new WordIndex(tokenize("facial"), vocabulary.generation);
    expect(facts.of(fresh, 0)).toBe(6);
    expect(facts.of(fresh, 0)).toBe(6);
    expect(calls).toEqual(["facial", "nerve", "facial", "facial"]);
  });

  it("clear() forgets every fact", () => {
    let n = 0;
    const facts = new WordFacts(() => ++n);
    const idx = new WordIndex(tokenize("palsy"), vocabulary.generation);
    expect(facts.of(idx, 0)).toBe(1);
    expect(facts.of(idx, 0)).toBe(1);
    facts.clear();
    expect(facts.of(idx, 0)).toBe(2);
  });
});

describe("the tokenizer's hash is the vocabulary's", () => {
  it("a word numbered as a string is found again by the tokenizer, whatever its case", () => {
    vocabulary.startHashing();
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 20 }), fc.nat(), (words, salt) => {
        // Words new to the vocabulary: numbered first from strings (hashRange), then met in a text.
        const fresh = words.map((w) => `${w}q${salt.toString(36)}`);
        const ids = fresh.map((w) => vocabulary.id(w));
        const text = fresh.map((w, i) => (i % 2 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1))).join(" ");
        expect(tokenize(text).map((t) => t.gid)).toEqual(ids);
      }),
      { numRuns: 200 },
    );
  });
});

describe("WordIndex: a note's words stay right whatever is numbered after it", () => {
  beforeAll(() => vocabulary.startHashing());

  it("a note tokenized before the vocabulary hashes is indexed with its own map, alike", () => {
    vocabulary.stopHashing();
    try {
      const tokens = tokenize("left facial palsy, facial weakness");
      expect(tokens.every((t) => t.gid === -1)).toBe(true);
      const idx = new WordIndex(tokens, vocabulary.generation);
      expect(idx.generation).toBe(-1);
      expect(idx.words).toEqual(["left", "facial", "palsy", "weakness"]);
      expect(idx.positions("facial")).toEqual([1, 3]);
      expect(idx.positions("nerve")).toBeUndefined();
    } finally {
      vocabulary.startHashing();
    }
  });

  it("a word the vocabulary knows but the note lacks is not found", () => {
    vocabulary.id("nerve");
    const idx = new WordIndex(tokenize("facial palsy"), vocabulary.generation);
    expect(idx.generation).toBe(vocabulary.generation);
    expect(idx.positions("nerve")).toBeUndefined();
    expect(idx.positions("palsy")).toEqual([1]);
    expect(idx.idOf("facial")).toBe(0);
  });

  it("after another note is indexed, and after the vocabulary starts over", () => {
    const a = new WordIndex(tokenize("left facial palsy, facial weakness"), vocabulary.generation);
    const b = new WordIndex(tokenize("facial nerve graft, left side"), vocabulary.generation);
    expect(a.positions("facial")).toEqual([1, 3]);
    expect(a.positions("nerve")).toBeUndefined();
    expect(b.positions("facial")).toEqual([0]);
    expect(b.positions("palsy")).toBeUndefined();
    vocabulary.clear();
    expect(a.positions("facial")).toEqual([1, 3]);
    expect(a.positions("weakness")).toEqual([4]);
    expect(b.positions("left")).toEqual([3]);
  });

  it("tokens numbered in an older generation are indexed by their words", () => {
    const generation = vocabulary.generation;
    const tokens = tokenize("hypoglossal to facial");
    vocabulary.clear();
    const idx = new WordIndex(tokens, generation);
    expect(idx.generation).toBe(-1);
    expect(idx.words).toEqual(["hypoglossal", "to", "facial"]);
    expect(idx.positions("facial")).toEqual([2]);
    const now = new WordIndex(tokenize("hypoglossal to facial"), vocabulary.generation);
    expect(now.generation).toBe(vocabulary.generation);
    expect(Array.from(now.gids)).toEqual(now.words.map((w) => vocabulary.lookup(w)));
  });
});

describe("checking does not depend on what the process checked before", () => {
  const notes = fixtureNotes();

  it("every fixture note: the same result with the vocabulary started over before it", async () => {
    const pack = await loadRulePack("64868");
    const warm = notes.map((n) => JSON.stringify(checkText(n.text, { pack, file: n.file })));
    const fresh = notes.map((n) => {
      vocabulary.clear();
      return JSON.stringify(checkText(n.text, { pack, file: n.file }));
    });
    expect(fresh).toEqual(warm);
  });

  it("notes checked interleaved, with the vocabulary starting over between them", async () => {
    const pack = await loadRulePack("64868");
    const sample = notes.filter((_, i) => i % 5 === 0);
    const alone = sample.map((n) => JSON.stringify(pack.rules.map((r) => evaluateRule(new NoteDocument(n.text, pack.lexicons), r))));
    // All documents made (and indexed) first; then rules evaluated one rule at a time across them.
    const docs = sample.map((n, i) => {
      if (i % 3 === 0) vocabulary.clear();
      const d = new NoteDocument(n.text, pack.lexicons);
      if (i % 2 === 0) void d.words;
      return d;
    });
    const results = docs.map(() => [] as unknown[]);
    pack.rules.forEach((r, k) => {
      if (k % 2 === 1) vocabulary.clear();
      docs.forEach((d, i) => results[i]!.push(evaluateRule(d, r)));
    });
    expect(results.map((r) => JSON.stringify(r))).toEqual(alone);
  });
});

describe("Vocabulary: words whose hashes collide", () => {
  // Characters are hashed with bit 5 set, so "@" (64) and "`" (96) hash alike: every word of
  // nine of them has the same hash as every other.
  const words = Array.from({ length: 512 }, (_, i) => i.toString(2).padStart(9, "0").replace(/0/g, "@").replace(/1/g, "`"));
  const hash = (w: string) => hashRange(w, 0, w.length);

  it("the words do collide", () => {
    expect(new Set(words.map(hash)).size).toBe(1);
  });

  it.each([
    ["numbered from characters", false],
    ["numbered by string first, then the table built from them", true],
  ])("each keeps one number (%s)", (_name, stringsFirst) => {
    const v = new Vocabulary(1_000_000);
    const first = new Map<string, number>();
    if (stringsFirst) {
      for (const w of words) first.set(w, v.id(w));
      v.startHashing();
    } else {
      v.startHashing();
      for (const w of words) first.set(w, v.idOfRange(w, 0, w.length, hash(w)));
    }
    // Again: cut from a longer text, after the table has grown twice, and by string.
    for (const w of words) expect(v.idOfRange(`(${w})`, 1, w.length + 1, hash(w))).toBe(first.get(w));
    for (let i = 0; i < 5000; i++) v.id(`x${i}`);
    for (const w of words) {
      expect(v.idOfRange(w, 0, w.length, hash(w))).toBe(first.get(w));
      expect(v.id(w)).toBe(first.get(w));
      expect(v.words[first.get(w)!]).toBe(w);
    }
    expect(new Set(first.values()).size).toBe(words.length);
    expect(v.size).toBe(words.length + 5000);
  });

  it("a word kept out of a crowded run of slots is still found once the run thins out", () => {
    // Other words whose slots (in the first table, 4,096 slots) fall in the colliding words' run
    // crowd it; when the table grows they move away, leaving gaps before the words kept out.
    const home = hash(words[0]!) & 4095;
    const neighbours: string[] = [];
    for (let i = 0; neighbours.length < 24; i++) {
      const w = `n${i}`;
      if ((((hash(w) & 4095) - home + 4096) & 4095) < 16) neighbours.push(w);
    }
    const v = new Vocabulary(1_000_000);
    v.startHashing();
    for (const w of neighbours) v.idOfRange(w, 0, w.length, hash(w));
    const some = words.slice(0, 40);
    const first = some.map((w) => v.idOfRange(w, 0, w.length, hash(w)));
    for (let i = 0; i < 5000; i++) v.id(`x${i}`);
    expect(some.map((w) => v.idOfRange(w, 0, w.length, hash(w)))).toEqual(first);
    expect(v.size).toBe(neighbours.length + some.length + 5000);
  });
});
