import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { leadingWords } from "../../src/matchers/anchors.ts";
import { RegexMatcher, regexFlags } from "../../src/matchers/regex.ts";
import { fixtureNotes } from "../fixture-notes.ts";
import { doc } from "./helpers.ts";

describe("leadingWords", () => {
  it.each([
    ["\\b(?:2/2|secondary to|due to|following)\\s+(?:[a-z]+\\s+){0,4}surgery", ["2", "secondary", "due", "following"]],
    ["\\bgrade\\s+(?:vi|v)", ["grade"]],
    ["\\b(?:now|currently)\\b[^.]{0,40}x", ["now", "currently"]],
    ["\\b(?:8|9|10|11)-0\\s+nylon", ["8", "9", "10", "11"]],
    ["\\bSunnybrook\\b\\d", ["sunnybrook"]],
    ["\\b(?:at\\s+\\d+|at\\b)", ["at"]],
    ["\\bmonths?\\s", ["month", "months"]],
    ["\\b(?:s/p|(?:months?|wks?)\\s+after|had (?:her|a))\\s", ["s", "month", "months", "wk", "wks", "had"]],
  ])("%s starts with one of %j", (source, words) => {
    expect(leadingWords(source, "gi")).toEqual(words);
  });

  it.each([
    ["no leading \\b (a match may start inside a word)", "(?:after|since)\\s", "gi"],
    ["a branch that starts with a class", "\\b(?:house|h[\\- ]?b)\\s", "gi"],
    ["an optional hyphen: e-?face is also eface", "\\be-?face\\b", "gi"],
    ["optional spaces before a colon", "\\blaterality\\s*:", "gi"],
    ["a quantified last letter", "\\bmonths*\\s", "gi"],
    ["a lazy optional last letter", "\\bmonths??\\s", "gi"],
    ["an optional letter that is the whole word", "\\bs?\\s", "gi"],
    ["a nested group's word that goes on after the group", "\\b(?:(?:right|left)ward|up)\\s", "gi"],
    ["a nested group's words followed by a letter", "\\b(?:(?:a|b)|c)x?\\b", "gi"],
    ["a quantified nested group", "\\b(?:(?:a|b)?\\s+x|c)\\s", "gi"],
    ["a quantified group", "\\b(?:a|b)?x\\s", "gi"],
    ["a top-level alternation", "\\bafter\\s|\\bsince\\s", "gi"],
    ["a top-level alternation after the group", "\\b(?:now|currently)\\b|\\bat\\s+\\d+", "gi"],
    ["an empty alternative after the group", "\\b(?:after)\\s|", "gi"],
    ["a letter after the word", "\\bgrade[a-z]", "gi"],
    ["the u flag (Unicode case folding: ſ matches s)", "\\bsince\\s", "giu"],
    ["case-sensitive", "\\bsince\\s", "g"],
  ])("none for %s", (_name, source, flags) => {
    expect(leadingWords(source, flags)).toBeNull();
  });
});

/** Every match of one pattern, as a global search over the whole note finds them. */
function scanned(source: string, text: string): [number, number][] {
  const re = new RegExp(source, regexFlags(source));
  const out: [number, number][] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    else out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

function matched(source: string, text: string): [number, number][] {
  return new RegexMatcher([source]).find(doc(text)).map((m) => [m.start, m.end]);
}

const packPatterns: string[] = [];
(function walk(node: unknown): void {
  if (Array.isArray(node)) node.forEach(walk);
  else if (node && typeof node === "object") {
    const regex = (node as { regex?: string | string[] }).regex;
    if (regex !== undefined) packPatterns.push(...([] as string[]).concat(regex));
    Object.values(node).forEach(walk);
  }
})(parse(readFileSync(new URL("../../rules/64868.yaml", import.meta.url), "utf8")));

const anchoredPatterns = [
  ...new Set([
    ...packPatterns.filter((p) => leadingWords(p, regexFlags(p)) !== null),
    "\\b(?:now|currently)\\b",
    "\\b(?:after|since)\\s+\\w+",
    "\\b(?:2/2|due to)\\s",
    "\\b(?:(?:months?|wks?)\\s+after|since)\\s+\\w+",
  ]),
];

describe("RegexMatcher tried at the leading words' places finds what a scan of the note finds", () => {
  it("the pack has patterns of that shape", () => {
    expect(anchoredPatterns.length).toBeGreaterThanOrEqual(8);
  });

  // Words joined by an apostrophe, a soft line break or a letter beyond ASCII, an underscore (a
  // word character for \b, not for the tokenizer), capitals, and a character that grows when
  // lower-cased.
  const pieces = fc.constantFrom(
    "after", "After", "AFTER", "since", "now", "now's", "o'after", "x’after", "d'now", "éafter", "aftér", "_after", "after_",
    "2/2", "12/2", "2/2x", "due to", "Due  to", "secondary to", "caused by", "following", "follow-\n", "-\n  after", "hypo-\nglossal",
    "resection", "surgery", "HB VI", "House-Brackmann grade V", "grade 5", "grade VI on House-Brackmann", "at 3 months", "at", "months after", "3 wks after", "month  after", "Months\nafter",
    "currently", "9-0 nylon", "10-0 prolene", "Sunnybrook 40", "sunnybrook: 12", "yanagihara 8", "stennert 3", "laterality: left",
    "İ", "ﬁ", " ", "  ", "\n", ". ", ", ", "(", ")", "x", "1", "tumour", "craniotomy",
  );
  const texts = fc.array(pieces, { maxLength: 24 }).map((ps) => ps.join(""));

  it("a leading word inside an earlier match starts no match of its own (as a scan goes on after a match)", () => {
    const source = "\\b(?:after|since)\\s+\\w+";
    const text = "worse after after surgery, since since then";
    expect(matched(source, text)).toEqual(scanned(source, text));
    expect(matched(source, text).map(([s, e]) => text.slice(s, e))).toEqual(["after after", "since since"]);
  });

  // Found by an adversarial review: a pattern the scan-or-anchor choice got wrong, with a text.
  it.each([
    ["\\b(?:after)\\s|x", "a x b after c"],
    ["\\b(?:now|currently)\\b|\\bat\\s+\\d+", "seen at 3 months, now HB II"],
    ["\\b(?:after\\s|since)\\s|\\d+", "since 12"],
    // With "İ" (which grows when lower-cased) the note is scanned, after the literal pre-check.
    ["\\bat\\b\\u0061?", "ATİ"],
    ["\\bfoo\\s\\x41bcd", "foo Abcd İ"],
    ["\\bfoo\\s\\cJbar", "İ foo \nbar"],
    ["\\bfoo\\s+x{0,12345}", "foo x İ"],
    ["\\x41bcd", "x Abcd"],
  ])("%j on %j", (source, text) => {
    expect(matched(source, text)).toEqual(scanned(source, text));
  });

  it("on generated text", () => {
    fc.assert(
      fc.property(texts, fc.constantFrom(...anchoredPatterns), (text, source) => {
        expect(matched(source, text)).toEqual(scanned(source, text));
      }),
      { numRuns: 3000 },
    );
  });

  it("on every fixture note", () => {
    const notes = fixtureNotes();
    expect(notes.length).toBeGreaterThan(50);
    for (const { file, text } of notes) {
      // Patterns run on the text the document lays out: a raw transcript's, with its spoken
      // punctuation read as marks (text/spoken.ts), is not the note as written.
      const laidOut = doc(text).text;
      for (const source of anchoredPatterns) expect(matched(source, text), `${file}: ${source}`).toEqual(scanned(source, laidOut));
    }
  });
});
