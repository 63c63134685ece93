/**
 * Properties of the library API (issue 5), over arbitrary text and over random mixes of the
 * clinical phrases the rules and the context engine react to: checkText never throws, every
 * quoted span is the note sliced at its offsets with the right line and column, a result survives
 * a JSON round trip unchanged, and assessContext accepts any span.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { assessContext, checkText, loadRulePack, type RulePack } from "../src/index.ts";
import { spanProblems } from "./span-helpers.ts";

const RUNS = 200;

let pack: RulePack;
beforeAll(async () => {
  pack = await loadRulePack("64868");
}, 60_000);

/** Words, headers, glyphs and punctuation that triggers, sections, matchers and the sentence splitter act on. */
const PHRASES = [
  "no", "not", "denies", "without", "no evidence of", "ruled out", "possible", "may", "will", "plan to",
  "mother", "family history of", "history of", "s/p", "House-Brackmann VI", "HB grade V", "Sunnybrook 12",
  "complete", "incomplete", "hypoglossal", "hypoglossal nerve", "hypo-\nglossal", "CN XII", "CNXII", "XII",
  "facial nerve", "identified", "stimulated", "coapted", "9-0 nylon", "neurorrhaphy", "operating microscope",
  "incision", "closed in layers", "preserved", "spinal accessory", "Bell's palsy", "Ramsay Hunt",
  "vestibular schwannoma", "resection", "trauma", "PT", "Pt", "physical therapy", "steroids",
  "no improvement", "improving", "despite", "refractory", "eye closure", "drooling", "exposure keratopathy",
  "tolerated the procedure well", "follow-up", "post-operative", "PLAN:", "FAMILY HISTORY:", "CONSENT:",
  "INDICATIONS:", "POSTOPERATIVE STATUS:", "DESCRIPTION OF PROCEDURE:", "Assessment/Plan", "[ ]", "[x]",
  "[X]", "☐", "☒", "✓", "Dr.", "e.g.", "1.", "2)", "-", "|", ":", ";", ",", ".", "?", "!", "(", ")", "\"",
  "'", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "\u2028", "\u00A0", "\u200F", "\u0301", "😀", "é", "Ä°",
] as const;

const SEPARATORS = ["", " ", " ", "\n", "\r\n", "\r", ". ", ", ", "\t"] as const;

/** A note made of phrases joined by random separators. */
const clinicalMix = fc
  .array(fc.tuple(fc.constantFrom(...PHRASES), fc.constantFrom(...SEPARATORS)), { maxLength: 80 })
  .map((parts) => parts.map(([p, s]) => p + s).join(""));

/** Any UTF-16 code units, lone surrogates included: what a JavaScript caller can pass. */
const utf16Units = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 })
  .map((codes) => String.fromCharCode(...codes));

/** Text heavy in the three line ends and the characters around them. */
const lineEnds = fc
  .array(fc.constantFrom("a", "no", " ", ".", "\n", "\r", "\r\n", "\n\r", "PLAN:", "hypoglossal"), { maxLength: 120 })
  .map((parts) => parts.join(""));

const TEXTS = {
  "ascii strings": fc.string({ maxLength: 300 }),
  "grapheme strings": fc.string({ unit: "grapheme", maxLength: 200 }),
  "full Unicode code points": fc.string({ unit: "binary", maxLength: 200 }),
  "raw UTF-16 code units (lone surrogates)": utf16Units,
  "line-end-heavy text": lineEnds,
  "mixes of clinical phrases": clinicalMix,
};

function checkInvariants(text: string): void {
  const result = checkText(text, { pack, file: "note.txt" });
  expect(["pass", "fail"]).toContain(result.status);
  expect(result.rules.map((r) => r.id)).toEqual(pack.rules.map((r) => r.id));
  expect(spanProblems(result, text)).toEqual([]);
  // What the CLI prints is JSON.stringify of this: nothing may be lost or changed on the way.
  expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result);
}

describe.each(Object.entries(TEXTS))("checkText over %s", (_label, arb) => {
  it("never throws; spans slice the note; line/column agree; JSON round trip is exact", () => {
    fc.assert(fc.property(arb, checkInvariants), { numRuns: RUNS });
  }, 120_000);
});

describe("checkText", () => {
  it("gives the same result for the same note (no state kept between calls)", () => {
    fc.assert(
      fc.property(clinicalMix, clinicalMix, (a, b) => {
        const first = checkText(a, { pack });
        checkText(b, { pack });
        expect(checkText(a, { pack })).toStrictEqual(first);
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it("holds the span invariants when a clinical mix uses \\r\\n or lone \\r line ends", () => {
    fc.assert(
      fc.property(clinicalMix, fc.constantFrom("\r\n", "\r"), (text, eol) => checkInvariants(text.replace(/\r\n|\r|\n/g, eol))),
      { numRuns: RUNS },
    );
  }, 120_000);
});

/** In range, out of range, reversed, fractional and non-finite offsets. */
const offset = fc.oneof(
  fc.integer({ min: -50, max: 400 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MAX_SAFE_INTEGER, -0),
);

describe("assessContext", () => {
  it.each(Object.entries(TEXTS))("never throws for any span over %s, and reports triggers as slices", (_label, arb) => {
    fc.assert(
      fc.property(arb, offset, offset, (text, start, end) => {
        const ctx = assessContext(text, { start, end });
        for (const k of ["negated", "possible", "hypothetical", "historical", "family"] as const) {
          expect(typeof ctx[k]).toBe("boolean");
        }
        for (const t of ctx.triggers) {
          expect(t.start >= 0 && t.start <= t.end && t.end <= text.length, `trigger ${t.start}..${t.end}`).toBe(true);
          // Every trigger, section headers included, quotes the note at its offsets.
          expect(t.text).toBe(text.slice(t.start, t.end));
        }
        expect(JSON.parse(JSON.stringify(ctx))).toStrictEqual(ctx);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it("a section trigger quotes the header as written", () => {
    const text = "FAMILY HISTORY:\nBell's palsy in the twenties.";
    const at = text.indexOf("Bell's palsy");
    const ctx = assessContext(text, { start: at, end: at + 12 });
    expect(ctx.family).toBe(true);
    expect(ctx.triggers).toContainEqual({ text: "FAMILY HISTORY", category: "section", start: 0, end: 14 });
  });

  it("judges a mention inside a clinical mix without throwing, for every word of it", () => {
    fc.assert(
      fc.property(clinicalMix, (text) => {
        for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) assessContext(text, { start: m.index, end: m.index + m[0].length });
      }),
      { numRuns: 50 },
    );
  }, 120_000);
});
