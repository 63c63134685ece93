import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeywordMatcher, KeywordTable } from "../../src/matchers/keyword.ts";
import { findPhrases, toPhrases } from "../../src/matchers/phrase.ts";
import { doc, found } from "./helpers.ts";

describe("KeywordMatcher", () => {
  it.each([
    // case and word boundaries
    { name: "case-insensitive", terms: ["pt"], text: "PT, Pt and pt.", want: ["PT", "Pt", "pt"] },
    { name: '"pt" never inside "patient", "adapt" or "opt"', terms: ["pt"], text: "The patient adapted; opt out.", want: [] },
    { name: "a word is not matched inside a longer word", terms: ["palsy"], text: "palsying palsy", want: ["palsy"] },
    { name: "plural is a different word for keywords", terms: ["facial nerve"], text: "facial nerves", want: [] },
    { name: "digits are word-bounded too", terms: ["cn 7"], text: "CN 71, CN 7", want: ["CN 7"] },
    // separators between the words of a phrase
    { name: "House-Brackmann: hyphen", terms: ["house-brackmann"], text: "House-Brackmann VI", want: ["House-Brackmann"] },
    { name: "House Brackmann: space", terms: ["house-brackmann"], text: "House Brackmann VI", want: ["House Brackmann"] },
    { name: "House–Brackmann: en dash", terms: ["house-brackmann"], text: "House–Brackmann VI", want: ["House–Brackmann"] },
    { name: "House—Brackmann: em dash", terms: ["house brackmann"], text: "House—Brackmann VI", want: ["House—Brackmann"] },
    { name: "House\\nBrackmann: line break", terms: ["house-brackmann"], text: "House\nBrackmann VI", want: ["House\nBrackmann"] },
    { name: "House\\r\\nBrackmann: CRLF", terms: ["house brackmann"], text: "House\r\nBrackmann VI", want: ["House\r\nBrackmann"] },
    { name: "House/Brackmann: slash", terms: ["house brackmann"], text: "House/Brackmann VI", want: ["House/Brackmann"] },
    { name: "a spaced term matches the hyphenated text", terms: ["House Brackmann"], text: "House-Brackmann", want: ["House-Brackmann"] },
    { name: "written together", terms: ["house brackmann"], text: "HouseBrackmann VI", want: ["HouseBrackmann"] },
    { name: "a comma between the words breaks the phrase", terms: ["house brackmann"], text: "House, Brackmann", want: [] },
    { name: "a period between the words breaks the phrase", terms: ["house brackmann"], text: "House. Brackmann", want: [] },
    { name: "another word between breaks the phrase", terms: ["facial nerve"], text: "facial and nerve", want: [] },
    { name: 'term "CN XII" matches CN XII, CNXII and CN-XII', terms: ["cn xii"], text: "CN XII, CNXII, CN-XII, CN 12", want: ["CN XII", "CNXII", "CN-XII"] },
    { name: 'term "CNXII" matches CNXII', terms: ["cnxii"], text: "CNXII", want: ["CNXII"] },
    // OCR and copy-paste
    { name: "OCR hyphenation across a line", terms: ["hypoglossal"], text: "the hypo-\nglossal nerve", want: ["hypo-\nglossal"] },
    { name: "OCR hyphenation across a CRLF line", terms: ["hypoglossal nerve"], text: "the hypo-\r\nglossal nerve", want: ["hypo-\r\nglossal nerve"] },
    { name: "ligature ﬁ matches fi", terms: ["fibrin"], text: "ﬁbrin glue", want: ["ﬁbrin"] },
    { name: "ligature in the term", terms: ["ﬁbrin"], text: "fibrin glue", want: ["fibrin"] },
    { name: "ligature ﬂ", terms: ["flaccid"], text: "ﬂaccid face", want: ["ﬂaccid"] },
    { name: "apostrophes: Bell's / Bells / Bell’s", terms: ["bell's palsy"], text: "Bells palsy; Bell’s palsy; BELL'S PALSY", want: ["Bells palsy", "Bell’s palsy", "BELL'S PALSY"] },
    { name: "doubled spaces", terms: ["facial nerve"], text: "facial  nerve", want: ["facial  nerve"] },
    // several terms
    { name: "every occurrence, in text order", terms: ["palsy", "paralysis"], text: "paralysis, palsy, paralysis", want: ["paralysis", "palsy", "paralysis"] },
    { name: "a longer term wins over one it contains", terms: ["facial nerve", "facial nerve trunk"], text: "the facial nerve trunk", want: ["facial nerve trunk"] },
    { name: "duplicate terms give one mention", terms: ["xii", "XII"], text: "CN XII", want: ["XII"] },
    { name: "nothing to find", terms: ["hypoglossal"], text: "", want: [] },
  ])("$name", ({ terms, text, want }) => {
    expect(found(new KeywordMatcher(terms), text)).toEqual(want);
  });

  it("reports the token range of a mention", () => {
    const d = doc("No right facial nerve function.");
    expect(new KeywordMatcher(["facial nerve"]).find(d)).toEqual([{ start: 9, end: 21, from: 2, to: 4 }]);
  });
});

describe("KeywordTable (every case-insensitive keyword matcher of a pack searched at once)", () => {
  const WORDS = ["facial", "nerve", "trunk", "palsy", "cn", "xii", "graft", "the", "no"];
  /** The plain search, phrase by phrase: what each matcher must find, table or not. */
  const reference = (terms: string[], text: string) => {
    const d = doc(text);
    return findPhrases(d, toPhrases(terms), (w) => d.words.positions(w), (i, w) => d.tokens[i]!.norm === w);
  };

  it("matchers sharing a table each find what they find alone, with shared prefixes and repeats", () => {
    const table = new KeywordTable();
    const sets = [["facial"], ["facial nerve", "nerve graft"], ["facial nerve trunk", "cn xii"], ["facial nerve"]];
    const matchers = sets.map((terms) => new KeywordMatcher(terms, {}, table));
    const text = "The facial nerve trunk; facial nerve graft. CNXII, CN-XII and the facial\nnerve. Facial, nerve.";
    // The first note is searched phrase by phrase, later ones through the trie: both must agree.
    for (const d of [doc(text), doc(text), doc(text)]) matchers.forEach((m, k) => expect(m.find(d)).toEqual(reference(sets[k]!, text)));
  });

  it("searches the first note phrase by phrase and builds its trie for the second", () => {
    const table = new KeywordTable();
    const m = new KeywordMatcher(["facial nerve"], {}, table);
    m.find(doc("facial nerve"));
    expect((table as unknown as { root: unknown }).root).toBeNull();
    m.find(doc("facial nerve"));
    expect((table as unknown as { root: unknown }).root).toBeInstanceOf(Map);
  });

  it("property: any terms, any text of their words, same mentions as the plain search", () => {
    const term = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((w) => w.join(" "));
    const sep = fc.constantFrom(" ", "  ", "-", ", ", ". ", "\n", "/", "");
    const text = fc.array(fc.tuple(fc.constantFrom(...WORDS, "Facial", "NERVE"), sep), { maxLength: 30 }).map((p) => p.map(([w, s]) => w + s).join(""));
    fc.assert(
      fc.property(fc.array(fc.array(term, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), text, (sets, t) => {
        const table = new KeywordTable();
        const matchers = sets.map((terms) => new KeywordMatcher(terms, {}, table));
        for (const d of [doc(t), doc(t)]) matchers.forEach((m, k) => expect(m.find(d)).toEqual(reference(sets[k]!, t)));
      }),
      { numRuns: 500 },
    );
  });
});
