import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadLexicons } from "../../src/rules/load.ts";
import { splitSentences } from "../../src/text/sentences.ts";

const { abbreviations } = loadLexicons();
const split = (text: string) => splitSentences(text, { abbreviations }).map((s) => text.slice(s.start, s.end));

describe("splitSentences: periods and abbreviations", () => {
  it.each([
    { name: "two plain sentences", text: "The face is flaccid. The eye does not close.", want: ["The face is flaccid.", "The eye does not close."] },
    { name: "a column gap separates statements", text: "EBL 30 cc   no complications   extubated", want: ["EBL 30 cc", "no complications", "extubated"] },
    { name: "a wrapped line of prose that only looks like a field continues its sentence", text: "I cannot document it\nas Bell's palsy: the onset was slow.", want: ["I cannot document it\nas Bell's palsy: the onset was slow."] },
    { name: "control: a field line after a finished sentence starts its own", text: "The onset was slow.\nCause: unknown.", want: ["The onset was slow.", "Cause: unknown."] },
    { name: "the alignment after a field's label belongs to its value", text: "Observation for recovery:     Not applicable", want: ["Observation for recovery:     Not applicable"] },
    { name: "? and ! end sentences", text: "Any recovery? None! Proceed.", want: ["Any recovery?", "None!", "Proceed."] },
    { name: "s/p is not a sentence end", text: "She is s/p VS resection. She has HB VI.", want: ["She is s/p VS resection.", "She has HB VI."] },
    { name: "Dr. before a name", text: "Seen by Dr. Smith today. He agrees.", want: ["Seen by Dr. Smith today.", "He agrees."] },
    { name: "Mrs. before a name", text: "Mrs. Jones is doing well. Drain out.", want: ["Mrs. Jones is doing well.", "Drain out."] },
    { name: "approx. before a number", text: "Paralysis for approx. 12 months. No recovery.", want: ["Paralysis for approx. 12 months.", "No recovery."] },
    { name: "e.g. inside a sentence", text: "Use drops, e.g. artificial tears. Continue.", want: ["Use drops, e.g. artificial tears.", "Continue."] },
    { name: "i.e. inside a sentence", text: "Steroids were given, i.e. prednisone. Then PT.", want: ["Steroids were given, i.e. prednisone.", "Then PT."] },
    { name: "q.d. dosing", text: "Take prednisone 60 mg q.d. for a week. Then taper.", want: ["Take prednisone 60 mg q.d. for a week.", "Then taper."] },
    { name: "b.i.d. dosing", text: "Valacyclovir 1 g b.i.d. for a week. Done.", want: ["Valacyclovir 1 g b.i.d. for a week.", "Done."] },
    { name: "y.o. age", text: "She is 47 y.o. and has a palsy. Next sentence.", want: ["She is 47 y.o. and has a palsy.", "Next sentence."] },
    { name: "decimals and dates do not split", text: "EMG 3.5 mV on 3/4/2024. No change.", want: ["EMG 3.5 mV on 3/4/2024.", "No change."] },
    { name: "an initial does not split", text: "Referred by J. Smith for HFA.", want: ["Referred by J. Smith for HFA."] },
    { name: "a period before a lower-case word continues", text: "Normal calibre nerve. with good fascicles.", want: ["Normal calibre nerve. with good fascicles."] },
    { name: "writer who never capitalises", text: "patient seen today. facial weakness persists.", want: ["patient seen today.", "facial weakness persists."] },
  ])("$name", ({ text, want }) => {
    expect(split(text)).toEqual(want);
  });

  it("an acronym before a period ends the sentence: \"start PT. Return in 3 months.\"", () => {
    expect(split("She will start PT. Return in 3 months.")).toEqual(["She will start PT.", "Return in 3 months."]);
  });
  it("\"resection of VS. She has HB VI.\" is two sentences", () => {
    expect(split("s/p resection of VS. She has HB VI.")).toEqual(["s/p resection of VS.", "She has HB VI."]);
  });
  it("an abbreviation at a line end does not end the sentence", () => {
    expect(split("Seen by Dr.\nSmith today.")).toEqual(["Seen by Dr.\nSmith today."]);
  });

  it("abbreviations of any length a pack lists, inline and at a line end; a longer word is a word", () => {
    const custom = new Set(["dr", "approximately", "ca"]);
    const cut = (text: string) => splitSentences(text, { abbreviations: custom }).map((s) => text.slice(s.start, s.end));
    expect(cut("Seen for approximately. Twelve months here. Done.")).toEqual(["Seen for approximately. Twelve months here.", "Done."]);
    expect(cut("Seen for approximately.\nTwelve months.")).toEqual(["Seen for approximately.\nTwelve months."]);
    expect(cut("Seen for approximatelyy. Twelve months.")).toEqual(["Seen for approximatelyy.", "Twelve months."]);
    expect(cut("Seen for approximatelyy.\nTwelve months.")).toEqual(["Seen for approximatelyy.", "Twelve months."]);
    // The built-in list (longest: six letters) still knows its own.
    expect(split("Seen for approx. Twelve months.")).toEqual(["Seen for approx. Twelve months."]);
    expect(split("Seen for approxim. Twelve months.")).toEqual(["Seen for approxim.", "Twelve months."]);
  });
});

describe("splitSentences: layout (lists, headers, fields, dictation, wrapped prose)", () => {
  it.each([
    {
      name: "bulleted list: one sentence per item",
      text: "- physical therapy\n- steroids\n• eye care\n◦ taping",
      want: ["- physical therapy", "- steroids", "• eye care", "◦ taping"],
    },
    {
      name: "checkbox list: one sentence per box",
      text: "[x] Physical therapy – no improvement\n[ ] Steroids\n[ ] Eye care",
      want: ["[x] Physical therapy – no improvement", "[ ] Steroids", "[ ] Eye care"],
    },
    { name: "lettered list", text: "a) physical therapy\nb) steroids", want: ["a) physical therapy", "b) steroids"] },
    { name: "ALL-CAPS header on its own line", text: "INDICATIONS\nThe patient has facial paralysis.", want: ["INDICATIONS", "The patient has facial paralysis."] },
    { name: "header with a colon on its own line", text: "INDICATIONS:\nRight facial paralysis.", want: ["INDICATIONS:", "Right facial paralysis."] },
    {
      name: "headers and bodies without periods",
      text: "FINDINGS\nhealthy nerve\nDESCRIPTION OF PROCEDURE\nthe nerve was cut",
      want: ["FINDINGS", "healthy nerve", "DESCRIPTION OF PROCEDURE", "the nerve was cut"],
    },
    {
      name: "Field: value lines are one sentence each",
      text: "Cause: vestibular schwannoma\nGrade: HB VI\nPT: failed",
      want: ["Cause: vestibular schwannoma", "Grade: HB VI", "PT: failed"],
    },
    { name: "Field: value with trailing blank line", text: "Diagnosis: Bell's palsy\nHB grade: VI\n", want: ["Diagnosis: Bell's palsy", "HB grade: VI"] },
    {
      name: "dictation without periods stays one sentence on one line",
      text: "patient seen today for facial weakness no movement on the right side eye does not close",
      want: ["patient seen today for facial weakness no movement on the right side eye does not close"],
    },
    {
      name: "wrapped prose continues the sentence across line breaks",
      text: "The patient underwent translabyrinthine resection of a right\nvestibular schwannoma and has had a complete paralysis\nsince surgery.",
      want: ["The patient underwent translabyrinthine resection of a right\nvestibular schwannoma and has had a complete paralysis\nsince surgery."],
    },
    { name: "wrapped line starting with a lower-case word", text: "Eye care with drops\nand ointment at night.", want: ["Eye care with drops\nand ointment at night."] },
    { name: "s/p at a line end continues", text: "She is s/p\nresection of a vestibular schwannoma.", want: ["She is s/p\nresection of a vestibular schwannoma."] },
    { name: "a line ending in a period ends the sentence", text: "No recovery.\nShe wants surgery.", want: ["No recovery.", "She wants surgery."] },
    { name: "a blank line ends a paragraph", text: "no movement\n\neye does not close", want: ["no movement", "eye does not close"] },
    { name: "CRLF line ends", text: "INDICATIONS:\r\nRight facial\r\nparalysis.\r\nPLAN:\r\nHFA.", want: ["INDICATIONS:", "Right facial\r\nparalysis.", "PLAN:", "HFA."] },
    { name: "lone CR line ends", text: "INDICATIONS:\rRight facial\rparalysis.", want: ["INDICATIONS:", "Right facial\rparalysis."] },
    { name: "a header line ends an unterminated sentence before it", text: "doing well\nPLAN:\nreturn", want: ["doing well", "PLAN:", "return"] },
  ])("$name", ({ text, want }) => {
    expect(split(text)).toEqual(want);
  });

  it("numbered list items are never joined to each other", () => {
    const text = "1. Right facial paralysis\n2. Exposure keratopathy\n3. Oral incompetence";
    const sentences = split(text);
    const holding = (word: string) => sentences.filter((s) => s.includes(word));
    for (const w of ["paralysis", "keratopathy", "incompetence"]) expect(holding(w)).toHaveLength(1);
    expect(holding("paralysis")[0]).not.toMatch(/keratopathy|incompetence/);
    expect(holding("keratopathy")[0]).not.toMatch(/incompetence/);
  });
  it("a numbered list item keeps its number", () => {
    expect(split("1. Right facial paralysis\n2. Lagophthalmos")).toEqual(["1. Right facial paralysis", "2. Lagophthalmos"]);
  });
  it("a wrapped \"Field: value\" line continues onto a lower-case line", () => {
    expect(split("HPI: Patient denies any history of\ntrauma.\nExam: HB VI.")).toEqual(["HPI: Patient denies any history of\ntrauma.", "Exam: HB VI."]);
  });

  it("sentences are trimmed, ordered, non-overlapping and inside the text", () => {
    const text = "  OPERATIVE REPORT\n\n  INDICATIONS: Right HB VI.  No recovery after PT; eye care.\n- item one\n   wrapped line\n\n";
    const sents = splitSentences(text, { abbreviations });
    let last = 0;
    for (const s of sents) {
      expect(s.start).toBeGreaterThanOrEqual(last);
      expect(s.end).toBeGreaterThan(s.start);
      const body = text.slice(s.start, s.end);
      expect(body).toBe(body.trim());
      last = s.end;
    }
    expect(last).toBeLessThanOrEqual(text.length);
  });

  it("empty and blank texts have no sentences", () => {
    expect(split("")).toEqual([]);
    expect(split(" \n\r\n\t ")).toEqual([]);
  });
});

describe("splitSentences: line ends", () => {
  // Lines of the kinds notes hold: prose, fields, headers, lists, wrapped words, gaps, blanks.
  const LINES = [
    "The face is flaccid. The eye does not close.",
    "Seen by Dr.",
    "Smith today, who agrees",
    "HPI:",
    "Plan: PT referral",
    "continued from the line above",
    "FAMILY HISTORY",
    "1. Right facial paralysis",
    "- tarsorrhaphy",
    "the hypo-",
    "glossal nerve was found",
    "EBL 30 cc   no complications",
    "",
    "   ",
    "Drooling ...... absent",
  ];
  const notes = fc.array(fc.constantFrom(...LINES), { maxLength: 14 }).map((ls) => ls.join("\n"));

  it("CRLF and lone CR split a note as LF does (the LF-only path and the general one agree)", () => {
    fc.assert(
      fc.property(notes, (text) => {
        const lf = split(text);
        expect(split(text.replace(/\n/g, "\r\n")).map((s) => s.replace(/\r/g, ""))).toEqual(lf);
        expect(split(text.replace(/\n/g, "\r")).map((s) => s.replace(/\r/g, "\n"))).toEqual(lf);
      }),
      { numRuns: 1000 },
    );
  });

  it("indentation before a line and spaces after it change no sentence (sentence ends are searched for once per note)", () => {
    const pads = fc.constantFrom("", "   ", "\t", "\t\t", "    ", " \t  ");
    const padded = fc.array(fc.tuple(pads, fc.constantFrom(...LINES), pads), { maxLength: 14 });
    fc.assert(
      fc.property(padded, (rows) => {
        const plain = rows.map(([, line]) => line).join("\n");
        const text = rows.map(([before, line, after]) => before + line + (line.trim() === "" ? "" : after)).join("\n");
        expect(split(text).map((s) => s.replace(/\s+/g, " "))).toEqual(split(plain).map((s) => s.replace(/\s+/g, " ")));
      }),
      { numRuns: 1000 },
    );
  });
});
