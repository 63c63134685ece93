/**
 * General mechanisms found while measuring on notes written blind to the rules: each case is a
 * short note and the verdict a coding auditor would give.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { checkText, loadRulePack, assessContext } from "../src/index.ts";
import type { RulePack } from "../src/rules/compile.ts";
import { findSections } from "../src/text/sections.ts";
import { loadLexicons } from "../src/rules/load.ts";

let pack: RulePack;
beforeAll(async () => {
  pack = await loadRulePack("64868");
});

const status = (text: string, rule: string) => checkText(text, { pack }).rules.find((r) => r.id === rule)!.status;

describe("an addendum withdraws what it negates", () => {
  const body =
    "HPI: Left facial paralysis after parotidectomy. He completed 12 months of physical therapy with no recovery.\n\n";
  it("the copied-forward treatment history stands without a correction", () => {
    expect(status(body, "conservative-treatment-failed")).toBe("pass");
  });
  it("and is withdrawn, whole sentence, by an addendum that negates it", () => {
    const note = body + "ADDENDUM - [redacted], MD (next day)\nHe has never had facial physical therapy; the statement above was copied forward in error.\n";
    const r = checkText(note, { pack }).rules.find((x) => x.id === "conservative-treatment-failed")!;
    expect(r.status).toBe("fail");
    expect(r.ignored.some((i) => i.reason === "withdrawn by a later correction")).toBe(true);
  });
  it("a negation of something else in the addendum withdraws nothing", () => {
    const note = body + "ADDENDUM:\nNo wound hematoma was seen on the ward.\n";
    expect(status(note, "conservative-treatment-failed")).toBe("pass");
  });
});

describe("an addendum withdraws only what it corrects", () => {
  const body =
    "DIAGNOSIS: Left facial paralysis 11 months after middle fossa resection of a vestibular schwannoma.\n\n" +
    "PROCEDURE: Left hypoglossal-facial anastomosis under the operating microscope.\n\n";
  it("a grade corrected beside the cause ('should read HB VI, not HB V') withdraws no cause", () => {
    const note =
      "HPI: Left facial paralysis after resection of a vestibular schwannoma.\n\n" +
      "ADDENDUM 1 (surgeon, same day): Corrections to the report above. (a) Preoperative diagnosis should read HB VI, " +
      "not HB V; she had no movement in any zone pre-operatively, as recorded in clinic.\n";
    expect(status(note, "paralysis-cause")).toBe("pass");
  });
  it("'inspected under loupes and were intact' withdraws no operating microscope", () => {
    const note = body + "ADDENDUM 2: She returned to theatre for a haematoma; the repairs were inspected under loupes and were intact.\n";
    const r = checkText(note, { pack }).rules.find((x) => x.id === "procedure-details")!;
    expect(r.evidence.some((e) => e.text.toLowerCase().includes("operating microscope"))).toBe(true);
  });
  it("a denial withdraws what the note said of the part before it, in other words", () => {
    const note =
      "4. Prior treatment\nCorticosteroids: yes. Physical therapy: 3 months, no improvement.\n\n" +
      "ADDENDUM (surgeon): Section 4 was pre-filled from another visit. For the current paralysis no steroids or physiotherapy have been given.\n";
    expect(status(note, "conservative-treatment-failed")).toBe("fail");
  });
  it("control: an addendum that negates the cause itself withdraws it", () => {
    const note = body + "ADDENDUM: Correction - she never had a vestibular schwannoma; that history belongs to another patient.\n";
    expect(status(note, "paralysis-cause")).toBe("fail");
  });
});

describe("near matches", () => {
  it("a negation between the two terms applies", () => {
    const ctxNote = "The hypoglossal nerve was not exposed during the dissection.";
    const r = checkText(ctxNote, { pack }).rules.find((x) => x.id === "procedure-details")!;
    expect(r.evidence.some((e) => e.part === "hypoglossal nerve identified")).toBe(false);
  });
});

describe("post-operative course in a follow-up note", () => {
  it("counts anywhere in a note that is a follow-up of the operation", () => {
    const note = "CC: 9-month post-op check after left HFA.\n\nExam:\n- Mild oral-ocular synkinesis on tongue press.\n";
    expect(status(note, "postop-progress")).toBe("pass");
  });
  it("does not count in a clinic note about Bell's palsy with no operation", () => {
    const note = "CC: Bell's palsy follow-up.\n\nExam:\n- Mild oral-ocular synkinesis when smiling.\n";
    expect(status(note, "postop-progress")).toBe("fail");
  });
});

describe("section headers the lexicon does not spell out", () => {
  const lex = loadLexicons().sections;
  it("a known title followed by a dash and a signature", () => {
    const s = findSections("Body.\n\nADDENDUM - [redacted], MD (next day)\nThe donor was the hypoglossal nerve.\n", lex);
    expect(s.map((x) => x.category)).toEqual(["addendum"]);
  });
  it("a short Title-case line after a blank line ends the section before it", () => {
    const text = "Procedure: right HFA,\nwith microscope.\n\nPreoperative review\nThrown from a motorcycle.\n";
    const s = findSections(text, lex);
    expect(s.map((x) => x.name)).toEqual(["PROCEDURE", "Preoperative review"]);
  });
});

describe("assessContext on clinical patterns", () => {
  it.each([
    ["Review of systems is negative for fever and night sweats.", "night sweats", "negated"],
    ["Acute coronary syndrome has been ruled out.", "Acute coronary syndrome", "negated"],
    ["There is no midline shift, and a small subdural hematoma is again noted.", "subdural hematoma", null],
    ["No improvement in her shortness of breath despite diuresis.", "shortness of breath", null],
    ["Mother reports the patient has been wheezing at night.", "wheezing", null],
    ["She had a hysterectomy in 2008.", "hysterectomy", "historical"],
  ] as const)("%s", (text, target, category) => {
    const start = text.indexOf(target);
    const ctx = assessContext(text, { start, end: start + target.length });
    for (const c of ["negated", "possible", "hypothetical", "historical", "family"] as const) {
      expect(ctx[c], c).toBe(c === category);
    }
  });
});
