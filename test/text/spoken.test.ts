import { beforeAll, describe, expect, it } from "vitest";
import { checkText, loadRulePack } from "../../src/index.ts";
import type { RulePack } from "../../src/rules/compile.ts";
import { loadLexicons } from "../../src/rules/load.ts";
import { NoteDocument } from "../../src/text/document.ts";
import { readSpoken } from "../../src/text/spoken.ts";

const lex = loadLexicons();
const spoken = lex.spoken!;
const read = (text: string) => readSpoken(text, text.toLowerCase(), spoken);

// A raw transcript: the author said the punctuation aloud (text.yaml's signal is "comma").
const TRANSCRIPT =
  "history colon 58M comma left facial paralysis for sixteen months period he tried PT comma NMES comma and taping comma no recovery period new paragraph\n" +
  "exam today colon L HB VI comma no tone period\n";

describe("readSpoken: a raw transcript's spoken punctuation", () => {
  it("reads each spoken mark as the mark, in a copy of the same length", () => {
    const out = read(TRANSCRIPT);
    expect(out.length).toBe(TRANSCRIPT.length);
    expect(out).toMatch(/^history: \u00a0+ 58M, \u00a0+ left facial paralysis for sixteen months\. \u00a0+ he tried PT,/);
    expect(out).toMatch(/exam today: \u00a0+ L HB VI,/);
    // "new paragraph" is a paragraph break.
    expect(out).toMatch(/no recovery\.[ \u00a0]*\n\n *\nexam today/);
  });

  it("every word that is not a spoken mark stays at its offset", () => {
    const out = read(TRANSCRIPT);
    for (const m of TRANSCRIPT.matchAll(/[A-Za-z0-9]+/g)) {
      if (/^(?:colon|comma|period|new|paragraph)$/.test(m[0])) continue;
      expect(out.slice(m.index!, m.index! + m[0].length)).toBe(m[0]);
    }
  });

  it("leaves a note alone that says the signal fewer times than text.yaml asks", () => {
    const note = "Plan colon none. The comma in the template is a typo, and so is this comma.";
    expect(read(note)).toBe(note);
  });

  it("keeps 'period' and 'colon' as words beside the words that make them words", () => {
    const note = TRANSCRIPT + "after a period of observation comma the sigmoid colon comma an observation period of ten months comma the waiting period ended period\n";
    const out = read(note);
    expect(out).toContain("after a period of observation,");
    expect(out).toContain("the sigmoid colon,");
    expect(out).toContain("an observation period of ten months,");
    expect(out).toMatch(/the waiting period ended\./);
  });

  it("takes a mark the transcriptionist wrote after the words with them: 'New paragraph. Plan.'", () => {
    const note = "a comma b comma c comma d. New paragraph. Plan: review.\n";
    const out = read(note);
    expect(out.length).toBe(note.length);
    expect(out).toMatch(/d\.\n\n +Plan: review\./);
  });
});

describe("NoteDocument of a raw transcript", () => {
  it("splits its sentences at the spoken periods and not at the padding", () => {
    const doc = new NoteDocument(TRANSCRIPT, lex);
    const sentenceOf = (phrase: string) => {
      const at = TRANSCRIPT.indexOf(phrase);
      return doc.sentences.findIndex((s) => s.start <= at && at < s.end);
    };
    // One sentence from "he tried" to "no recovery", across three spoken commas (their padding
    // is no column gap), and another before it.
    expect(sentenceOf("he tried")).toBeGreaterThanOrEqual(0);
    expect(sentenceOf("no recovery")).toBe(sentenceOf("he tried"));
    expect(sentenceOf("sixteen months")).not.toBe(sentenceOf("he tried"));
  });

  it("finds the headers the author said ('history colon', 'exam today colon')", () => {
    const doc = new NoteDocument(TRANSCRIPT, lex);
    expect(doc.sections.map((s) => s.name)).toContain("HISTORY OF PRESENT ILLNESS");
  });
});

describe("checking a raw transcript", () => {
  let pack: RulePack;
  beforeAll(async () => {
    pack = await loadRulePack("64868");
  });
  // An earlier operation's course, in the history: not this operation's progress.
  const NOTE =
    "OPERATIVE REPORT (speech recognition, unedited)\n\n" +
    "history colon s/p L VS resection 11 mo ago comma course after that operation was rough colon CSF leak POD 4 comma then meningitis comma discharged to rehab period new paragraph\n" +
    "L face HB VI ever since comma PT NMR 7 mo comma no change period\n";

  it("an earlier operation's course under a spoken 'history colon' is not post-operative progress", () => {
    const r = checkText(NOTE, { pack }).rules.find((x) => x.id === "postop-progress")!;
    expect(r.status).toBe("fail");
  });

  it("quotes evidence as the note has it, spoken words and all", () => {
    const r = checkText(NOTE, { pack });
    for (const rule of r.rules) {
      for (const e of [...rule.evidence, ...rule.ignored]) expect(e.text).toBe(NOTE.slice(e.start!, e.end!));
    }
    const cause = r.rules.find((x) => x.id === "paralysis-cause")!;
    expect(cause.status).toBe("pass");
  });

  it("line numbers count the note's own lines, not the paragraph breaks it was read with", () => {
    const r = checkText(NOTE, { pack });
    const hb = r.rules.find((x) => x.id === "paralysis-extent")!.evidence.find((e) => e.text.includes("HB VI"))!;
    expect(hb.line).toBe(4);
  });
});
