/**
 * Rule-pack collisions: words that satisfied a rule while meaning something else (a problem
 * list's "depression", an op note's "after the procedure", haemoglobin "Hb 5.8"), and the
 * legitimate phrasings each fix must still accept. One describe per finding of the collisions
 * review; every note is fictional.
 */
import { describe, expect, it } from "vitest";
import { checkText } from "../../src/check.ts";
import { loadRulePack } from "../../src/rules/load.ts";

interface Outcome {
  status: string;
  evidence: string[];
}

/** Status and evidence texts of one rule of the built-in pack for a note. */
async function outcome(text: string, rule: string): Promise<Outcome> {
  const pack = await loadRulePack("64868");
  const r = checkText(text, { pack }).rules.find((x) => x.id === rule);
  if (!r) throw new Error(`test bug: no rule ${rule}`);
  return { status: r.status, evidence: r.evidence.map((e) => e.text) };
}

/** The rule fails, and none of its evidence quotes the trap. */
async function expectFail(text: string, rule: string, trap: string): Promise<void> {
  const r = await outcome(text, rule);
  expect(r.evidence.filter((e) => e.toLowerCase().includes(trap.toLowerCase())), `${rule} evidence`).toEqual([]);
  expect(r.status, `${rule}: ${JSON.stringify(r.evidence)}`).toBe("fail");
}

/** The rule passes, and its evidence quotes the phrase the fix must still accept. */
async function expectPass(text: string, rule: string, phrase: string): Promise<void> {
  const r = await outcome(text, rule);
  expect(r.status, `${rule}: ${JSON.stringify(r.evidence)}`).toBe("pass");
  expect(r.evidence.some((e) => e.toLowerCase().includes(phrase.toLowerCase())), `${rule} evidence ${JSON.stringify(r.evidence)}`).toBe(true);
}

/** A paralysis graded, with no cause given: only the line under test can pass paralysis-cause. */
const UNEXPLAINED = "EXAM: Left facial paralysis, House-Brackmann VI, all branches affected.\n";

describe("paralysis-cause: 'after / since / following ... surgery' is a cause only when said of the paralysis", () => {
  it("an op note's 'After the procedure the patient was extubated' is not the cause", async () => {
    const note =
      "OPERATIVE REPORT\n" +
      "PROCEDURE: Left hypoglossal-facial nerve anastomosis.\n" +
      "INDICATIONS: Left facial paralysis, House-Brackmann VI, for 14 months.\n" +
      "DESCRIPTION OF PROCEDURE: A modified Blair incision was made and the main trunk was identified at the stylomastoid foramen.\n" +
      "DISPOSITION: After the procedure the patient was extubated and taken to PACU in stable condition.\n";
    await expectFail(note, "paralysis-cause", "After the procedure");
  });

  it("'doing well since surgery on her right knee' is not the cause", async () => {
    const note =
      "FOLLOW-UP VISIT\n" +
      "She has been doing well since surgery on her right knee in March.\n" +
      UNEXPLAINED;
    await expectFail(note, "paralysis-cause", "since surgery");
  });

  it("a past history's 'DVT following knee replacement surgery' is not the cause", async () => {
    const note = `PAST MEDICAL HISTORY: Hypertension, DVT following knee replacement surgery, gout.\n${UNEXPLAINED}`;
    await expectFail(note, "paralysis-cause", "following knee replacement surgery");
  });

  it("'after intubation' does not run across a blank line into the next section's 'before surgery'", async () => {
    const note =
      "ANESTHESIA: General endotracheal anesthesia; monitoring electrodes for the paralysed side were placed after intubation\n" +
      "\n" +
      "Diagnosis before surgery: Left facial paralysis, House-Brackmann VI.\n";
    await expectFail(note, "paralysis-cause", "after intubation");
  });

  it("still accepts a paralysis following, since, after or 2/2 its cause", async () => {
    for (const [line, phrase] of [
      ["HISTORY: Left facial paralysis following resection of a CPA lesion in 2022.", "following resection"],
      ["HISTORY: She has had complete facial weakness since her craniotomy in 2019.", "since her craniotomy"],
      ["HISTORY: House-Brackmann VI since the operation 14 months ago.", "since the operation"],
      ["HISTORY: Right facial palsy 2/2 trauma at work last year.", "2/2 trauma"],
      ["HISTORY: Her face has been paralysed since the accident in March.", "since the accident"],
    ]) {
      await expectPass(`${line}\n`, "paralysis-cause", phrase!);
    }
  });

  it("still accepts a cause hard-wrapped onto the next line", async () => {
    const note = "HISTORY: Left facial paralysis after\nresection of a jugular foramen lesion in 2021.\n";
    await expectPass(note, "paralysis-cause", "after\nresection");
  });

  it("still accepts the cause in a sentence whose paralysis is negated ('no movement of the face since his surgery')", async () => {
    const note = "HISTORY: There has been no movement of the right face since his posterior fossa\nsurgery in 2022.\n";
    await expectPass(note, "paralysis-cause", "since his posterior fossa\nsurgery");
  });
});

describe("paralysis-cause: disease words count only when said of the face or ear", () => {
  it("'s/p an appendectomy' is not 's/p AN' (acoustic neuroma)", async () => {
    await expectFail(`PAST MEDICAL HISTORY: Hypertension, s/p an appendectomy in 1998.\n${UNEXPLAINED}`, "paralysis-cause", "s/p an");
  });

  it("prostate radiation is not facial radiation injury", async () => {
    const note = `PAST MEDICAL HISTORY: Prostate cancer treated with radiation in 2016, hypertension.\n${UNEXPLAINED}`;
    await expectFail(note, "paralysis-cause", "radiation");
  });

  it("a herpes zoster vaccine is not herpes zoster of the facial nerve", async () => {
    const note = `IMMUNIZATIONS: Influenza 10/2023, herpes zoster vaccine (Shingrix) x2.\n${UNEXPLAINED}`;
    await expectFail(note, "paralysis-cause", "herpes zoster");
  });

  it("osteomyelitis of the toe is not skull base osteomyelitis", async () => {
    const note = `PAST MEDICAL HISTORY: Type 2 diabetes, osteomyelitis of the right great toe in 2021, CKD stage 3.\n${UNEXPLAINED}`;
    await expectFail(note, "paralysis-cause", "osteomyelitis");
  });

  it("a melanoma of the back, a hepatic hemangioma and a scalp epidermoid cyst are not facial tumours", async () => {
    const note =
      "PAST MEDICAL HISTORY: Melanoma of the back excised in 2015; hepatic hemangioma on CT; epidermoid cyst removed from the scalp.\n" +
      UNEXPLAINED;
    const r = await outcome(note, "paralysis-cause");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
  });

  it("RHS (right-hand side) of the abdomen is not Ramsay Hunt syndrome", async () => {
    await expectFail(`HPI: Pain in the RHS of the abdomen last month, now settled.\n${UNEXPLAINED}`, "paralysis-cause", "RHS");
  });

  it("childhood otitis media and congenital hypothyroidism are not the cause", async () => {
    const note = `PAST MEDICAL HISTORY: Hypertension, recurrent otitis media as a child, congenital hypothyroidism.\n${UNEXPLAINED}`;
    const r = await outcome(note, "paralysis-cause");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
  });

  it("an HIV viral load is not a viral cause", async () => {
    await expectFail(`PAST MEDICAL HISTORY: HIV, viral load undetectable on Biktarvy.\n${UNEXPLAINED}`, "paralysis-cause", "viral");
  });

  it("Morton's neuroma of the foot is not an acoustic neuroma", async () => {
    await expectFail(`PAST SURGICAL HISTORY: Morton's neuroma excision, right foot.\n${UNEXPLAINED}`, "paralysis-cause", "neuroma");
  });

  it("still accepts these causes said of the face, the ear or the palsy", async () => {
    for (const [line, phrase] of [
      ["HISTORY: Congenital facial palsy on the left.", "Congenital"],
      ["HISTORY: Melanoma of the left cheek with perineural spread, resected in 2022.", "Melanoma"],
      ["HISTORY: Lyme disease with left facial palsy in 2022.", "Lyme disease"],
      ["HISTORY: Right herpes zoster of the ear with facial palsy in 2021.", "herpes zoster"],
      ["HISTORY: S/P VS 2019, left HB VI since.", "S/P VS"],
    ]) {
      await expectPass(`${line}\n`, "paralysis-cause", phrase!);
    }
  });
});

describe("context: a ticked box after an unticked one is not negated", () => {
  it("'[ ] Bell's palsy [x] Trauma (temporal bone fracture)' documents the trauma", async () => {
    const note =
      "FACIAL NERVE CLINIC\n\n" +
      "Cause: [ ] Bell's palsy [x] Trauma (temporal bone fracture)\n" +
      "House-Brackmann: VI\n";
    await expectPass(note, "paralysis-cause", "temporal bone fracture");
    expect((await outcome(note, "paralysis-cause")).evidence).not.toContain("Bell's palsy");
  });

  it("'[ ] Bell's palsy [ ] Ramsay Hunt [x] Tumor resection (...schwannoma)' documents the resection", async () => {
    const note =
      "FACIAL NERVE CLINIC\n\n" +
      "Cause: [ ] Bell's palsy  [ ] Ramsay Hunt  [x] Tumor resection (right facial nerve schwannoma, 2023)\n" +
      "House-Brackmann: VI\n";
    await expectPass(note, "paralysis-cause", "schwannoma");
  });

  it("'Physical therapy: [ ] yes [x] no' is still no physical therapy", async () => {
    const note =
      "FACIAL NERVE CLINIC\n\n" +
      "Physical therapy: [ ] yes [x] no\n" +
      "Steroids: ☐ yes ☒ no\n" +
      "Facial movement is unchanged.\n" +
      "House-Brackmann: VI\n";
    await expectFail(note, "conservative-treatment-failed", "Physical therapy");
    expect((await outcome(note, "conservative-treatment-failed")).evidence).not.toContain("Steroids");
  });
});

describe("functional-impact: mood and avoidance words count only when said of the face or social life", () => {
  it("'dysfunction' in a problem list (erectile dysfunction) does not tie depression to a palsy", async () => {
    const note =
      "CLINIC NOTE\n\n" +
      "Patient seen for facial weakness on the left.\n\n" +
      "PAST MEDICAL HISTORY: Depression, anxiety, erectile dysfunction.\n";
    const r = await outcome(note, "functional-impact");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
    await expectFail(`${UNEXPLAINED}\nPMH: treated with prostate radiation in 2016, erectile dysfunction since.\n`, "paralysis-cause", "radiation");
  });

  it("a problem list's depression and anxiety are not psychosocial impact", async () => {
    const note =
      "CLINIC NOTE\n\n" +
      "Patient seen for facial weakness on the left.\n" +
      "PAST MEDICAL HISTORY: Depression, anxiety, heart failure.\n" +
      "EXAM: Awake and alert, in no distress.\n";
    const r = await outcome(note, "functional-impact");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
  });

  it("sertraline for depression is not psychosocial impact", async () => {
    const note = "HISTORY: Left facial weakness for a year.\nMEDICATIONS: Sertraline 50 mg daily for depression.\n";
    await expectFail(note, "functional-impact", "depression");
  });

  it("alcohol withdrawal is not social withdrawal", async () => {
    const note = "HISTORY: Left facial weakness for a year.\nSOCIAL HISTORY: Admitted for alcohol withdrawal in 2020, abstinent since.\n";
    await expectFail(note, "functional-impact", "withdrawal");
  });

  it("a needle withdrawn is not a patient withdrawn", async () => {
    const note =
      "INDICATIONS: Left facial paralysis.\n" +
      "DESCRIPTION OF PROCEDURE: Local anaesthetic was infiltrated and the needle withdrawn.\n";
    await expectFail(note, "functional-impact", "withdrawn");
  });

  it("avoiding alcohol and an incision avoiding the scarred skin are not avoidance", async () => {
    const note =
      "HISTORY: Left facial weakness for a year. She is taking NSAIDs and avoids alcohol.\n" +
      "DESCRIPTION OF PROCEDURE: A postauricular incision was made, avoiding the scarred mastoid skin.\n";
    const r = await outcome(note, "functional-impact");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
  });

  it("an oral commissure depressed on examination is not a depressed mood", async () => {
    const note = "EXAM: Face at rest: the left oral commissure is depressed and the nasolabial fold is flat.\n";
    await expectFail(note, "functional-impact", "depressed");
  });

  it("still accepts distress, depression and withdrawal said of the face or social life", async () => {
    for (const [line, phrase] of [
      ["HISTORY: She is upset and avoids social situations since the paralysis.", "avoids"],
      ["HISTORY: She has become depressed since the paralysis.", "depressed"],
      ["HISTORY: She is tearful about her appearance.", "tearful"],
      ["HISTORY: He has withdrawn from his bowling league.", "has withdrawn"],
      ["HISTORY: She has been avoiding video calls at work.", "avoiding"],
      ["HISTORY: Depression related to her face; PHQ-9 of 15.", "Depression"],
    ]) {
      await expectPass(`${line}\n`, "functional-impact", phrase!);
    }
  });

  it("a PHQ-9 score or a counsellor in a problem list is not psychosocial impact", async () => {
    for (const line of ["PAST MEDICAL HISTORY: Depression (PHQ-9 of 4), hypertension.", "PAST MEDICAL HISTORY: Anxiety, sees a counselor monthly."]) {
      const r = await outcome(`CLINIC NOTE\n\nPatient seen for facial weakness on the left.\n\n${line}\n`, "functional-impact");
      expect(r.evidence, line).toEqual([]);
      expect(r.status, line).toBe("fail");
    }
  });

  it("still accepts a PHQ-9 score or a counsellor because of the face", async () => {
    await expectPass("HISTORY: PHQ-9 of 14; she is distressed by her facial appearance.\n", "functional-impact", "PHQ-9");
    await expectPass("HISTORY: He sees a counselor to cope with the facial paralysis.\n", "functional-impact", "counselor");
  });
});

describe("postop-progress: exam and history phrases are a post-operative condition only beside the operation", () => {
  it("a consult's 'awake and alert, neurologically intact' is not post-operative status", async () => {
    const note =
      "NEW PATIENT CONSULTATION\n" +
      "HISTORY: Left facial paralysis after resection of a vestibular schwannoma in 2023.\n" +
      "EXAM: Awake and alert, neurologically intact apart from the left facial nerve.\n";
    const r = await outcome(note, "postop-progress");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
  });

  it("a medication 'tolerated well' is not the operation tolerated", async () => {
    const note =
      "HISTORY: Left facial paralysis for 14 months.\n" +
      "MEDICATIONS: She was started on gabapentin for neuropathic pain in March, tolerated well.\n";
    await expectFail(note, "postop-progress", "tolerated well");
  });

  it("Bell's palsy 'woke up with a facial droop' is not waking from anaesthesia", async () => {
    const note =
      "Dear Dr Patel,\n" +
      "Thank you for seeing Mrs Jones. She woke up with a left facial droop in January 2023 and was diagnosed with Bell's palsy.\n";
    await expectFail(note, "postop-progress", "woke");
  });

  it("still accepts waking, stability and condition placed after the operation", async () => {
    for (const [text, phrase] of [
      ["OPERATIVE NOTE\nShe woke well in theatre recovery, observations stable.\n", "woke"],
      ["OPERATIVE NOTE\nAfter surgery she was hemodynamically stable.\n", "hemodynamically stable"],
      ["OPERATIVE NOTE\nShe recovered well from the anaesthetic and was returned to the ward in a stable condition.\n", "stable condition"],
      ["OPERATIVE NOTE\nThe patient tolerated the procedure well.\n", "tolerated the procedure"],
    ]) {
      await expectPass(text!, "postop-progress", phrase!);
    }
  });
});

describe("postop-progress: a Bell's palsy follow-up is not a post-operative course", () => {
  it("'six months after onset' is not months after surgery", async () => {
    const note =
      "HISTORY: Left Bell's palsy in 2022.\n" +
      "ASSESSMENT: About six months after onset she developed synkinesis of the eye with smiling.\n";
    await expectFail(note, "postop-progress", "synkinesis");
  });

  it("synkinesis under a 'Clinic note' title is not a post-operative course", async () => {
    const note =
      "CLINIC NOTE\n" +
      "Left Bell's palsy 14 months ago, House-Brackmann V. She has developed synkinesis of the eye with smiling, and resting facial tone is poor.\n";
    const r = await outcome(note, "postop-progress");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
  });

  it("a candidate for HFA with synkinesis has not had the operation", async () => {
    const note = "CLINIC NOTE\nShe is a candidate for HFA. Synkinesis of the eye with smiling is marked.\n";
    await expectFail(note, "postop-progress", "Synkinesis");
  });

  it("a pre-operative consult's 'currently House-Brackmann grade VI' is not progress after surgery", async () => {
    const note =
      "CONSULTATION\n" +
      "ASSESSMENT: Left facial paralysis after resection of a vestibular schwannoma in 2023; she is currently House-Brackmann grade VI.\n";
    await expectFail(note, "postop-progress", "currently");
  });

  it("one vape pod a day is not post-operative day", async () => {
    const note = "HISTORY: Left facial paralysis for a year.\nSOCIAL HISTORY: Vapes about one pod a day.\n";
    await expectFail(note, "postop-progress", "pod");
  });

  it("still accepts a follow-up that places itself after the HFA", async () => {
    for (const [text, phrase] of [
      ["CLINIC NOTE\nS/p right XII-VII 8 months ago. Facial tone has returned at rest.\n", "Facial tone"],
      ["FOLLOW-UP VISIT\nShe had her hypoglossal-facial anastomosis 7 months ago and now has first facial movement.\n", "first facial movement"],
      ["PROGRESS NOTE\n9 months post-op from right HFA. Synkinesis of the mouth with eye closure is mild.\n", "Synkinesis"],
      ["FOLLOW-UP VISIT\nSeven months after his operation he has first movement at the commissure.\n", "first movement"],
    ]) {
      await expectPass(text!, "postop-progress", phrase!);
    }
  });

  it("still accepts 'POD 2' and a grade placed after the operation", async () => {
    await expectPass("PROGRESS NOTE\nPOD 2: afebrile, eating a soft diet.\n", "postop-progress", "POD");
    await expectPass("FOLLOW-UP VISIT\nCurrently House-Brackmann IV at 9 months post-op.\n", "postop-progress", "Currently House-Brackmann IV");
  });
});

describe("paralysis-extent: severity words next to another nerve or organ", () => {
  const HISTORY = "HISTORY: Left facial paralysis after resection of a vestibular schwannoma in 2023.\n";

  it("a complete abducens palsy is not a complete facial paralysis", async () => {
    const note = `${HISTORY}She also has a complete left abducens palsy and wears a prism.\n`;
    await expectFail(note, "paralysis-extent", "abducens");
  });

  it("severe vestibular dysfunction is not severe facial paralysis", async () => {
    await expectFail(`${HISTORY}Severe vestibular dysfunction persists and she uses a cane.\n`, "paralysis-extent", "dysfunction");
  });

  it("severe LV systolic dysfunction is not severe facial paralysis", async () => {
    await expectFail(`${HISTORY}STUDIES: Echo 2023: severe LV systolic dysfunction, EF 25%.\n`, "paralysis-extent", "dysfunction");
  });

  it("still accepts complete, total and severe facial paralysis", async () => {
    for (const [line, phrase] of [
      ["EXAM: Complete right facial paralysis.", "Complete right facial paralysis"],
      ["EXAM: Total L facial weakness.", "Total L facial weakness"],
      ["EXAM: Severe facial weakness; his legs are weak.", "Severe facial weakness"],
    ]) {
      await expectPass(`${line}\n`, "paralysis-extent", phrase!);
    }
  });
});

describe("functional-impact: chewing, leaking, dribbling and speaking said of something else", () => {
  const HISTORY = "HISTORY: Left facial paralysis after resection of a vestibular schwannoma in 2023.\n";

  it("chewing tobacco is not chewing food", async () => {
    await expectFail(`${HISTORY}SOCIAL HISTORY: Chewing tobacco, one tin a week.\n`, "functional-impact", "Chewing");
  });

  it("a leaking neck incision is not oral leakage", async () => {
    const note = `${HISTORY}FOLLOW-UP VISIT: The neck incision is leaking a small amount of serous fluid.\n`;
    await expectFail(note, "functional-impact", "leaking");
  });

  it("post-void dribbling is not dribbling from the mouth", async () => {
    await expectFail(`${HISTORY}PAST MEDICAL HISTORY: BPH with post-void dribbling, on tamsulosin.\n`, "functional-impact", "dribbling");
  });

  it("'cannot speak English' is a language barrier, not a speech problem", async () => {
    const note = `${HISTORY}Patient cannot speak English; a Spanish interpreter was used for the visit.\n`;
    await expectFail(note, "functional-impact", "cannot speak");
  });

  it("still accepts chewing, dribbling, leaking and speaking said of the mouth", async () => {
    for (const [line, phrase] of [
      ["HISTORY: Food collects in the left cheek when chewing.", "chewing"],
      ["HISTORY: Dribbling of liquids from the left commissure.", "Dribbling"],
      ["HISTORY: She is leaking fluids from the corner of her mouth.", "leaking"],
      ["HISTORY: He cannot speak clearly because his lip does not move.", "cannot speak"],
    ]) {
      await expectPass(`${line}\n`, "functional-impact", phrase!);
    }
  });
});

describe("conservative-treatment-failed: heart failure, prothrombin time and another complaint", () => {
  const HISTORY = "HISTORY: Left facial paralysis after resection of a vestibular schwannoma in 2023.\n";

  it("congestive heart failure after cardiac rehabilitation is not a failed treatment", async () => {
    const note = `${HISTORY}PAST MEDICAL HISTORY: COPD and congestive heart failure; completed cardiac rehabilitation in 2022.\n`;
    const r = await outcome(note, "conservative-treatment-failed");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
  });

  it("PT 14.2 (unchanged) is prothrombin time, not physical therapy", async () => {
    await expectFail(`${HISTORY}LABS: PT 14.2 (unchanged), INR 1.3 on warfarin.\n`, "conservative-treatment-failed", "PT");
  });

  it("low back pain with no improvement is another complaint", async () => {
    const note = `${HISTORY}She also reports low back pain for 6 months with no improvement.\n`;
    await expectFail(note, "conservative-treatment-failed", "no improvement");
  });

  it("still accepts failure of therapy, facial PT unchanged, and observation without improvement of the face", async () => {
    for (const [line, phrase] of [
      ["HISTORY: She had facial physical therapy from March to October, with failure to regain any movement.", "failure to"],
      ["HISTORY: Facial PT twice weekly for 6 months; movement unchanged.", "PT"],
      ["HISTORY: He was observed for 12 months with no improvement in facial movement.", "no improvement"],
    ]) {
      await expectPass(`${line}\n`, "conservative-treatment-failed", phrase!);
    }
  });
});

describe("grading scales: haemoglobin, a hospital's name, and House-Brackmann written as a label", () => {
  const HISTORY = "HISTORY: Left facial paralysis after resection of a vestibular schwannoma in 2023.\n";

  it("Hb 5.8 is haemoglobin, not House-Brackmann grade V", async () => {
    const note = `${HISTORY}LABS: Hb 5.8 on admission, transfused 2 units.\n`;
    await expectFail(note, "grading-scale", "Hb");
    await expectFail(note, "paralysis-extent", "Hb");
  });

  it("'recheck Hb' at a line's end does not take the next item's number as a grade", async () => {
    const note =
      `${HISTORY}ASSESSMENT:\n` +
      "1. Left facial paralysis.\n" +
      "2. Iron deficiency anaemia, on ferrous sulfate; recheck Hb\n" +
      "3. Hypertension, controlled.\n";
    await expectFail(note, "grading-scale", "Hb");
    await expectFail(note, "paralysis-extent", "Hb");
  });

  it("'stable Hb. I reviewed...' is not House-Brackmann grade I", async () => {
    const note = `${HISTORY}ASSESSMENT: Iron deficiency, stable Hb. I reviewed the CT with her.\n`;
    await expectFail(note, "grading-scale", "Hb");
  });

  it("Sunnybrook Hospital and a visit date are not a Sunnybrook score", async () => {
    for (const line of [
      "Previously followed at Sunnybrook Hospital until 2021.",
      "She was seen at Sunnybrook in 2019.",
      "She was seen at Sunnybrook on 3/14/2021.",
    ]) {
      const note = `${HISTORY}${line}\n`;
      await expectFail(note, "grading-scale", "Sunnybrook");
      await expectFail(note, "paralysis-extent", "Sunnybrook");
    }
  });

  it("now accepts House-Brackmann written as a label, with an abbreviation, a score or a table row", async () => {
    for (const [line, phrase] of [
      ["EXAM: House-Brackmann: grade VI.", "House-Brackmann: grade VI"],
      ["EXAM: House-Brackmann (HB) grade VI.", "House-Brackmann (HB) grade VI"],
      ["EXAM: House-Brackmann score of VI.", "House-Brackmann score of VI"],
      ["EXAM: HB grade is VI.", "HB grade is VI"],
      ["| House-Brackmann | VI |", "House-Brackmann | VI"],
    ]) {
      await expectPass(`${HISTORY}${line}\n`, "grading-scale", phrase!);
      await expectPass(`${HISTORY}${line}\n`, "paralysis-extent", phrase!);
    }
  });

  it("still accepts Sunnybrook scores and HB grades", async () => {
    for (const [line, phrase] of [
      ["EXAM: Sunnybrook composite score of 12/100.", "Sunnybrook composite score of 12"],
      ["EXAM: Sunnybrook composite 8.", "Sunnybrook composite 8"],
      ["EXAM: HB 6 of 6.", "HB 6"],
      ["EXAM: House-Brackman grade 6/6.", "House-Brackman grade 6"],
    ]) {
      await expectPass(`${HISTORY}${line}\n`, "grading-scale", phrase!);
    }
  });
});

describe("postop-progress: a follow-up visit is post-operative only in a note placed after the operation", () => {
  it("a Bell's palsy 'FOLLOW-UP VISIT' with 'currently House-Brackmann IV' is not progress after surgery", async () => {
    const note = "FOLLOW-UP VISIT\nLeft Bell's palsy 14 months ago. She is currently House-Brackmann IV.\n";
    await expectFail(note, "postop-progress", "currently House-Brackmann IV");
    expect((await outcome(note, "postop-progress")).evidence).toEqual([]);
  });

  it("'At follow-up she has synkinesis' of a Bell's palsy is not a post-operative course", async () => {
    for (const title of ["FOLLOW-UP VISIT", "CLINIC NOTE"]) {
      const note = `${title}\nLeft Bell's palsy in 2022. At follow-up she has synkinesis of the eye with smiling.\n`;
      const r = await outcome(note, "postop-progress");
      expect(r.evidence, title).toEqual([]);
      expect(r.status, title).toBe("fail");
    }
  });

  it("still accepts a follow-up that places itself after the anastomosis", async () => {
    for (const [text, phrase] of [
      ["FOLLOW-UP VISIT\n9 months after left hypoglossal-facial anastomosis. She has mild synkinesis and is HB III.\n", "synkinesis"],
      ["CLINIC NOTE\nPost-op check: s/p right XII-VII 8 months ago, now HB III.\n", "now HB III"],
      ["CLINIC NOTE\nAt follow-up after her HFA she has early movement.\n", "early movement"],
      ["FOLLOW-UP VISIT\nS/p right XII-VII 8 months ago. Currently HB III.\n", "Currently HB III"],
      ["FOLLOW-UP VISIT\nShe underwent left hypoglossal-facial anastomosis in May. Now House-Brackmann III.\n", "Now House-Brackmann III"],
      ["CLINIC NOTE\nSix months after right HFA she has early movement at the commissure.\n", "early movement"],
    ]) {
      await expectPass(text!, "postop-progress", phrase!);
    }
  });
});

describe("conservative-treatment-failed: the failed treatment must be for the face", () => {
  const HISTORY = "HISTORY: Left facial paralysis after resection of a vestibular schwannoma in 2023.\n";

  it("prednisone for polymyalgia with persistent hip stiffness is not a failed facial treatment", async () => {
    const note = `${HISTORY}PAST MEDICAL HISTORY: Polymyalgia rheumatica on prednisone, with persistent hip stiffness.\n`;
    const r = await outcome(note, "conservative-treatment-failed");
    expect(r.evidence).toEqual([]);
    expect(r.status).toBe("fail");
  });

  it("physical therapy for back pain with no improvement is another complaint", async () => {
    for (const line of [
      "She did 8 weeks of physical therapy for back pain, with no improvement.",
      "Physical therapy for chronic back pain, without improvement.",
      "PT for her lumbar back pain, no improvement.",
      "Steroid injections into the knee did not help.",
      "She tried physical therapy for her neck pain without benefit.",
    ]) {
      const r = await outcome(`${HISTORY}${line}\n`, "conservative-treatment-failed");
      expect(r.evidence, line).toEqual([]);
      expect(r.status, line).toBe("fail");
    }
  });

  it("still accepts facial therapy, steroids and retraining that failed", async () => {
    for (const [line, phrase] of [
      ["Facial PT for 6 months without improvement.", "without improvement"],
      ["She received a course of prednisone and valacyclovir with no recovery of facial movement.", "prednisone"],
      ["Neuromuscular retraining, no improvement in HB grade.", "Neuromuscular retraining"],
      ["Physical therapy for 9 months without any recovery.", "Physical therapy"],
      ["Treated with prednisone at onset; no recovery.", "prednisone"],
    ]) {
      await expectPass(`${HISTORY}${line}\n`, "conservative-treatment-failed", phrase!);
    }
  });

  it("still rejects a facial therapy that is improving", async () => {
    const note = `${HISTORY}Facial therapy ongoing with good improvement in oral competence; eye closure persists incomplete.\n`;
    await expectFail(note, "conservative-treatment-failed", "Facial therapy");
  });
});

describe("functional-impact: medication and problem lists do not qualify mood words", () => {
  const HISTORY = "HISTORY: Left facial paralysis for a year.\n";

  it("'Depression, stopped sertraline' and other list entries are not psychosocial impact", async () => {
    for (const line of [
      "HPI: Depression, stopped sertraline in May.",
      "PAST MEDICAL HISTORY: Depression, stopped sertraline in May.",
      "MEDICATIONS: Escitalopram for anxiety (stopped in March).",
      "HPI: Sertraline for depression, mood stable.",
      "HPI: Depression, obesity class II.",
      "HPI: Depression, eating disorder in her teens.",
      "HPI: Depression, generalized weakness.",
      "Mental status: appearance appropriate, mood depressed, affect flat.",
      "Depression: looks well today, denies suicidal ideation.",
      "PAST MEDICAL HISTORY: Anxiety, on leave from work.",
      "PAST MEDICAL HISTORY: Depression, anxiety, left Bell's palsy in 2022.",
    ]) {
      const r = await outcome(`${HISTORY}${line}\n`, "functional-impact");
      expect(r.evidence, line).toEqual([]);
      expect(r.status, line).toBe("fail");
    }
  });

  it("still accepts mood and avoidance said of the face or social life", async () => {
    for (const [line, phrase] of [
      ["She is depressed and has stopped going out since the paralysis.", "depressed"],
      ["She avoids social situations because of her face.", "avoids"],
      ["She is depressed and has stopped seeing friends.", "depressed"],
      ["She is tearful about how she looks.", "tearful"],
      ["Patient reports distress about appearance and has stopped singing in her choir.", "distress"],
      ["She has stopped teaching her fitness classes and is depressed about it.", "depressed"],
    ]) {
      await expectPass(`${HISTORY}${line}\n`, "functional-impact", phrase!);
    }
  });
});

// Findings of the fourth blind corpus (fixtures/blind4): traps its notes set that no earlier
// labelled note had.

describe("paralysis-cause: a negation reaches the end of the list it was cut short in", () => {
  it("'denies any head injury, ear infection or previous ear, parotid or skull base surgery' names no cause", async () => {
    const note =
      UNEXPLAINED +
      "HISTORY: The cause of the palsy has not been established. She denies any head injury, ear infection or previous ear, parotid or skull base surgery.\n";
    await expectFail(note, "paralysis-cause", "skull base surgery");
  });

  it("still accepts a cause after the list has ended", async () => {
    const note =
      UNEXPLAINED +
      "HISTORY: She denies fever, otalgia, vesicles, hearing loss, vertigo, tinnitus or headache. The paralysis followed resection of a left vestibular schwannoma.\n";
    await expectPass(note, "paralysis-cause", "vestibular schwannoma");
  });
});

describe("paralysis-extent: the grade of an earlier episode that recovered is not this paralysis's extent", () => {
  const CURRENT = "HISTORY: Left facial palsy since a parotidectomy 12 months ago.\n";

  it("a grade beside a complete recovery, or in a row of an earlier episode, does not count", async () => {
    for (const line of [
      "PAST HISTORY: She had a right Bell's palsy in 2011, graded House-Brackmann III at its worst, which resolved completely with prednisone.",
      "PAST HISTORY: In 2012 she had a left Bell's palsy that was graded House-Brackmann IV at its worst and recovered completely to House-Brackmann I.",
      "| Left | 2012 episode, worst | House-Brackmann | IV |",
      "| Left | previous episode | Sunnybrook composite | 42 |",
    ]) {
      await expectFail(`${CURRENT}${line}\n`, "paralysis-extent", "IV");
    }
  });

  it("still accepts the grade of the paralysis itself, including one without recovery", async () => {
    for (const [line, phrase] of [
      ["EXAM: House-Brackmann VI, with no recovery at 12 months.", "House-Brackmann VI"],
      ["EXAM: House-Brackmann V; incomplete recovery after the first operation.", "House-Brackmann V"],
      ["EXAM: House-Brackmann VI. Her right Bell's palsy in 2011 recovered completely.", "House-Brackmann VI"],
      ["| Left | current episode | House-Brackmann | V |", "House-Brackmann | V"],
    ] as const) {
      await expectPass(`${CURRENT}${line}\n`, "paralysis-extent", phrase);
    }
  });
});

describe("functional-impact: examination signs and unharmed speech are not impact", () => {
  const HISTORY = "HISTORY: Right facial palsy for 18 months after a geniculate haemangioma excision.\n";

  it("'mild brow ptosis' on examination and 'no change in her articulation' are not impact", async () => {
    for (const line of [
      "EXAM: Flattened nasolabial fold, mild brow ptosis.",
      "Speech is normal; she has noticed no change in her articulation.",
      "She reads aloud at work and her pronunciation is clear.",
    ]) {
      const r = await outcome(`${HISTORY}${line}\n`, "functional-impact");
      expect(r.evidence, line).toEqual([]);
      expect(r.status, line).toBe("fail");
    }
  });

  it("still accepts brow ptosis that blocks sight and a difficulty with articulation", async () => {
    for (const [line, phrase] of [
      ["EXAM: Brow ptosis obstructing his superior visual field.", "Brow ptosis"],
      ["She has difficulty with articulation of p and b sounds.", "articulation"],
      ["She struggles to pronounce p and b sounds clearly.", "pronounce"],
      ["Impaired articulation of labial sounds.", "Impaired articulation"],
    ] as const) {
      await expectPass(`${HISTORY}${line}\n`, "functional-impact", phrase);
    }
  });
});

describe("conservative-treatment-failed: a post-operative section describes the time after the operation", () => {
  const OP =
    "PROCEDURE: Left hypoglossal-facial anastomosis.\n" +
    "HISTORY: Left facial paralysis since the nerve was divided at translabyrinthine resection of a vestibular schwannoma.\n";

  it("eye care still needed and a face 'unchanged' three weeks after surgery are not a failed conservative treatment", async () => {
    const note = OP + "Post-operative progress\nClinic at 3 weeks: wound healed. Eye still needs the moisture chamber at night. Face unchanged, as expected at this stage.\n";
    await expectFail(note, "conservative-treatment-failed", "moisture chamber");
  });

  it("still accepts the same words before the operation", async () => {
    const note = OP + "PRIOR TREATMENT: Moisture chamber and lubricants at night for 12 months, with no improvement in eye closure.\n";
    await expectPass(note, "conservative-treatment-failed", "Moisture chamber");
  });
});

// Findings of the fifth blind corpus (fixtures/blind5): mostly passing notes written in shapes a
// rule-based checker misreads. Each describe pins the fix and its control.

describe("procedure-details: terse and stepwise operative notes", () => {
  const REST =
    "Mod Blair incision into neck.\n" +
    "XII cut distal to ansa, swung up. Coapted to VII trunk, 9-0 nylon x3, epineurial, microscope.\n" +
    "Drain. Closed 3-0 Vicryl / 5-0 nylon.\n";

  it("finding a nerve by its landmarks is identifying it", async () => {
    const note =
      "PROCEDURE: R XII-VII anastomosis, end-to-end.\n" +
      "DESCRIPTION OF PROCEDURE:\n" +
      "- CN VII trunk at stylomastoid foramen, to pes. Stim neg. Cut, fresh fascicles distal.\n" +
      "- CN XII deep to post belly digastric, b/w ICA + IJV. Stim = tongue twitch. Ansa cut.\n" +
      REST;
    await expectPass(note, "procedure-details", "digastric");
  });

  it("a step headed by the nerve, whose finding follows in the next line", async () => {
    const note =
      "PROCEDURE: Left facial-hypoglossal nerve anastomosis.\n" +
      "DESCRIPTION OF PROCEDURE:\n" +
      "3. Facial nerve\n   a. The main trunk was identified at the stylomastoid foramen and divided.\n" +
      "4. Hypoglossal nerve\n   a. The nerve was identified crossing the carotid arteries and transected distal to the descendens.\n" +
      REST;
    await expectPass(note, "procedure-details", "Hypoglossal nerve");
  });

  it("control: a hypoglossal-facial anastomosis named, with no word of finding the nerve, does not show it identified", async () => {
    const note = "PROCEDURE: Right hypoglossal-facial anastomosis.\nDESCRIPTION OF PROCEDURE: The facial trunk was identified and divided.\n" + REST.replace("XII cut distal to ansa, swung up. ", "");
    const r = await outcome(note, "procedure-details");
    expect(r.status).toBe("fail");
  });

  it("control: 'the hypoglossal nerve was not exposed' in a masseteric transfer is not its identification", async () => {
    const note =
      "PROCEDURE: Right masseteric-facial nerve transfer.\n" +
      "DESCRIPTION OF PROCEDURE: Preauricular incision. The facial trunk was identified and divided. The hypoglossal nerve was not exposed. " +
      "Under the operating microscope, the masseteric nerve was coapted end-to-end with 10-0 nylon. Layered closure.\n";
    await expectFail(note, "procedure-details", "hypoglossal nerve was not exposed");
  });
});

describe("paralysis-cause: a transection written as a field of the operation is a step, not the cause", () => {
  it("'Facial nerve: main trunk identified at stylomastoid foramen; transected 5 mm distal to foramen' names no cause", async () => {
    const note =
      UNEXPLAINED +
      "Cause: ?\nMagnification: operating microscope\n" +
      "Facial nerve: main trunk identified at stylomastoid foramen; no response at 2 mA; transected 5 mm distal to foramen; distal stump trimmed to healthy fascicles\n";
    await expectFail(note, "paralysis-cause", "transected");
  });

  it("still accepts a facial nerve sacrificed at an earlier operation", async () => {
    await expectPass(UNEXPLAINED + "HISTORY: The facial nerve was sacrificed at the radical parotidectomy in 2023.\n", "paralysis-cause", "sacrificed");
  });
});

describe("paralysis-extent and postop-progress: grades in words, post-operative days in one word", () => {
  it("'house brackmann grade six' in a dictation", async () => {
    await expectPass("preoperative diagnosis right facial paralysis house brackmann grade six following resection of an epidermoid\n", "paralysis-extent", "grade six");
  });

  it("'POD2: tongue deviates L, wound clean, discharged'", async () => {
    const note = "PROCEDURE: Left hypoglossal-facial anastomosis.\nOp narrative: the nerves were coapted.\n\nPOD2: tongue deviates L, wound clean, feeding well, discharged.\n";
    await expectPass(note, "postop-progress", "POD2");
  });

  it("control: a pod that is not a post-operative day", async () => {
    const note = "PROCEDURE: Left hypoglossal-facial anastomosis.\nSOCIAL HISTORY: Vapes about one pod a day.\n";
    await expectFail(note, "postop-progress", "pod");
  });
});

describe("functional-impact: impact in the patient's own words", () => {
  const HISTORY = "HISTORY: Right facial palsy after Ramsay Hunt syndrome 14 months ago.\n";

  it("lay descriptions of eye closure, eating, drinking and a life given up", async () => {
    for (const [line, phrase] of [
      ["He cannot keep water in his mouth when he rinses after brushing his teeth.", "keep water in"],
      ["Tears run down his cheek when he eats.", "Tears run"],
      ["He has to push food out from between his cheek and gum with a finger.", "push food out"],
      ["He has given up singing in the church choir.", "given up singing"],
      ["The right eye stays open about 6 mm when he tries to close it.", "stays open"],
      ["R eye won't shut.", "won't shut"],
    ] as const) {
      await expectPass(`${HISTORY}${line}\n`, "functional-impact", phrase);
    }
  });

  it("control: a habit given up, and an operation's dysarthria after it, are not the paralysis's impact", async () => {
    for (const line of [
      "Social history: Former smoker, quit 2010; stopped drinking alcohol.",
      "POSTOPERATIVE COURSE: Mild dysarthria from tongue weakness, settling.",
    ]) {
      const r = await outcome(`${HISTORY}${line}\n`, "functional-impact");
      expect(r.evidence, line).toEqual([]);
      expect(r.status, line).toBe("fail");
    }
  });
});

describe("conservative-treatment-failed: 'zero recovery' is a failure signal", () => {
  it("'11 mo PT + NMES, zero recovery'", async () => {
    await expectPass("Indication: 11 mo PT + NMES, zero recovery. ENoG R 0%.\n", "conservative-treatment-failed", "PT");
  });
});

describe("paralysis-cause: an earlier episode that recovered caused no paralysis there is now", () => {
  it("'left Bell's palsy in 2015, treated with prednisolone, fully resolved within 3 months'", async () => {
    const note =
      "HISTORY: Obstructive sleep apnoea for a hypoglossal nerve stimulator.\n" +
      "Past history: left Bell's palsy in 2015, treated with prednisolone, fully resolved within 3 months; House-Brackmann I today.\n";
    await expectFail(note, "paralysis-cause", "Bell's palsy");
  });

  it("still accepts a Bell's palsy that did not recover, and another cause beside a recovered one", async () => {
    await expectPass(UNEXPLAINED + "HISTORY: Left Bell's palsy in 2024 that has never fully resolved.\n", "paralysis-cause", "Bell's palsy");
    await expectPass(
      UNEXPLAINED + "HISTORY: Her right Bell's palsy in 2010 recovered completely. The left palsy followed resection of a vestibular schwannoma.\n",
      "paralysis-cause",
      "vestibular schwannoma",
    );
  });
});

// Findings of the sixth blind corpus (fixtures/blind6): long chart exports and neighbouring
// procedures.

describe("functional-impact: impact after a neighbouring operation, and words that are not impact", () => {
  const HISTORY = "HISTORY: Left facial palsy since a radical parotidectomy with sacrifice of the facial nerve.\n";

  it("impact described after the operation counts; post-operative dysarthria from the tongue does not", async () => {
    await expectPass(`${HISTORY}DISPOSITION: Unable to close the left eye; lagophthalmos 4 mm.\n`, "functional-impact", "lagophthalmos");
    const r = await outcome(`${HISTORY}DISPOSITION: Mild dysarthria from tongue weakness, settling.\n`, "functional-impact");
    expect(r.status).toBe("fail");
  });

  it("a dry, gritty eye and food escaping the mouth, in plain words", async () => {
    for (const [line, phrase] of [
      ["He complains of a dry, gritty left eye because his blink is incomplete.", "gritty left eye"],
      ["Food and drink escape from the left side of his mouth.", "escape from the left side of his mouth"],
    ] as const) {
      await expectPass(`${HISTORY}${line}\n`, "functional-impact", phrase);
    }
  });

  it("'lower lip depression' on examination is a muscle's action, not a mood", async () => {
    const r = await outcome(`${HISTORY}EXAM: mild weakness of right lower lip depression on showing the lower teeth.\n`, "functional-impact");
    expect(r.evidence).toEqual([]);
  });

  it("a consent form's risks under their own headings are not the patient's impact", async () => {
    const note = `${HISTORY}Serious or frequently occurring risks:\n - Weakness of the tongue, which can cause difficulty eating and speaking.\n`;
    await expectFail(note, "functional-impact", "difficulty eating");
  });
});

describe("conservative-treatment-failed: a therapist, a judgement and a condition that keeps coming back", () => {
  it("'worked with a facial physical therapist for over 2 years ... without improvement'", async () => {
    await expectPass("HISTORY: She has worked with a facial physical therapist for over 2 years on symmetry without improvement in her smile.\n", "conservative-treatment-failed", "facial physical therapist");
  });

  it("'managed conservatively ... but she continues to develop keratopathy'; 'considered to have failed' is a judgement, not a plan", async () => {
    const note =
      "HISTORY: Her eye has been managed conservatively for four years with lubricants and a moisture chamber, but she continues to develop exposure keratopathy.\n" +
      "Conservative management is therefore considered to have failed.\n";
    await expectPass(note, "conservative-treatment-failed", "Conservative management");
  });

  it("control: a treatment that has worked", async () => {
    await expectFail("HISTORY: Lubricants and taping have worked well; no keratopathy.\n", "conservative-treatment-failed", "Lubricants");
  });

  it("a field whose value, after aligning spaces, says it was not done", async () => {
    const note = "PRIOR TREATMENT:\nObservation for recovery:     Not applicable - nerve transected; no spontaneous recovery possible.\n";
    await expectFail(note, "conservative-treatment-failed", "Observation");
  });
});

describe("procedure-details: an addendum under a long header corrects the donor", () => {
  it("'ADDENDUM — [date], 2 days after surgery — by ..., MD' withdraws the anastomosis it corrects", async () => {
    const note =
      "PROCEDURE: Left hypoglossal-facial nerve anastomosis.\n" +
      "DESCRIPTION OF PROCEDURE: Modified Blair incision. The facial nerve was identified at the stylomastoid foramen and divided. " +
      "The hypoglossal nerve was identified and transected; under the operating microscope it was coapted to the facial nerve with 9-0 nylon. Layered closure.\n\n" +
      "------\nADDENDUM — [date], 2 days after surgery — by [redacted], MD (surgeon)\n------\n" +
      "CORRECTION OF OPERATIVE REPORT. The final, correct account is:\n" +
      "1. The hypoglossal nerve was NOT divided and NO hypoglossal-facial anastomosis was performed.\n" +
      "2. The masseteric nerve was coapted to the facial nerve.\n";
    const r = await outcome(note, "procedure-details");
    expect(r.status).toBe("fail");
  });
});

// Findings of the seventh blind corpus (fixtures/blind7): unusual formats and wordings.

describe("procedure-details: an operation abandoned, and an old incision opened again", () => {
  const STEPS =
    "4. Operative course\n" +
    " 4.1 Incision: right modified Blair incision.\n" +
    " 4.2 Facial nerve: main trunk identified at the stylomastoid foramen.\n" +
    " 4.3 Hypoglossal nerve\n  4.3.1 During dissection deep to the posterior belly of digastric, a venous tear caused brisk haemorrhage.\n" +
    "  4.3.2 Tongue stim: not done; XII not identified, procedure abandoned.\n" +
    " 4.4 Magnification: loupes x3.5.\n 4.5 Closure: wound closed in layers.\n";

  it("'XII not identified, procedure abandoned' under an intended anastomosis is no anastomosis", async () => {
    const note = "OPERATIVE REPORT\n\n3. Intended procedure\n 3.1 Right hypoglossal-facial nerve anastomosis (split XII, end-to-end to VII trunk).\n\n" + STEPS;
    await expectFail(note, "procedure-details", "hypoglossal-facial nerve anastomosis");
  });

  it("'the previous parotidectomy incision was reopened and extended' is this operation's incision", async () => {
    const note =
      "PROCEDURE: Right hypoglossal-facial anastomosis.\n" +
      "DESCRIPTION OF PROCEDURE: The previous right parotidectomy incision was reopened and extended into the neck. " +
      "The facial nerve trunk was identified at the stylomastoid foramen and divided. The hypoglossal nerve was identified deep to the digastric and transected; " +
      "under the operating microscope it was coapted to the facial trunk with 9-0 nylon. Layered closure.\n";
    await expectPass(note, "procedure-details", "incision was reopened");
  });
});

describe("conservative-treatment-failed and postop-progress: shorthand and a follow-up addendum", () => {
  it("'plateaued after initial improvement' and 'nil improvement' are failures", async () => {
    await expectPass("S: Facial physiotherapy with NMR from month 2; slight tone returned at month 3 and then plateaued after initial improvement.\n", "conservative-treatment-failed", "plateaued");
    await expectPass("HPC: Rx: pred 1/52 + physio 10/12 + NMES 3/12 -> nil improvement.\n", "conservative-treatment-failed", "nil improvement");
  });

  it("control: an improvement that is not initial", async () => {
    await expectFail("S: Facial physiotherapy since month 2 with steady improvement.\n", "conservative-treatment-failed", "physiotherapy");
  });

  it("an addendum of ward and clinic follow-up is the post-operative course", async () => {
    const note =
      "PROCEDURE: Left hypoglossal-facial anastomosis.\nDESCRIPTION OF PROCEDURE: The nerves were coapted.\n\n" +
      "ADDENDUM — Ward and clinic follow-up\nDay 1: drain removed; tongue deviates slightly on protrusion. Discharged home on day 2.\n";
    await expectPass(note, "postop-progress", "tongue deviates");
  });
});

// Findings of the eighth blind corpus (fixtures/blind8), written with the development set's mix.

describe("paralysis-cause and paralysis-extent: a skull-base tumour by name, a grade with a time point in brackets", () => {
  it("'low-grade chondrosarcoma of the left petro-occipital fissure resected' is the cause", async () => {
    await expectPass("HISTORY: Low-grade chondrosarcoma of the left petro-occipital fissure resected via an infratemporal fossa approach; complete left facial paralysis since.\n", "paralysis-cause", "chondrosarcoma");
  });

  it("'House-Brackmann (pre-op): VI' is a grade", async () => {
    await expectPass("Facial grading\nHouse-Brackmann (pre-op): VI\n", "paralysis-extent", "House-Brackmann (pre-op): VI");
  });

  it("control: a bracket that holds more than a short qualifier", async () => {
    await expectFail("House-Brackmann (not graded today because the patient declined photographs): 4 photographs taken\n", "paralysis-extent", "House-Brackmann");
  });
});

describe("conservative-treatment-failed: 'has not returned to college' is about his life, not a treatment's outcome", () => {
  it("ointment and taping beside 'he has not returned to college' are not shown to fail", async () => {
    const note = "HISTORY: He cannot close the right eye and uses ointment and taping at night. He is self-conscious about his appearance; he has not returned to college.\n";
    await expectFail(note, "conservative-treatment-failed", "ointment");
  });

  it("still accepts 'no spontaneous return' and 'movement has not returned'", async () => {
    await expectPass("HISTORY: A year of observation after radiotherapy and physiotherapy has shown no spontaneous return.\n", "conservative-treatment-failed", "no spontaneous return");
    await expectPass("HISTORY: After 9 months of facial physiotherapy, movement has not returned.\n", "conservative-treatment-failed", "physiotherapy");
  });
});

// Findings of the ninth blind corpus (fixtures/blind9): the development set's mix with unusual
// causes and authors.

describe("blind9: causes, refused diagnoses, working words said of something else, lay words", () => {
  const EXTENT = "EXAM: Left facial paralysis, House-Brackmann VI, all branches affected.\n";

  it("'HIV-associated facial nerve palsy' is a cause; 'HIV on ART' alone is not", async () => {
    await expectPass(EXTENT + "HISTORY: HIV-associated facial nerve palsy was diagnosed five months ago.\n", "paralysis-cause", "HIV-associated");
    await expectFail(EXTENT + "PMH: HIV on ART, viral load undetectable.\n", "paralysis-cause", "HIV");
  });

  it("a coding query's question and a refused diagnosis wrapped over a line name no cause", async () => {
    const note =
      EXTENT +
      "Query: Can the paralysis be documented as Bell's palsy (G51.0)? If another cause is known, please specify.\n" +
      "Provider response: The etiology has not been established. I cannot document it\nas Bell's palsy: the onset was progressive over six weeks.\n";
    await expectFail(note, "paralysis-cause", "Bell's palsy");
  });

  it("control: a template's 'Drooling? Yes' is not a question about drooling", async () => {
    await expectPass("HISTORY: Left facial paralysis.\nDrooling? Yes.\n", "functional-impact", "Drooling");
  });

  it("'the enhancement has now resolved' is not the treatment working on the palsy", async () => {
    const note =
      "HISTORY: Treated with high-dose prednisolone, then methotrexate. The enhancement has now resolved and the systemic disease is inactive, " +
      "but after 15 months of treatment, together with facial physiotherapy and eye care throughout, the left facial palsy has not improved at all.\n";
    await expectPass(note, "conservative-treatment-failed", "physiotherapy");
  });

  it("control: a palsy that resolved with the treatment", async () => {
    await expectFail("HISTORY: Her facial weakness resolved after prednisolone and physiotherapy.\n", "conservative-treatment-failed", "prednisolone");
  });

  it("'lid taping by the parents' is the patient's treatment, done by others", async () => {
    const note = "HISTORY: She was observed with monthly reviews for ten months, with lubricating gel and night-time lid taping by the parents. There has been no return of movement in any branch over that time.\n";
    await expectPass(note, "conservative-treatment-failed", "lid taping");
  });

  it("a GP letter's plain words: an eye that would not close, drinks that ran out of her mouth", async () => {
    for (const [line, phrase] of [
      ["The left eye would not close (lagophthalmos 6 mm).", "would not close"],
      ["Drinks ran out of the left side of her mouth, and food collected in her left cheek.", "ran out of the left side of her mouth"],
    ] as const) {
      await expectPass(`HISTORY: Left facial palsy after a horse kick.\n${line}\n`, "functional-impact", phrase);
    }
  });
});

// Findings of the eleventh blind corpus (fixtures/blind11): terse dictations and transcripts.

describe("paralysis-cause: the operation's own steps said without a section", () => {
  it("'trunk divided at the foramen, distal stump prepared' is a step, not the cause", async () => {
    const note =
      "Left facial paralysis, House-Brackmann VI, sixteen months. The referral letter gives no cause.\n\n" +
      "Facial nerve main trunk identified with the tragal pointer, traced to the pes. Trunk divided at the foramen, distal stump prepared.\n";
    await expectFail(note, "paralysis-cause", "divided at the foramen");
  });

  it("control: a facial nerve divided during the tumour's resection is the cause", async () => {
    await expectPass("HPI: Left facial paralysis since the facial nerve was divided during resection of a parotid mass.\n", "paralysis-cause", "facial nerve was divided");
  });
});

// Findings of the thirteenth blind corpus (fixtures/blind13): other Englishes and specialties.

describe("blind13: a named viral cause, a department's abbreviation, equipment not available", () => {
  it("'diagnosed as HSV-1 facial neuritis' is the cause", async () => {
    await expectPass("Background: R facial palsy for 17/12, diagnosed as HSV-1 facial neuritis (PCR positive on CSF).\n", "paralysis-cause", "HSV-1");
  });

  it("control: cold sores in the past history are no cause of the palsy", async () => {
    await expectFail("PMH: recurrent HSV cold sores.\nExam: Right facial paralysis, House-Brackmann VI.\n", "paralysis-cause", "HSV");
  });

  it("'physiotherapy at PMR department for 6 months. No improvement at all' failed (PMR is the rehabilitation department)", async () => {
    await expectPass(
      "Pt was given oral steroid tapering, and physiotherapy (electrical stimulation and exercise) at PMR department for 6 months. No improvement at all till now.\n",
      "conservative-treatment-failed",
      "physiotherapy",
    );
  });

  it("control: prednisone for PMR with persistent stiffness is another complaint", async () => {
    await expectFail("Meds: prednisone 10 mg daily for PMR flare, with persistent shoulder stiffness.\n", "conservative-treatment-failed", "prednisone");
  });

  it("'operating microscope not available in OT; loupe not available' is no magnification", async () => {
    const note =
      "PROCEDURE: Left hypoglossal-facial anastomosis.\n- Magnification: operating microscope not available in OT, sent for repair; loupe not available. " +
      "Anastomosis done under direct vision with headlight.\n";
    const r = await outcome(note, "procedure-details");
    expect(r.evidence.filter((e) => /microscope|loupe/i.test(e))).toEqual([]);
  });
});

describe("conservative-treatment-failed: 'active' is no activity", () => {
  it("'active-assisted exercises, no electrical stimulation' followed by steady gains is no failure", async () => {
    const note =
      "- Facial physiotherapy from month 2 (NMR: mirror feedback, gentle active-assisted exercises, no electrical stimulation). " +
      "First voluntary flicker at the commissure at 4 months. Since then steady gains at every session.\n";
    await expectFail(note, "conservative-treatment-failed", "physiotherapy");
  });

  it("control: 'no voluntary activity' after months of therapy is a failure", async () => {
    await expectPass("She has had 9 months of facial physiotherapy with no voluntary activity on EMG or exam.\n", "conservative-treatment-failed", "no voluntary activity");
  });
});

describe("conservative-treatment-failed: a negator before the outcome, or after a colon", () => {
  it("'gentle isolated movements with mirror feedback, no forceful exercises' is no failure", async () => {
    await expectFail(
      "Started home neuromuscular retraining program: gentle isolated movements with mirror feedback, no forceful exercises, no electrical stimulation. Continue eye protection.\n",
      "conservative-treatment-failed",
      "neuromuscular retraining",
    );
  });

  it("'Response to 10 months of physiotherapy: nil' is a failure", async () => {
    await expectPass("Treatment: facial physiotherapy for 10 months. Response: nil.\n", "conservative-treatment-failed", "Response: nil");
  });
});

// Findings of the twelfth blind corpus (fixtures/blind12): several encounters or operations in one file.

describe("postop-progress: an earlier operation's course before this operation's record", () => {
  const EARLIER =
    "[1] NEUROSURGERY DISCHARGE SUMMARY\nOperation: Right retrosigmoid craniotomy and resection of a CPA meningioma.\n" +
    "Post-operative course: Extubated in theatre. POD 1: right facial paralysis HB VI. Discharged home on day 6.\n\n";
  const RECORD =
    "[2] OPERATIVE REPORT\nProcedure: Right hypoglossal-facial nerve anastomosis, classic end-to-end.\n" +
    "Procedure in detail: Blair incision; the hypoglossal stump was coapted to the facial trunk with 10-0 nylon. Closed in layers.\n";

  it("is not this operation's progress when the record of this one follows it", async () => {
    await expectFail(EARLIER + RECORD + "PLAN:\n- Admit overnight.\n", "postop-progress", "Extubated");
  });

  it("control: this operation's own course, after its record", async () => {
    await expectPass(EARLIER + RECORD + "Post-operative course: extubated and taken to PACU in stable condition.\n", "postop-progress", "PACU");
  });

  it("control: an op note whose header fields give the condition before the narrative", async () => {
    const note =
      "PROCEDURE: Left hypoglossal-facial anastomosis.\nCONDITION: Extubated, to PACU in stable condition.\n" +
      "DESCRIPTION OF PROCEDURE: The hypoglossal nerve was coapted to the facial trunk with 10-0 nylon.\n";
    await expectPass(note, "postop-progress", "PACU");
  });
});

describe("procedure-details: a field of what was not done", () => {
  const SPINAL =
    "procedure: R spinal accessory-facial nerve anastomosis (XI-VII), end-to-end; op microscope\n" +
    "NOT done: hypoglossal-facial anastomosis -- see indications\n\n" +
    "description: R modified Blair incision. VII main trunk identified at SMF, divided. XI SCM branch rotated up to VII stump, end-to-end 10-0 nylon x4. Platysma 3-0 Vicryl, skin 5-0 nylon.\n";
  it("'NOT done: hypoglossal-facial anastomosis' names no hypoglossal donor", async () => {
    await expectFail(SPINAL, "procedure-details", "hypoglossal-facial anastomosis");
  });
  it("control: 'Done: hypoglossal-facial anastomosis' does", async () => {
    const r = await outcome("Done: hypoglossal-facial anastomosis.\n", "procedure-details");
    expect(r.evidence.some((e) => /hypoglossal-facial anastomosis/i.test(e))).toBe(true);
  });
});

describe("procedure-details: an earlier operation's steps in a summary of previous treatment", () => {
  it("are not this operation's", async () => {
    const note =
      "=== A. SUMMARY OF PREVIOUS TREATMENT (from outside records) ===\n" +
      "- Right hypoglossal-facial nerve anastomosis: modified Blair incision; facial trunk divided at the stylomastoid foramen; hypoglossal nerve confirmed by stimulation, divided and coapted end-to-end to the facial trunk under the microscope with 10-0 nylon; layered closure.\n\n" +
      "=== C. OPERATIVE REPORT ===\nProcedure: Right free functional gracilis muscle transfer innervated by the masseteric nerve.\n";
    await expectFail(note, "procedure-details", "coapted end-to-end");
  });
});

describe("procedure-details: an earlier operation's steps before this operation's record", () => {
  const EARLIER =
    "[A] PAROTIDECTOMY OPERATIVE NOTE\nProcedure: Left superficial parotidectomy.\n" +
    "Description: Modified Blair incision. The facial nerve was identified at the stylomastoid foramen under loupe magnification and preserved. " +
    "The hypoglossal nerve was identified and preserved. Closure with 3-0 Vicryl and staples.\n\n";
  it("do not complete a record of this operation that stops after the hypoglossal was cut", async () => {
    const note =
      EARLIER +
      "[B] OPERATIVE NOTE\nProcedure: Left hypoglossal-facial nerve anastomosis, classic end-to-end.\n" +
      "Description: The old scar was reopened and a flap raised. The hypoglossal nerve was found deep to the digastric and transected. [dictation ends]\n";
    const r = await outcome(note, "procedure-details");
    expect(r.status).toBe("fail");
  });
  it("control: the operation named again late in its own narrative moves nothing", async () => {
    const note =
      "OPERATION: Right hypoglossal-facial nerve anastomosis.\n\nPROCEDURE\nRight preauricular incision. Facial nerve identified at the stylomastoid foramen and divided.\n" +
      "Hypoglossal nerve identified below the digastric; stimulation 1 mA gave tongue movement.\n" +
      "Under the operating microscope, end-to-end neurorrhaphy of hypoglossal to facial trunk with 9/0 nylon epineurial sutures. Closure: 3/0 Vicryl to platysma.\n";
    await expectPass(note, "procedure-details", "incision");
  });
});

describe("postop-progress: a course said of another operation", () => {
  it("'his post-operative course after the parotidectomy: drain removed on day 1' is not this operation's", async () => {
    const note =
      "REFERRAL\nThis gentleman underwent a left superficial parotidectomy 8 months ago. His post-operative course after the parotidectomy was otherwise straightforward: drain removed on day 1, home on day 2, small seroma aspirated once.\n\n" +
      "Plan: left hypoglossal-facial anastomosis at 12 months.\n";
    await expectFail(note, "postop-progress", "drain removed");
  });

  it("control: the course after the anastomosis", async () => {
    await expectPass("Post-operative course after the hypoglossal-facial anastomosis: drain removed on day 1, home on day 2.\n", "postop-progress", "drain removed");
  });
});

describe("paralysis-cause: an earlier episode that recovered, said with a dash", () => {
  it("'Ramsay Hunt syndrome in 2014, ... recovered fully - her right face is normal (HB I)' is no cause", async () => {
    const note =
      UNEXPLAINED +
      "Past medical history includes a right-sided Ramsay Hunt syndrome in 2014, which was treated with valaciclovir and prednisolone and recovered fully - her right face is normal (HB I).\n";
    await expectFail(note, "paralysis-cause", "Ramsay Hunt");
  });

  it("control: 'Ramsay Hunt syndrome 14 months ago, never recovered' is the cause", async () => {
    await expectPass(UNEXPLAINED + "HPI: Ramsay Hunt syndrome 14 months ago, with no recovery since.\n", "paralysis-cause", "Ramsay Hunt");
  });
});

describe("paralysis-cause: a cause the note later gives up", () => {
  const PROPOSED = "GP letter: I treated her for a presumed Bell's palsy with prednisolone; she had a parotid operation years ago.\n\n";
  it("is not the cause once the note says the cause remains undetermined", async () => {
    await expectFail(PROPOSED + "Assessment: Right HB VI palsy. Cause of the right facial paralysis remains undetermined; annual MRI.\n", "paralysis-cause", "Bell's palsy");
  });
  it("control: a cause found after an early 'cause unknown' counts", async () => {
    await expectPass("HPI: Right facial palsy, cause unknown at first. MRI then showed a facial nerve schwannoma, resected in May.\n", "paralysis-cause", "schwannoma");
  });
});

// Findings of the fourteenth and fifteenth blind corpora (fixtures/blind14, blind15).

describe("postop-progress: another operation's course, in good condition", () => {
  it("'her post-operative course after that craniotomy ... discharged on day 12 in good condition' is not this operation's", async () => {
    const note =
      "Clinical note:\nThirteen months ago she had a right retrosigmoid craniotomy for a meningioma. Her post-operative course after that craniotomy was complicated by a wound infection treated with antibiotics; she was discharged on day 12 in good condition.\n\n" +
      "Plan: right hypoglossal-facial anastomosis.\n";
    await expectFail(note, "postop-progress", "good condition");
  });
});

describe("procedure-details: the operation as listed, and the one performed", () => {
  it("'Procedure as listed: hypoglossal-facial' over 'Procedure performed: spinal accessory-facial (XI-VII)' names no hypoglossal donor", async () => {
    const note =
      "Procedure as listed: Left hypoglossal-facial nerve anastomosis\nProcedure performed: Left spinal accessory-facial nerve anastomosis (XI-VII), end-to-end, under the operating microscope\n\n" +
      "Indications: We therefore listed him for hypoglossal-facial anastomosis provided the hypoglossal nerve showed a good response.\n";
    await expectFail(note, "procedure-details", "hypoglossal-facial");
  });
});

describe("procedure-details: what the payer authorized is not what was done", () => {
  it("'scheduled and pre-authorized as CPT 64868 (anastomosis, facial-hypoglossal)' names no hypoglossal donor", async () => {
    const note =
      "ISSUE\nThe case was scheduled and pre-authorized as CPT 64868 (anastomosis, facial-hypoglossal). The operative report describes the spinal accessory nerve as the donor.\n";
    await expectFail(note, "procedure-details", "facial-hypoglossal");
  });
});

describe("conservative-treatment-failed: 'recovered no movement' is a failure", () => {
  it("'ten months of retraining. Despite this she recovered no movement at all' failed", async () => {
    await expectPass(
      "From month 2 she attended facial neuromuscular retraining every other week for ten months. Despite this she recovered no movement at all.\n",
      "conservative-treatment-failed",
      "neuromuscular retraining",
    );
  });
  it("control: 'with retraining she recovered most of her smile' is working", async () => {
    await expectFail("With facial neuromuscular retraining she recovered most of her smile by month 6.\n", "conservative-treatment-failed", "retraining");
  });
});

describe("functional-impact: risks and what the paralysis can lead to", () => {
  it("'which may cause difficulty with speech, chewing and swallowing' (a consent risk) is no impact", async () => {
    await expectFail(
      "Risks discussed: weakness of the right half of the tongue after the hypoglossal nerve is divided, which may cause difficulty with speech, chewing and swallowing.\n",
      "functional-impact",
      "chewing",
    );
  });
  it("'paralysis of this degree can, in time, lead to corneal exposure, oral incompetence' is no impact", async () => {
    await expectFail(
      "Narrative: Long-standing facial paralysis of this degree can, in time, lead to corneal exposure, oral incompetence and difficulty with speech.\n",
      "functional-impact",
      "corneal exposure",
    );
  });
  it("control: 'he has difficulty with speech and chewing' is impact", async () => {
    await expectPass("HPI: Since the paralysis he has difficulty with speech and chewing on the left.\n", "functional-impact", "chewing");
  });
});

describe("procedure-details: a note that repeats its own record", () => {
  it("still passes when the evidence found first all lies before the last copy's opening", async () => {
    const record =
      "PROCEDURE: Left hypoglossal-facial nerve anastomosis.\n" +
      "DESCRIPTION OF PROCEDURE: A modified Blair incision was made. The facial nerve trunk was identified at the stylomastoid foramen and divided. " +
      "The hypoglossal nerve was identified deep to the digastric, stimulated and transected. Under the operating microscope it was coapted to the facial trunk with 9-0 nylon epineurial sutures. " +
      "The wound was closed in layers.\n\n";
    await expectPass(record.repeat(12), "procedure-details", "incision");
  });
});

describe("paralysis-extent: an earlier episode that recovered to a normal grade", () => {
  it("'grades it House-Brackmann III at presentation, and she recovered to House-Brackmann I' is not this paralysis's extent", async () => {
    await expectFail(
      "In 2016 she had a left facial weakness diagnosed as Bell's palsy; her primary care record grades it House-Brackmann III at presentation, and she recovered to House-Brackmann I within three months on prednisone.\n",
      "paralysis-extent",
      "House-Brackmann III",
    );
  });
  it("control: 'House-Brackmann III, improving' is this paralysis's extent", async () => {
    await expectPass("Exam: left House-Brackmann III today, improving slowly.\n", "paralysis-extent", "House-Brackmann III");
  });
});

describe("procedure-details: a coder's question names the anastomosis as billed", () => {
  it("'the charge capture list \"facial-hypoglossal anastomosis (64868)\" ... Please clarify whether a facial-hypoglossal anastomosis was performed' names no donor", async () => {
    const note =
      "QUESTION\nThe resident's brief op note and the charge capture list \"facial-hypoglossal anastomosis (64868)\" in addition to the parotidectomy. " +
      "Please clarify whether a facial-hypoglossal anastomosis was performed.\n";
    await expectFail(note, "procedure-details", "facial-hypoglossal anastomosis");
  });
});

describe("conservative-treatment-failed: the treatment of an earlier episode that recovered", () => {
  it("'oral steroids and physiotherapy then, with no improvement at 3 months, and went on to recover fully' is no failure now", async () => {
    await expectFail(
      "In 2019 he had a left Bell's palsy (he had oral steroids and physiotherapy then, with no improvement at 3 months, and went on to recover fully to HB I by 6 months).\n",
      "conservative-treatment-failed",
      "physiotherapy",
    );
  });
});

describe("conservative-treatment-failed: a course judged futile, or waiting on surgery, was never tried", () => {
  const NOTE =
    "No steroids (transection). No PT yet -- PT/NMR to start after surgery once tone appears. " +
    "We discussed that with a known transected nerve, waiting/observation offers nothing and early reinnervation is preferred.\n";
  it("'waiting/observation offers nothing' and 'PT/NMR to start after surgery' are no failure", async () => {
    await expectFail(NOTE, "conservative-treatment-failed", "observation");
    await expectFail(NOTE, "conservative-treatment-failed", "PT/NMR");
  });
  it("control: an observation that showed nothing is a failure", async () => {
    await expectPass(
      "Observed for 9 months with no recovery of facial movement; PT/NMR since month 2 with no improvement.\n",
      "conservative-treatment-failed",
      "no recovery",
    );
  });
});

describe("conservative-treatment-failed: what a payer's policy requires, or a query asks for, is not documented by saying it", () => {
  it("a quoted policy and a coder's query pass nothing", async () => {
    await expectFail(
      'PAYER REQUEST (quoted)\n"Policy requires documentation that conservative management has been tried and has failed, or that an observation period has shown no recovery."\n\n' +
        "QUESTION TO THE SURGEON\nPlease identify where the record documents failed conservative treatment, or add a clarifying statement.\n",
      "conservative-treatment-failed",
      "observation",
    );
  });
  it("control: the surgeon's answer that documents it passes", async () => {
    await expectPass(
      "Policy requires documentation of failed conservative treatment. She completed 9 months of facial physiotherapy with no improvement, HB VI throughout.\n",
      "conservative-treatment-failed",
      "physiotherapy",
    );
  });
});

describe("postop-progress: a visit set for after the operation is a plan", () => {
  it("'I will see him again after his operation to decide ... while reinnervation takes place' is no course", async () => {
    await expectFail(
      "LETTER\nI will see him again after his operation to decide whether he still needs a lid procedure while reinnervation takes place.\n",
      "postop-progress",
      "after his operation",
    );
  });
  it("control: a visit after the operation that saw him is a course", async () => {
    await expectPass(
      "LETTER\nI saw him again six weeks after his operation: the wound is well healed and he has resting tone.\n",
      "postop-progress",
      "after his operation",
    );
  });
});

describe("functional-impact: plain words for spilling, mushy speech and friends given up", () => {
  it.each([
    ["She reports that liquids spill from the right side of her mouth.", "spill from the right side of her mouth"],
    ['Speech: "m", "p" and "b" sound mushy; callers ask her to repeat herself.', "sound mushy"],
    ["Since the palsy he has stopped seeing friends.", "stopped seeing friends"],
  ])("%j passes", async (sentence, phrase) => {
    await expectPass(`HPI: right facial paralysis after resection. ${sentence}\n`, "functional-impact", phrase);
  });
  it("control: a soft, mushy diet after surgery and a stopped medicine are no impact", async () => {
    await expectFail("HPI: right facial paralysis after resection. Soft mushy diet for a week. Stopped aspirin; friends drove her home.\n", "functional-impact", "mushy");
  });
});

describe("other_side: what a note says of the other side than the paralysis", () => {
  /** A left paralysis, named so three times, with the line under test before the plan. */
  const LEFT = (line: string) =>
    "HPI: 54-year-old woman with left facial paralysis for 17 months, left HB VI. Left facial palsy unchanged.\n" +
    `${line}\nPlan: left hypoglossal-facial anastomosis.\n`;
  it("a right parotidectomy is not the cause of a left paralysis, nor a right-sided palsy's grade its extent", async () => {
    await expectFail(LEFT("PSH: right superficial parotidectomy (2011) for pleomorphic adenoma, right facial function normal since."), "paralysis-cause", "parotidectomy");
    await expectFail(
      "HPI: left facial paralysis after a left temporal bone fracture; the left facial palsy is unchanged. Plan: left hypoglossal-facial anastomosis.\nIn 2009 she had a right-sided Bell's palsy, complete paralysis, which recovered.\n",
      "paralysis-extent",
      "complete",
    );
  });
  it("a clause ends at a semicolon: physiotherapy that failed still counts beside botulinum to the other side", async () => {
    await expectPass(
      LEFT("Prior management: prednisolone at onset; 12 months of facial physiotherapy with no recovery; botulinum to the right side for symmetry."),
      "conservative-treatment-failed",
      "physiotherapy",
    );
  });
  it("control: a cause on the paralysis's side, or in a clause naming both sides, counts", async () => {
    await expectPass(LEFT("PSH: left superficial parotidectomy (2011) for pleomorphic adenoma."), "paralysis-cause", "parotidectomy");
    await expectPass(LEFT("Left facial paralysis after a right-sided fall: temporal bone fracture on CT."), "paralysis-cause", "temporal bone fracture");
  });
  it("in a table, a column headed by the other side is that side's", async () => {
    // No grade but the table's.
    const table = (a: string, b: string) =>
      "HPI: left facial paralysis for 17 months. Left facial palsy unchanged.\n" +
      `FACIAL GRADING WORKSHEET\n                     | ${a} | ${b}\n---------------------|------|------\nSunnybrook composite | 100 |\neFACE total          | 98 |\n` +
      "Plan: left hypoglossal-facial anastomosis.\n";
    await expectFail(table("RIGHT (unaffected)", "LEFT (affected)"), "paralysis-extent", "eFACE");
    // Control: the same values under the paralysis's own side grade it.
    await expectPass(table("LEFT (affected)", "RIGHT (unaffected)"), "paralysis-extent", "eFACE");
  });
  it("a failure said of the other side qualifies no treatment of this one", async () => {
    const note =
      "HPI: right facial paralysis after a right cholesteatoma resection; right HB VI; the right facial palsy is complete.\n" +
      "Lubricating drops and night-time ointment were started on day 1.\n" +
      "PMH notable for a LEFT Bell's palsy in 2016; it did not recover completely and he has mild left synkinesis.\n" +
      "Plan: right hypoglossal-facial anastomosis.\n";
    await expectFail(note, "conservative-treatment-failed", "ointment");
  });
  it("control: 'right after' and 'was left intact' name no side", async () => {
    // A left paralysis whose steroids came "right after" the operation: the failure is this side's.
    await expectPass(
      LEFT("He had steroids right after the implant surgery, which did nothing, and 8 months of facial therapy without any return; the electrode was left intact."),
      "conservative-treatment-failed",
      "steroids",
    );
  });
  it("control: a note whose side is not clear ignores nothing", async () => {
    await expectPass(
      "HPI: left facial palsy. Right facial palsy too, in the past.\nPSH: right superficial parotidectomy (2011) for pleomorphic adenoma.\n",
      "paralysis-cause",
      "parotidectomy",
    );
  });
});

describe("postop-progress: a ward's note that the patient returned from recovery", () => {
  it("'Returned from recovery at 17:40, alert and orientated' is the condition after the operation", async () => {
    await expectPass(
      "Document 3: Operation note\nOperation: left hypoglossal-facial anastomosis.\n\nDocument 4: Ward round notes\nDay 0 evening (nursing): Returned from recovery at 17:40, alert and orientated.\n",
      "postop-progress",
      "Returned from recovery",
    );
  });
});

describe("conservative-treatment-failed: a treatment not taken, or an observation not waited out", () => {
  it("'ointment ... he has not been using it' and 'we did not wait for spontaneous recovery' were never tried", async () => {
    const note =
      "Conservative treatment:\n- Observation: because the nerve was discontinuous, we did not wait for spontaneous recovery.\n" +
      "- Eye: lubricating ointment was prescribed at discharge; he admits he has not been using it.\n\nExam: Right House-Brackmann VI, no movement of forehead, eye or mouth.\n";
    await expectFail(note, "conservative-treatment-failed", "Observation");
    await expectFail(note, "conservative-treatment-failed", "ointment");
  });
  it("control: an observation waited out without recovery is a failure", async () => {
    await expectPass("Observed for 12 months with no recovery; we waited for spontaneous recovery that never came.\n", "conservative-treatment-failed", "no recovery");
  });
});

describe("paralysis-extent: a grade in a table's column", () => {
  it("'| Visit | House-Brackmann | Sunnybrook composite |' over '| Month 7 | IV | 38 |' grades the paralysis", async () => {
    await expectPass(
      "GRADING OVER TIME\n| Visit | House-Brackmann | Sunnybrook composite |\n|---|---|---|\n| Month 1 | VI | 0 |\n| Month 7 | IV | 38 |\n",
      "paralysis-extent",
      "IV",
    );
  });
  it("control: a normal face's values (HB I, Sunnybrook 100) grade nothing", async () => {
    await expectFail("GRADING\n| Side | House-Brackmann | Sunnybrook composite |\n|---|---|---|\n| Right | I | 100 |\n", "paralysis-extent", "100");
  });
});

describe("with and unless: a table row says one thing", () => {
  // Padded columns, as typed tables have them: each cell is a sentence of its own.
  const row = (...cells: string[]) => `| ${cells.map((c) => c.padEnd(30)).join(" | ")} |\n`;
  const TABLE = (rows: string) =>
    `Table 2. Conservative management\n${row("Treatment", "Started", "Duration", "Adherence", "Result")}|---|---|---|---|---|\n${rows}`;
  it("a treatment and its result in one row, cells apart, are a failed treatment", async () => {
    await expectPass(TABLE(row("Prednisone 60 mg with taper", "POD 1", "10 days", "complete", "no change in facial function")), "conservative-treatment-failed", "Prednisone");
  });
  it("control: a result in the next row is not this row's", async () => {
    await expectFail(
      TABLE(row("Prednisone 60 mg with taper", "POD 1", "10 days", "complete", "tolerated") + row("Aspirin for the hip", "2019", "ongoing", "good", "no change")),
      "conservative-treatment-failed",
      "Prednisone",
    );
  });
});

describe("procedure-details: the facial side found as its branches", () => {
  const OP = (facial: string) =>
    "Operation: Right hypoglossal-facial nerve transfer, end-to-side, with sural interposition graft.\nMagnification: operating microscope for both coaptations.\n" +
    "Procedure:\n1. Previous right parotidectomy scar reopened and extended into an upper neck crease.\n" +
    `2. ${facial}\n` +
    "3. Hypoglossal nerve identified deep to the posterior belly of digastric; confirmed with the nerve stimulator.\n" +
    "4. The sural graft was sutured end-to-side into the hypoglossal window with 10-0 nylon and coapted to the zygomatic/buccal trunk.\n5. Closure in layers.\n";
  it("'peripheral facial branches located ... marginal mandibular found and freshened' is the facial nerve prepared", async () => {
    await expectPass(OP("Tagged peripheral facial branches located at the masseter: zygomatic, buccal and marginal mandibular found and freshened back to healthy fascicles."), "procedure-details", "marginal mandibular");
  });
  it("control: branches named but not found or prepared", async () => {
    await expectFail(OP("The buccal fat pad was left undisturbed."), "procedure-details", "buccal");
  });
});

describe("conservative-treatment-failed: failed CPAP for sleep apnoea is another complaint", () => {
  it("'Failed conservative management (CPAP, oral appliance) for OSA' is not the face's", async () => {
    await expectFail(
      "PMH: OSA. Failed conservative management (CPAP, oral appliance) for OSA is documented above; OSA is currently untreated.\nFacial therapy: not started. Steroids: none given.\n",
      "conservative-treatment-failed",
      "conservative management",
    );
  });
});

describe("procedure-details: a transfer abandoned", () => {
  it("'The hypoglossal-facial transfer was abandoned; no neurorrhaphy was performed' is no anastomosis", async () => {
    await expectFail(
      "Procedure: Left hypoglossal-facial nerve anastomosis, classic end-to-end.\nA left preauricular incision was made. The hypoglossal nerve was identified deep to the digastric and confirmed by stimulation. " +
        "The facial trunk was found at the stylomastoid foramen. Under the operating microscope the distal branches were fibrotic. " +
        "The hypoglossal-facial transfer was abandoned; no neurorrhaphy was performed. Layered closure.\n",
      "procedure-details",
      "anastomosis",
    );
  });
});

describe("only_after_last: a consent form opens with the operation's name too", () => {
  const OP =
    "Procedure: R hypoglossal-facial anastomosis, classic end-to-end; op microscope.\n" +
    "- R modified Blair incision. VII trunk found at stylomastoid foramen, trimmed to healthy fascicles.\n" +
    "- XII found under posterior belly digastric; stim -> tongue contraction. XII transected distal, swung up.\n" +
    "- Microscope: XII prox -> VII distal, epineurial, 4 x 9-0 nylon. Closure 3-0 Vicryl / 5-0 nylon.\n" +
    "Extubated in OR -> PACU stable.\n\n";
  it("an attached consent form's 'Procedure:' line is no later record: the operation before it counts", async () => {
    const note = `${OP}ATTACHED: CONSENT FORM 4\nProcedure: Right hypoglossal to facial nerve transfer ("XII-VII")\nIntended benefits: restoration of facial tone at rest.\n`;
    await expectPass(note, "procedure-details", "Blair");
    await expectPass(note, "postop-progress", "Extubated");
  });
  it("control: a second operation's record after the first still sets the first aside", async () => {
    const note = `${OP}OPERATIVE REPORT 2\nProcedure: Right hypoglossal-facial anastomosis (revision).\nFindings: scar only.\n`;
    await expectFail(note, "procedure-details", "Blair");
  });
});
