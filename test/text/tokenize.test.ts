import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normalizeWord, termWords, tokenAt, tokenize } from "../../src/text/tokenize.ts";
import { vocabulary } from "../../src/text/vocabulary.ts";

/** A token's number: the vocabulary's while it hashes (a process's second note on), else -1. */
const gidOf = (norm: string) => (vocabulary.hashing ? vocabulary.id(norm) : -1);

/** [text of the span, norm] of every token, so a case reads as what a user sees. */
const show = (text: string) => tokenize(text).map((t) => [text.slice(t.start, t.end), t.norm]);

describe("tokenize: words, offsets and the comparison form", () => {
  it.each([
    { name: "plain words, lower-cased", text: "Facial Nerve", want: [["Facial", "facial"], ["Nerve", "nerve"]] },
    { name: "punctuation is not a token", text: "palsy, (HB VI).", want: [["palsy", "palsy"], ["HB", "hb"], ["VI", "vi"]] },
    { name: "apostrophe kept in the span, dropped in norm", text: "Bell's palsy", want: [["Bell's", "bells"], ["palsy", "palsy"]] },
    { name: "curly apostrophe too", text: "Bell’s", want: [["Bell’s", "bells"]] },
    { name: "a hyphen splits words", text: "House-Brackmann", want: [["House", "house"], ["Brackmann", "brackmann"]] },
    { name: "an en dash splits words", text: "House–Brackmann", want: [["House", "house"], ["Brackmann", "brackmann"]] },
    { name: "a slash splits abbreviations", text: "s/p", want: [["s", "s"], ["p", "p"]] },
    { name: "numbers are tokens", text: "9-0 nylon", want: [["9", "9"], ["0", "0"], ["nylon", "nylon"]] },
    { name: "letters and digits together", text: "CN7 POD#1", want: [["CN7", "cn7"], ["POD", "pod"], ["1", "1"]] },
    { name: "ligature: NFKC in norm, original in span", text: "ﬁbrin", want: [["ﬁbrin", "fibrin"]] },
    { name: "combining mark stays in the word", text: "Mo\u0308bius", want: [["Mo\u0308bius", "möbius"]] },
    { name: "accented capitals lower-cased", text: "MÖBIUS", want: [["MÖBIUS", "möbius"]] },
    { name: "empty text", text: "", want: [] },
    { name: "only punctuation", text: " -- ; ... ", want: [] },
  ])("$name", ({ text, want }) => {
    expect(show(text)).toEqual(want);
  });

  it("offsets are UTF-16 offsets of the decoded text (astral characters count two)", () => {
    const text = "😀 palsy";
    const [tok] = tokenize(text);
    expect(tok).toEqual({ start: 3, end: 8, norm: "palsy", gid: gidOf("palsy") });
  });

  it("every token's span is exactly the text between its offsets", () => {
    const text = "PREOPERATIVE DIAGNOSIS: Right facial paralysis (HB VI) s/p VS resection;\r\nPOD#1 — doing well.";
    for (const t of tokenize(text)) {
      expect(normalizeWord(text.slice(t.start, t.end))).toBe(t.norm);
    }
  });
});

describe("tokenize: a word split by a hyphen at a line end (OCR, wrapping) is one token", () => {
  it.each([
    { name: "LF", text: "hypo-\nglossal", joined: true },
    { name: "CRLF", text: "hypo-\r\nglossal", joined: true },
    { name: "indentation after the break", text: "hypo-\n   glossal", joined: true },
    { name: "spaces before the break", text: "hypo- \nglossal", joined: true },
    { name: "soft hyphen", text: "hypo\u00ad\nglossal", joined: true },
    { name: "Unicode hyphen", text: "hypo\u2010\nglossal", joined: true },
    { name: "hyphen without a line break stays two words", text: "hypo-glossal", joined: false },
    { name: "line break without a hyphen stays two words", text: "hypo\nglossal", joined: false },
    { name: "a capital after the break is a new word", text: "CN-\nXII", joined: false },
    { name: "a blank line between is a paragraph break", text: "hypo-\n\nglossal", joined: false },
  ])("$name", ({ text, joined }) => {
    const tokens = tokenize(text);
    if (joined) {
      expect(tokens).toEqual([{ start: 0, end: text.length, norm: "hypoglossal", gid: gidOf("hypoglossal") }]);
    } else {
      expect(tokens.length).toBe(2);
    }
  });
});

describe("normalizeWord", () => {
  it.each([
    ["HYPOGLOSSAL", "hypoglossal"],
    ["Bell's", "bells"],
    ["Bell’s", "bells"],
    ["ﬂaccid", "flaccid"],
    ["ＨＢ", "hb"], // full-width letters from some EHR exports
    ["already", "already"],
  ])("%s → %s", (word, norm) => {
    expect(normalizeWord(word)).toBe(norm);
  });
});

describe("tokenAt: the first token that does not end before an offset", () => {
  const text = "no facial movement";
  const tokens = tokenize(text); // no[0,2] facial[3,9] movement[10,18]
  it.each([
    [0, 0],
    [1, 0],
    [2, 1], // between "no" and "facial"
    [3, 1],
    [9, 2],
    [17, 2],
    [18, 3], // past the last token
    [100, 3],
  ])("offset %i → token %i", (offset, index) => {
    expect(tokenAt(tokens, offset)).toBe(index);
  });
});

describe("tokenize: the character scan agrees with the word pattern on any text", () => {
  // The definition the scanner implements: runs of letters, digits and marks, joined across an
  // apostrophe followed by a letter; each word in its normal form, numbered by the vocabulary; a
  // word cut by a hyphen at a line end joined back (see the cases above).
  const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
  const SOFT = /^[-\u00ad\u2010\u2011][ \t]*\r?\n[ \t]*$/;
  function reference(text: string) {
    const out: { start: number; end: number; norm: string }[] = [];
    for (const m of text.matchAll(WORD)) {
      const start = m.index!;
      const end = start + m[0].length;
      const prev = out[out.length - 1];
      if (prev && /^\p{Ll}/u.test(m[0]) && start - prev.end <= 8 && SOFT.test(text.slice(prev.end, start))) {
        prev.end = end;
        prev.norm += normalizeWord(m[0]);
      } else out.push({ start, end, norm: normalizeWord(m[0]) });
    }
    return out.map((t) => ({ ...t, gid: gidOf(t.norm) }));
  }
  // ASCII, accented and other-script letters, a combining mark, ligatures, both apostrophes,
  // digits (ASCII and Arabic-Indic), soft-break characters, the dotted capital I that grows when
  // lower-cased, and an astral letter.
  const pool = [..."aZ9 '’-\n\t.éÉñßΩωя中ﬁﬃ\u0301٣\u00ad\u2010İ", "𝐀"];
  const texts = fc.array(fc.constantFrom(...pool), { maxLength: 60 }).map((cs) => cs.join(""));
  // ASCII words that repeat, differ in case and share prefixes: what the hashing path numbers.
  const asciiTexts = fc
    .array(fc.constantFrom("nerve", "Nerve", "NERVE", "nerves", "n", "facial", "fa", "cn7", "VII", "7", "hypoglossal", "hypo-\nglossal", "Bell's"), { maxLength: 30 })
    .map((ws) => ws.join(" "));

  // Numbered from strings (a process's first note) or from characters hashed during the scan.
  it.each([false, true])("on random text (vocabulary hashing: %s)", (hashing) => {
    if (hashing) vocabulary.startHashing();
    else vocabulary.stopHashing();
    try {
      fc.assert(
        fc.property(fc.oneof(texts, asciiTexts), (text) => {
          expect(tokenize(text)).toEqual(reference(text));
        }),
        { numRuns: 3000 },
      );
    } finally {
      vocabulary.stopHashing();
    }
  });

  // What the regex anchors rely on (src/matchers/anchors.ts): every token that is not its own
  // text lower-cased, or that holds a character beyond ASCII, is listed (more may be, never fewer).
  it("lists every irregular token, in order", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const irregular: number[] = [];
        const tokens = tokenize(text, undefined, irregular);
        expect(tokens).toEqual(reference(text));
        expect([...irregular].sort((a, b) => a - b)).toEqual(irregular);
        expect(new Set(irregular).size).toBe(irregular.length);
        tokens.forEach((t, i) => {
          const span = text.slice(t.start, t.end);
          if (t.norm !== span.toLowerCase() || /[^\x00-\x7f]/.test(span)) expect(irregular, JSON.stringify(span)).toContain(i);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["a note that ends in a word", "Left facial palsy"],
    ["a possessive with a curly apostrophe", "Bell’s palsy and the patient's eye"],
    ["an accented word in ASCII text", "café au lait spots, naïve"],
    ["a letter that grows when lower-cased, before ASCII words", "İstanbul visit; facial nerve intact"],
    ["a wrapped word in a non-ASCII note", "hypo-\nglossal – nerve"],
  ])("%s", (_name, text) => {
    expect(tokenize(text)).toEqual(reference(text));
  });
});

describe("termWords: a plain term's words are its pieces between spaces", () => {
  it("agrees with the tokenizer on lower-case ASCII words and single spaces", () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
        const term = words.join(" ");
        expect(termWords(term)).toEqual(tokenize(term).map((t) => t.norm));
      }),
      { numRuns: 3000 },
    );
  });

  it("tokenizes every other term", () => {
    expect(termWords("House-Brackmann")).toEqual(["house", "brackmann"]);
    expect(termWords("Bell's palsy")).toEqual(["bells", "palsy"]);
    expect(termWords("s/p")).toEqual(["s", "p"]);
    expect(termWords("facial  nerve")).toEqual(["facial", "nerve"]);
  });
});
