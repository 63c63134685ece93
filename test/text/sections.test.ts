import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadLexicons } from "../../src/rules/load.ts";
import { isAscii } from "../../src/text/chars.ts";
import { fixtureNotes } from "../fixture-notes.ts";
import { findSections, matchHeader, matchHeaderPatterns, normalizeTitle, sectionAt } from "../../src/text/sections.ts";

const lex = loadLexicons().sections;
const sections = (text: string) => findSections(text, lex);
/** The section (name/category/context) holding the first occurrence of a phrase. */
function sectionOf(text: string, phrase: string) {
  const at = text.indexOf(phrase);
  if (at < 0) throw new Error(`test bug: "${phrase}" not in text`);
  const s = sectionAt(sections(text), at);
  return s ? { name: s.name, category: s.category, context: s.context } : undefined;
}

describe("findSections: header spellings", () => {
  it.each([
    // op-note headers
    ["PREOPERATIVE DIAGNOSIS: Right facial paralysis.", "PREOPERATIVE DIAGNOSIS", "diagnosis"],
    ["Pre-operative diagnosis: right facial paralysis", "PREOPERATIVE DIAGNOSIS", "diagnosis"],
    ["Pre-op Dx: right facial paralysis", "PREOPERATIVE DIAGNOSIS", "diagnosis"],
    ["POSTOPERATIVE DIAGNOSIS: Same.", "POSTOPERATIVE DIAGNOSIS", "diagnosis"],
    ["PROCEDURE PERFORMED:\nHypoglossal-facial anastomosis", "PROCEDURE", "procedure"],
    ["Procedure(s):\nHypoglossal-facial anastomosis", "PROCEDURE", "procedure"],
    ["PROCEDURE(S): hypoglossal-facial anastomosis", "PROCEDURE", "procedure"],
    ["Name of Operation: hypoglossal-facial anastomosis", "PROCEDURE", "procedure"],
    ["INDICATIONS:\nblah", "INDICATIONS", "indications"],
    ["Indications for surgery: blah", "INDICATIONS", "indications"],
    ["Relevant history:\nThat skull base operation was complicated by a CSF leak", "HISTORY OF PRESENT ILLNESS", "history"],
    ["HPC: facial palsy for 13 months", "HISTORY OF PRESENT ILLNESS", "history"],
    ["History of presenting illness:\nRight facial palsy after mastoid surgery", "HISTORY OF PRESENT ILLNESS", "history"],
    ["Risk explained: tongue weakness, synkinesis", "CONSENT", "consent"],
    ["EXPECTED POST-OPERATIVE COURSE\nDischarge on the first post-operative day", "PLAN", "plan"],
    ["DESCRIPTION OF PROCEDURE:\nincision", "DESCRIPTION OF PROCEDURE", "operative_technique"],
    ["### Description of the Procedure\nincision", "DESCRIPTION OF PROCEDURE", "operative_technique"],
    ["Operative technique\nincision", "DESCRIPTION OF PROCEDURE", "operative_technique"],
    ["Operation note (summary of my dictated note)\nA left postauricular incision", "DESCRIPTION OF PROCEDURE", "operative_technique"],
    ["## Findings\nhealthy nerve", "FINDINGS", "findings"],
    ["Intra-operative findings: healthy nerve", "FINDINGS", "findings"],
    ["COMPLICATIONS: None.", "COMPLICATIONS", "complications"],
    ["EBL: 30 mL", "ESTIMATED BLOOD LOSS", "ebl"],
    ["POSTOPERATIVE STATUS:\nstable", "DISPOSITION", "postop"],
    ["Post-op course: uneventful", "DISPOSITION", "postop"],
    ["Disposition: PACU", "DISPOSITION", "postop"],
    // clinic headers
    ["History of Present Illness: 47F", "HISTORY OF PRESENT ILLNESS", "history"],
    ["HPI: 47F", "HISTORY OF PRESENT ILLNESS", "history"],
    ["Chief Complaint: droop", "HISTORY OF PRESENT ILLNESS", "history"],
    ["Past Medical History: HTN", "PAST MEDICAL HISTORY", "past_history"],
    ["PMH: HTN", "PAST MEDICAL HISTORY", "past_history"],
    ["Family History: noncontributory", "FAMILY HISTORY", "family_history"],
    ["FH: none", "FAMILY HISTORY", "family_history"],
    ["Social History: nonsmoker", "SOCIAL HISTORY", "social_history"],
    ["Physical exam: HB VI", "EXAMINATION", "examination"],
    ["Assessment and Plan: HFA", "ASSESSMENT", "assessment"],
    ["A/P: HFA", "ASSESSMENT", "assessment"],
    ["Impression: palsy", "ASSESSMENT", "assessment"],
    ["Follow-up: 2 weeks", "PLAN", "plan"],
    ["PLAN: start PT", "PLAN", "plan"],
    ["plan\nstart PT", "PLAN", "plan"],
    ["2. Plan: call in a week", "PLAN", "plan"],
    ["Informed consent: risks discussed", "CONSENT", "consent"],
    ["Plan\r\nstart PT", "PLAN", "plan"],
  ])("%j → %s (%s)", (text, name, category) => {
    const found = sections(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: 0, end: text.length, name, category });
  });

  it.each([
    ["prose with a colon is not a header", "The plan: start PT"],
    ["a sentence that only starts like a title", "History of trauma was denied by the patient."],
    ["a title followed by a dash is not a header", "Preop diagnosis - right facial paralysis"],
    ["an ALL-CAPS line ending in a period is prose", "NO MOVEMENT OF THE FACE."],
    ["a blank text", "   \n\n"],
  ])("%s", (_name, text) => {
    expect(sections(text)).toEqual([]);
  });
});

describe("findSections: boundaries and bodies", () => {
  const note = [
    "PREOPERATIVE DIAGNOSIS: Right facial paralysis.", // inline header
    "INDICATIONS:", // title-only line
    "Paralysis since resection.",
    "DESCRIPTION OF PROCEDURE",
    "Blair incision.",
    "PLAN: follow up in clinic.",
  ].join("\n");
  const found = sections(note);

  it("finds every header in order, each section ending where the next starts", () => {
    expect(found.map((s) => s.name)).toEqual(["PREOPERATIVE DIAGNOSIS", "INDICATIONS", "DESCRIPTION OF PROCEDURE", "PLAN"]);
    for (let i = 1; i < found.length; i++) expect(found[i - 1]!.end).toBe(found[i]!.start);
    expect(found[found.length - 1]!.end).toBe(note.length);
  });

  it("bodyStart is just after the title: inline text belongs to the body", () => {
    const body = (i: number) => note.slice(found[i]!.bodyStart, found[i]!.end);
    expect(body(0)).toBe(" Right facial paralysis.\n");
    expect(body(1)).toBe("\nParalysis since resection.\n");
    expect(body(3)).toBe(" follow up in clinic.");
  });

  it("text before the first header is in no section", () => {
    const text = "Dictated note\nPLAN:\nreturn";
    expect(sectionAt(sections(text), 2)).toBeUndefined();
    expect(sectionAt(sections(text), text.indexOf("return"))?.name).toBe("PLAN");
  });

  it.each([
    ["unknown ALL-CAPS header", "PLAN:\nStart PT in two weeks.\nOTHER STUFF HERE\nHB VI on the right."],
    ["stray page header", "PLAN:\nStart PT in two weeks.\nCONFIDENTIAL\nHB VI on the right."],
    ["known header", "PLAN:\nStart PT in two weeks.\nEXAM\nHB VI on the right."],
  ])("an %s ends the plan, so what follows is not planned", (_name, text) => {
    expect(sectionOf(text, "Start PT")?.name).toBe("PLAN");
    const after = sectionOf(text, "HB VI");
    expect(after?.name).not.toBe("PLAN");
    expect(after?.context).toBeUndefined();
  });

  it("an unknown ALL-CAPS header is a section of category other, named by its title", () => {
    expect(sections("PLAN:\nx\nOTHER STUFF HERE\ny")[1]).toMatchObject({ name: "OTHER STUFF HERE", category: "other" });
  });

  it("an ALL-CAPS line of more than six words is prose, not a header", () => {
    expect(sections("PLAN:\nSTART PT AND EYE CARE AND RETURN IN TWO WEEKS\ny").map((s) => s.name)).toEqual(["PLAN"]);
  });
});

describe("findSections: default context", () => {
  it.each([
    ["FAMILY HISTORY:\nMother had Bell's palsy.", "Bell's palsy", "FAMILY HISTORY", "family"],
    ["Family history\nBell's palsy in her mother.", "Bell's palsy", "FAMILY HISTORY", "family"],
    ["FH: Bell's palsy", "Bell's palsy", "FAMILY HISTORY", "family"],
    ["PLAN:\nStart physical therapy.", "physical therapy", "PLAN", "hypothetical"],
    ["Recommendations: physical therapy", "physical therapy", "PLAN", "hypothetical"],
    ["INFORMED CONSENT:\nfacial paralysis may persist", "facial paralysis", "CONSENT", "hypothetical"],
    ["HPI: Bell's palsy", "Bell's palsy", "HISTORY OF PRESENT ILLNESS", undefined],
    ["SOCIAL HISTORY:\nLives with mother.", "mother", "SOCIAL HISTORY", undefined],
  ])("%j: %s is in %s with context %s", (text, phrase, name, context) => {
    expect(sectionOf(text, phrase)).toMatchObject({ name, context });
  });

  it.each([
    ["FAMILY HISTORY:\nBELL'S PALSY\n", "BELL'S PALSY", "family_history", "family"],
    ["PLAN:\nSTART PHYSICAL THERAPY\n", "START PHYSICAL THERAPY", "plan", "hypothetical"],
  ])("an ALL-CAPS line right under a title-only header is its content: %j", (text, phrase, category, context) => {
    expect(sectionOf(text, phrase)).toMatchObject({ category, context });
  });
});

describe("normalizeTitle", () => {
  it.each([
    ["PROCEDURE(S):", "procedure s"],
    ["Pre-op  Dx", "pre op dx"],
    ["## Findings", "findings"],
    ["A/P", "a p"],
    ["Bell's", "bells"],
  ])("%j → %j", (title, norm) => {
    expect(normalizeTitle(title)).toBe(norm);
  });
});

describe("a title whose first word has an apostrophe", () => {
  // The lexicon's normal form drops the apostrophe ("patients goals"); the first-word screen must
  // take the same word, apostrophe and all, or such a title could never be found.
  const custom = { titles: new Map([["patients goals", { name: "PATIENT'S GOALS", category: "goals" }]]), maxTitleWords: 2 };
  it.each(["Patient's goals: walk unaided", "PATIENT’S GOALS:\nwalk unaided", "2. Patient's goals: walk"])("%j", (text) => {
    expect(findSections(text, custom).map((s) => s.name)).toEqual(["PATIENT'S GOALS"]);
  });
});

describe("titles looked up again", () => {
  // Answers are kept per lexicon and title as written (see lookupExact): the same title asked of
  // another lexicon gets that lexicon's answer, and asking again changes nothing.
  const a = { titles: new Map([["plan", { name: "PLAN", category: "plan" }]]), maxTitleWords: 1 };
  const b = { titles: new Map([["plan", { name: "TREATMENT PLAN", category: "treatment" }]]), maxTitleWords: 1 };
  const none = { titles: new Map([["course", { name: "COURSE", category: "postop" }]]), maxTitleWords: 1 };
  it("each lexicon gets its own answer for the same title, whatever the order", () => {
    const text = "Plan: follow up in two weeks.";
    for (let round = 0; round < 2; round++) {
      expect(findSections(text, a).map((x) => [x.name, x.category])).toEqual([["PLAN", "plan"]]);
      expect(findSections(text, b).map((x) => [x.name, x.category])).toEqual([["TREATMENT PLAN", "treatment"]]);
      expect(findSections(text, none)).toEqual([]);
    }
  });

  it("every fixture note gets the same sections the second time", () => {
    for (const { text } of fixtureNotes()) {
      const first = JSON.stringify(findSections(text, lex));
      expect(JSON.stringify(findSections(text, lex))).toBe(first);
    }
  });
});

describe("matchHeader: the screen before the header patterns changes no answer", () => {
  // Lines shaped like headers: a prefix, a known title (whole, in any case) or a few words (title
  // words or prose), the punctuation the patterns turn on, and some text after it.
  const titles = [...lex.titles.keys()];
  const titleWords = [...new Set(titles.flatMap((t) => t.split(" ")))];
  const recase = (w: string, c: number) => (c === 0 ? w : c === 1 ? w.toUpperCase() : w.replace(/(^|\s)\S/g, (x) => x.toUpperCase()));
  const word = fc.oneof(
    fc.constantFrom(...titleWords),
    fc.constantFrom("the", "patient", "she", "was", "Hx", "12", "3", "é", "ÉTAT", "x", "n/a", "s/p", "patient's"),
  );
  const head = fc.oneof(
    fc.constantFrom(...titles),
    fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(" ")),
  );
  const lines = fc
    .tuple(
      fc.constantFrom("", " ", "\t", "# ", "## ", "1. ", "12) ", "2.", "123. ", "a) ", "- ", "* ", "#"),
      head,
      fc.integer({ min: 0, max: 2 }),
      fc.constantFrom(":", ".", "", " :", "...", " - Dr X", " – addendum", " (continued)", "(s):", ":\t"),
      fc.constantFrom("", " text here", " NEGATIVE", " see below.", " 3 mm", " Plan: none"),
    )
    .map(([prefix, h, c, sep, tail]) => prefix + recase(h, c) + sep + tail)
    .filter((l) => l.trim().length > 0);

  it("on generated lines, ASCII and not", () => {
    fc.assert(
      fc.property(lines, (line) => {
        const ascii = isAscii(line);
        expect(matchHeader(line, lex, ascii)).toEqual(matchHeaderPatterns(line, lex, ascii));
      }),
      { numRuns: 5000 },
    );
  });

  it("on every line of the fixture notes", () => {
    let checked = 0;
    for (const { text } of fixtureNotes()) {
      const ascii = isAscii(text);
      for (const line of text.split(/\r?\n/)) {
        if (line.trim().length === 0) continue;
        expect(matchHeader(line, lex, ascii)).toEqual(matchHeaderPatterns(line, lex, ascii));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe("findSections: long header lines and lines that introduce a list", () => {
  it("a capitals title before a dash heads a line longer than 64 characters", () => {
    const text = "Op note.\n\nThe nerve was coapted.\n------\nADDENDUM — [date], 2 days after surgery — by [redacted], MD (surgeon)\n------\nThe hypoglossal nerve was not divided.\n";
    const addendum = sectionOf(text, "The hypoglossal nerve was not divided");
    expect(addendum).toMatchObject({ name: "ADDENDUM", category: "addendum" });
    expect(sections(text).find((s) => s.name === "ADDENDUM")?.supersedes).toBe(true);
  });

  it("a line ending with a colon that holds a comma introduces what follows; it does not end the section", () => {
    const text = "Op note.\n\nADDENDUM - Dr X\nThe report above is wrong.\nThe final, correct account is:\n1. The hypoglossal nerve was not divided.\n";
    expect(sectionOf(text, "1. The hypoglossal")?.name).toBe("ADDENDUM");
  });

  it("control: a short line ending with a colon is still a header the lexicon does not know", () => {
    const text = "Op note.\n\nADDENDUM - Dr X\nThe report above is wrong.\nInterval events:\nNone.\n";
    expect(sectionOf(text, "None.")?.name).toBe("Interval events:");
  });
});

describe("findSections: numbered outlines", () => {
  const text = [
    "OPERATIVE REPORT",
    "",
    "2. Pre-operative status",
    " 2.1 Cause",
    "  2.1.1 Paralysis secondary to revision mastoidectomy.",
    "",
    "3. Intended procedure",
    " 3.1 Right hypoglossal-facial nerve anastomosis.",
    "",
    "4. Operative course",
    " 4.1 Incision: right modified Blair incision.",
  ].join("\n");

  it("a numbered title after a blank line heads a section, known or not", () => {
    expect(sectionOf(text, "Paralysis secondary")?.name).toBe("2. Pre-operative status");
    expect(sectionOf(text, "3.1 Right")).toMatchObject({ name: "PLANNED PROCEDURE", category: "plan", context: "hypothetical" });
    expect(sectionOf(text, "4.1 Incision")?.name).toBe("4. Operative course");
  });
});

describe("findSections: a document's own numbering after a title", () => {
  it("'PROCEDURE 2 — LEFT HYPOGLOSSAL-FACIAL ANASTOMOSIS' heads a procedure section", () => {
    const text = "Op note.\n\nINDICATIONS: paralysis.\n------\nPROCEDURE 2 — LEFT HYPOGLOSSAL-FACIAL ANASTOMOSIS (ENT)\nA Blair incision was made.\n";
    expect(sectionOf(text, "A Blair incision")).toMatchObject({ name: "PROCEDURE", category: "procedure" });
  });
});

describe("findSections: an inline header's text that wraps onto a line with a colon", () => {
  it("'include but are not limited to: bleeding, ...' goes on with the consent", () => {
    const text = "Op note.\n\nCONSENT (boilerplate): Procedure: right facial-hypoglossal nerve anastomosis. Risks explained\ninclude but are not limited to: bleeding, difficulty speaking, drooling.\n";
    expect(sectionOf(text, "difficulty speaking")?.name).toBe("CONSENT");
  });

  it("control: an export's lower-case key is the next field", () => {
    const text = "Op note.\n\nFamily history: mother had Bell's palsy\noutcome: no recovery\n";
    expect(sectionOf(text, "no recovery")?.name).not.toBe("FAMILY HISTORY");
  });
});

describe("findSections: a lower-case word and a colon that go on with a wrapped line of prose", () => {
  const text =
    "Template v3.\n\nRisks discussed: bleeding, infection, tongue weakness, possible\npermanent complete paralysis if the repair fails (House-Brackmann VI). Realistic goal\n" +
    "explained: good tone at rest, typically House-Brackmann III to IV after 18-24 months.\n";
  it("'Realistic goal' then 'explained: ...' stays in the consent", () => {
    expect(sectionOf(text, "typically House-Brackmann III")?.name).toBe("CONSENT");
  });
  it("control: after a field's own line, a lower-case key is the next field", () => {
    const terse = "Op note.\n\nproc: L XII-VII anastomosis + op microscope\nhx/indic: sudden L facial droop 15 mo ago\n";
    expect(sectionOf(terse, "sudden L facial droop")?.name).not.toBe("PROCEDURE");
  });
});

describe("findSections: a list's item that wraps onto an indented line", () => {
  const text =
    "Clinic letter.\n\nDiagnoses:\n1. Left lagophthalmos 7 mm\n2. Left facial palsy, House-Brackmann VI, after surgery\n   ([redacted], facial nerve sacrificed)\n3. Left ectropion\n\n" +
    "Thank you for referring this gentleman, whom I saw today.\n";
  it("is still the list: the letter after it is not a diagnosis", () => {
    expect(sectionOf(text, "facial nerve sacrificed")?.name).toBe("PREOPERATIVE DIAGNOSIS");
    expect(sectionOf(text, "Thank you for referring")).toBeUndefined();
  });
  it("control: an unindented line of prose under an item ends the list's hold", () => {
    const prose = "Clinic letter.\n\nDiagnoses:\n1. Left facial palsy\nShe is here for review.\n\nThank you for referring her.\n";
    expect(sectionOf(prose, "Thank you for referring")?.name).toBe("PREOPERATIVE DIAGNOSIS");
  });
});

describe("findSections: a known title at the head of a paragraph, qualified after a dash, comma or bracket", () => {
  it.each([
    ["Surgery - summary of Mr [redacted]'s operation note ([date])\nLeft incision re-opened", "Left incision", "procedure"],
    ["Surgery, as described in Ms [redacted]'s operation note ([date])\nLeft pre-auricular incision", "pre-auricular incision", "procedure"],
    ["Relevant history (from the referral letter, hospital notes and client report)\nMr [redacted] had a mastoidectomy", "had a mastoidectomy", "history"],
  ])("%j", (para, phrase, category) => {
    expect(sectionOf(`Speech therapy report.\n\n${para}\n`, phrase)?.category).toBe(category);
  });
  it("control: a paragraph's first line of prose heads nothing", () => {
    const wrapped = "Letter.\n\nPLAN: review\n\nSurgery, as planned, went ahead on the ninth and she was discharged home on the\nsecond day.\n";
    expect(sectionOf(wrapped, "second day")?.category).toBe("plan");
    const sentence = "Letter.\n\nPLAN: review\n\nSurgery - see the operation note.\n";
    expect(sectionOf(sentence, "see the operation")?.category).toBe("plan");
  });
});

describe("findSections: a one-paragraph section (sections.yaml paragraph)", () => {
  it("'Procedure booked:' names the operation; the record after a blank line is not the plan", () => {
    const log = "EVENT LOG\nProcedure booked: L hypoglossal-facial nerve anastomosis (CPT 64868)\n\n07:55 - Pre-op check: L facial palsy after excision of a schwannoma.\n";
    expect(sectionOf(log, "hypoglossal-facial")?.category).toBe("plan");
    expect(sectionOf(log, "Pre-op check")).toBeUndefined();
  });
  it("a title alone on its line keeps the paragraph under it", () => {
    const op = "OP NOTE\n\nPROCEDURE BOOKED:\nRight hypoglossal-facial nerve anastomosis with operating microscope.\n\nThe planned anastomosis was abandoned.\n";
    expect(sectionOf(op, "operating microscope")?.category).toBe("plan");
    expect(sectionOf(op, "was abandoned")).toBeUndefined();
  });
  it("'Anesthesia: GETA.' is one paragraph: the narrative after it is not the anaesthetic's", () => {
    const op = "OP NOTE\n\nAnesthesia: GETA.   Surgeon: [redacted].\n\nA right postauricular incision was extended into a neck crease.\n";
    expect(sectionOf(op, "GETA")?.category).toBe("anesthesia");
    expect(sectionOf(op, "postauricular incision")?.category).not.toBe("anesthesia");
  });
  it("a field on a list's item is that item: it ends with its paragraph", () => {
    const note = "HANDOVER\n\n- PMHx: asthma (Ventolin PRN). NKDA.\n\nPer operation note: right preauricular incision extended into the neck.\n";
    expect(sectionOf(note, "asthma")?.category).toBe("past_history");
    expect(sectionOf(note, "preauricular incision")).toBeUndefined();
  });
  it("control: a plan that is no one-paragraph section runs on", () => {
    expect(sectionOf("NOTE\n\nPlan: review in clinic.\n\nEye drops four times a day.\n", "Eye drops")?.category).toBe("plan");
  });
});

describe("findSections: a form's numbered parts (sections.yaml part_labels)", () => {
  it.each([
    ["SECTION D - PRIOR TREATMENT\nsteroids", "steroids", "treatment_history"],
    ["SECTION E - CONSENT / COUNSELLING\ntongue weakness", "tongue weakness", "consent"],
    ["Part 2: Operative details\nincision", "incision", "operative_technique"],
    ["Section IV. Plan\nreview", "review", "plan"],
    ["Section 3.1 - Procedure\nanastomosis", "anastomosis", "procedure"],
    ["Document 3: Operation note (typed by registrar)\nincision", "incision", "operative_technique"],
    ["[SECTION F] PLAN\nRight hemi-hypoglossal-facial anastomosis", "hemi-hypoglossal", "plan"],
    // A title, what it is for, and a long bracket after it.
    ["1. PROGRAM SELECTION CRITERIA FOR XII-VII TRANSFER (department protocol, for reference)\n   - House-Brackmann V-VI paralysis", "House-Brackmann V-VI", "criteria"],
    ["HISTORY / INDICATIONS:\nresected 2019", "resected 2019", "history"],
    // A course with its instructions is the course: "Recovered well in theatre recovery".
    ["Post-operative instructions and course:\nRecovered well in theatre recovery", "Recovered well", "postop"],
    ["Indications & consent\nresected 2019", "resected 2019", "indications"],
    // The first of two titles decides, and only when it is known: no recovery room here.
    ["2. TREATMENT / RECOVERY\nphysiotherapy 12 months", "physiotherapy", "other"],
  ])("%j", (line, phrase, category) => {
    expect(sectionOf(`Form v2.\n\n${line}\n`, phrase)?.category).toBe(category);
  });
  it("control: a part whose title is unknown heads a part of its own; a label word alone is no number", () => {
    expect(sectionOf("Form v2.\n\nPLAN: review\nSECTION B - GRADING\nHB V\n", "HB V")?.category).toBe("other");
    expect(sectionOf("Form v2.\n\nPLAN: review\nSection of the nerve was clean.\n", "nerve was clean")?.category).toBe("plan");
  });
});

describe("findSections: a dictated lead-in before a header (sections.yaml lead_ins)", () => {
  const note =
    "Dictation 4471.\n\nIndications. Palsy after a temporal bone fracture, ten months.\n\n" +
    "New paragraph. Description of procedure. A Blair incision was made.\n\n" +
    "New paragraph. Plan overnight stay.\n";
  it("'New paragraph. Description of procedure.' opens the description", () => {
    expect(sectionOf(note, "A Blair incision")).toMatchObject({ name: "DESCRIPTION OF PROCEDURE" });
    const s = sections(note).find((x) => x.name === "DESCRIPTION OF PROCEDURE")!;
    expect(note.slice(s.titleStart, s.titleEnd)).toBe("Description of procedure");
  });

  it("a lead-in before prose makes no header: the description goes on", () => {
    expect(sectionOf(note, "Plan overnight")).toMatchObject({ name: "DESCRIPTION OF PROCEDURE" });
  });

  it("control: a lead-in that is not in the lexicon ('Next up.') is not skipped", () => {
    const text = "Dictation 4471.\n\nIndications. Palsy.\n\nNext up. Description of procedure. A Blair incision was made.\n";
    expect(sectionOf(text, "A Blair incision")).toMatchObject({ name: "INDICATIONS" });
  });
});

describe("findSections: a divider line between two parts of a document", () => {
  it("'#####' ends the post-operative course before the clinic letter under it", () => {
    const text =
      "Operative report.\n\nPost-operative course (Operation 1): Drain out day 2. Wound healed.\n\n" +
      "##########################\nCLINIC - 15 MONTHS AFTER OPERATION 1 AND A FAILED GRAFT\nHe attended 12 months of physiotherapy without effect.\n";
    expect(sectionOf(text, "Drain out")?.category).toBe("postop");
    expect(sectionOf(text, "physiotherapy")?.category).not.toBe("postop");
  });

  it("control: a title's underline does not end its section", () => {
    const text = "Operative report.\n\nPROCEDURE\n---------\nLeft hypoglossal-facial anastomosis.\n";
    expect(sectionOf(text, "Left hypoglossal")?.name).toBe("PROCEDURE");
  });

  it("control: a short dash run is no divider", () => {
    const text = "Operative report.\n\nPlan: review in clinic.\n---\nWound care as above.\n";
    expect(sectionOf(text, "Wound care")?.name).toBe("PLAN");
  });
});

describe("findSections: a banner between rule characters", () => {
  const text =
    "REVISION EPISODE\n\n=== A. SUMMARY OF PREVIOUS TREATMENT (from outside records) ===\n- Hypoglossal-facial anastomosis at the outside hospital.\n\n" +
    "=== B. REANIMATION CLINIC - 26 MONTHS AFTER THE TRANSFER ===\nNo movement has appeared.\n\n=== C. OPERATIVE REPORT ===\nGracilis transfer.\n";
  it("a known title is its section: '=== A. SUMMARY OF PREVIOUS TREATMENT (...) ==='", () => {
    expect(sectionOf(text, "- Hypoglossal-facial")).toMatchObject({ category: "treatment_history" });
    expect(sectionOf(text, "Gracilis")).toMatchObject({ category: "operative_technique" });
  });
  it("an unknown one ends the section before it", () => {
    expect(sectionOf(text, "No movement")).toMatchObject({ category: "other" });
  });
  it("control: a double-dash list item in lower case is no heading", () => {
    const t = "Op note.\n\nPlan: review in clinic.\n-- drain out tomorrow\n";
    expect(sectionOf(t, "drain out")?.name).toBe("PLAN");
  });
  it("control: a divider alone is no banner", () => {
    const t = "Op note.\n\nPlan: review.\n=====\nWound care as above.\n";
    expect(sections(t).map((s) => s.category)).not.toContain("other");
  });
});

describe("findSections: a line that only looks like a dictated header", () => {
  it("'recovery.' after a line that stops mid-sentence continues that sentence's section", () => {
    const text = "Consult.\n\nRisk explained: tongue weakness, difficulty in swallowing, synkinesis, no\nrecovery. Written informed consent taken.\n";
    expect(sectionOf(text, "recovery. Written")?.category).toBe("consent");
  });
  it("control: 'Recovery.' after a finished sentence heads its section", () => {
    const text = "Op note.\n\nThe wound was closed in layers.\nRecovery. Extubated and taken to PACU in stable condition.\n";
    expect(sectionOf(text, "Extubated")?.category).toBe("postop");
  });
});
