import { describe, expect, it } from "vitest";
import { assessContext } from "../../src/context/assess.ts";
import { CONTEXT_CATEGORIES, type ContextCategory } from "../../src/types.ts";

/** Context of the nth occurrence of `target` in `text`. */
function contextOf(text: string, target: string, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(target, start + 1);
  if (start < 0) throw new Error(`test bug: "${target}" not in text`);
  return assessContext(text, { start, end: start + target.length });
}

interface Case {
  name: string;
  text: string;
  target: string;
  /** Categories that must be set; every other category must be false. */
  is: ContextCategory[];
  /** [trigger text, category] in order, when the case pins them. */
  triggers?: [string, string][];
}

function check({ text, target, is, triggers }: Case) {
  const ctx = contextOf(text, target);
  const set = CONTEXT_CATEGORIES.filter((c) => ctx[c]);
  expect(set).toEqual(CONTEXT_CATEGORIES.filter((c) => is.includes(c)));
  if (triggers) expect(ctx.triggers.map((t) => [t.text, t.category])).toEqual(triggers);
  // Every reported trigger is the text at its offsets.
  for (const t of ctx.triggers) {
    if (t.category !== "section") expect(text.slice(t.start, t.end)).toBe(t.text);
  }
  if (is.length === 0) expect(ctx.triggers).toEqual([]);
}

const FILLER = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
const words = (n: number) => FILLER.slice(0, n).join(" ");

describe("assessContext: direction and scope", () => {
  it.each<Case>([
    { name: "affirmed: no trigger", text: "Facial movement on the right.", target: "Facial movement", is: [] },
    { name: "forward trigger before the mention", text: "No facial movement on the right.", target: "facial movement", is: ["negated"], triggers: [["No", "negated"]] },
    { name: "forward trigger after the mention does nothing", text: "Facial paralysis, no tongue weakness.", target: "Facial paralysis", is: [] },
    { name: "backward trigger after the mention", text: "Trauma was ruled out.", target: "Trauma", is: ["negated"], triggers: [["was ruled out", "negated"]] },
    { name: "backward trigger before the mention does nothing", text: "Fracture was ruled out, trauma documented.", target: "trauma", is: [] },
    { name: "bidirectional trigger after", text: "Facial sensation intact.", target: "Facial sensation", is: ["negated"], triggers: [["intact", "negated"]] },
    { name: "bidirectional trigger before", text: "Normal facial sensation.", target: "facial sensation", is: ["negated"], triggers: [["Normal", "negated"]] },
    { name: "bidirectional possible: pending after", text: "EMG pending.", target: "EMG", is: ["possible"], triggers: [["pending", "possible"]] },
    { name: "bidirectional possible: pending before", text: "Pending EMG results.", target: "EMG", is: ["possible"], triggers: [["Pending", "possible"]] },
    // "no" reaches 8 words; the mention's first word must be within them.
    { name: "forward scope: 7 words between", text: `No ${words(7)} paralysis.`, target: "paralysis", is: ["negated"] },
    { name: "forward scope: 8 words between is out of reach", text: `No ${words(8)} paralysis.`, target: "paralysis", is: [] },
    // Backward negation reaches 6 words.
    { name: "backward scope: 5 words between", text: `Trauma ${words(5)} was ruled out.`, target: "Trauma", is: ["negated"] },
    { name: "backward scope: 6 words between is out of reach", text: `Trauma ${words(6)} was ruled out.`, target: "Trauma", is: [] },
    { name: "the sentence ends every scope", text: "No trauma. Bell's palsy was diagnosed.", target: "Bell's palsy", is: [] },
    { name: "a mention in a later line of the same wrapped sentence is in scope", text: "There is no voluntary\nfacial movement.", target: "facial movement", is: ["negated"] },
  ])("$name", (c) => check(c));
});

describe("assessContext: a negation cut short in the middle of a list reaches its last item", () => {
  it.each<Case>([
    { name: "the item after the last \"or\"", text: "She denies any head injury, ear infection or previous ear, parotid or skull base surgery.", target: "skull base surgery", is: ["negated", "historical"], triggers: [["denies", "negated"], ["previous", "historical"]] },
    { name: "a scope that ends on the coordinator itself", text: "Denies history of head trauma, ear surgery, parotid or skull base surgery.", target: "skull base surgery", is: ["negated", "historical"] },
    { name: "a review of systems", text: "No fevers, chills, night sweats, weight loss, cough, hemoptysis, or dyspnea on exertion.", target: "dyspnea on exertion", is: ["negated"] },
    { name: "a long list, its coordinator more than a scope past the cut", text: "Pt denies h/o head trauma, ear infection, ear surgery, parotid surgery, otalgia, rash/vesicles, tick bite, or recent travel.", target: "parotid surgery", is: ["negated", "historical"] },
    { name: "\"nor\" joins the last item", text: "Neither vesicles, otalgia, hearing loss, vertigo, tinnitus, taste change nor facial numbness.", target: "facial numbness", is: ["negated"] },
    // Not a list: the scope ends at its maximum as before.
    { name: "control: no comma or coordinator inside the scope", text: `No ${words(8)} or paralysis.`, target: "paralysis", is: [] },
    // The list ends at its last item; what follows the next comma is not in it.
    { name: "control: past the last item", text: "Denies alpha, beta, gamma, delta, epsilon, zeta or eta, facial paralysis since the resection.", target: "facial paralysis", is: [] },
    // A terminator still ends it.
    { name: "control: a terminator inside the list", text: "Denies alpha, beta, gamma, delta, epsilon, zeta, but has ear pain or facial paralysis.", target: "facial paralysis", is: [] },
    { name: "control: a mark other than a comma, hyphen or slash after the cut ends the list", text: "Denies alpha, beta, gamma, delta, epsilon, zeta, eta, theta + iota or facial paralysis.", target: "facial paralysis", is: [] },
    // A bracket's aside inside the list is still the list's (closes_aside): not one the trigger is in.
    { name: "an aside in brackets inside the list", text: "Denies alpha, beta, gamma, delta, epsilon, zeta (eta) or facial paralysis.", target: "facial paralysis", is: ["negated"] },
  ])("$name", (c) => check(c));
});

describe("assessContext: a table row's label qualifies its values", () => {
  const row = (label: string, value: string) => `| Row | Right (affected) |\n|---|---|\n| ${label} | ${value} |\n`;
  it.each<Case>([
    { name: "a target", text: row("Target after reinnervation", "HB III"), target: "HB III", is: ["hypothetical"] },
    { name: "a plan", text: row("Procedure planned", "Left hypoglossal-facial nerve anastomosis"), target: "hypoglossal-facial", is: ["hypothetical"] },
    { name: "control: a label without a trigger", text: row("House-Brackmann", "VI"), target: "VI", is: [] },
  ])("$name", (c) => check(c));
  it("control: a label is not its own value", () => {
    expect(contextOf(row("Target after reinnervation", "HB III"), "Target").hypothetical).toBe(false);
  });
});

describe("assessContext: equipment out of service was not used", () => {
  it.each<Case>([
    { name: "out of service", text: "Theatre microscope out of service.", target: "microscope", is: ["negated"] },
    { name: "not working", text: "The nerve stimulator was not working.", target: "nerve stimulator", is: ["negated"] },
    { name: "control: in service", text: "Operating microscope in use for both coaptations.", target: "microscope", is: [] },
  ])("$name", (c) => check(c));
});

describe("assessContext: aims and risks reviewed are not outcomes", () => {
  it.each<Case>([
    { name: "our aim is", text: "With this transfer our aim is a House-Brackmann III result at best.", target: "House-Brackmann III", is: ["hypothetical"] },
    { name: "risks reviewed", text: "Risks reviewed incl. tongue weakness, difficulty swallowing, synkinesis.", target: "difficulty swallowing", is: ["hypothetical"] },
    { name: "a target", text: "If the video confirms a complete palsy, the 12-month target is HB III-IV.", target: "HB III", is: ["hypothetical"] },
    { name: "control: a grade reached", text: "At 12 months she reached House-Brackmann III.", target: "House-Brackmann III", is: [] },
    { name: "control: therapy 'targeting' a region happened", text: "Neuromuscular retraining for 9 months targeting the lower face: no return of movement.", target: "no return of movement", is: [] },
  ])("$name", (c) => check(c));
});

describe("assessContext: a time counted from an event is when a plan happens", () => {
  it.each<Case>([
    { name: "a plan reaches past 'months after'", text: "We will re-image at 6 months after surgery regardless.", target: "after surgery", is: ["hypothetical"] },
    { name: "control: 'after' alone still ends a plan", text: "We will re-image after surgery showed a residual tumour.", target: "surgery showed", is: [] },
    { name: "control: 'months after' still ends a negation", text: "No movement 6 months after surgery.", target: "surgery", is: [] },
  ])("$name", (c) => check(c));
});

describe("assessContext: a closing bracket ends the aside it closes", () => {
  it.each<Case>([
    { name: "a trigger inside the aside stops at its close", text: "Chest pain (s/p stent 2015) with exertion.", target: "exertion", is: [] },
    { name: "a trigger before the aside reaches past it", text: "Goal of surgery (counselled): House-Brackmann III at 18 months.", target: "House-Brackmann III", is: ["hypothetical"] },
    { name: "a negation before the aside reaches past it", text: "Denies (per his wife) any head injury.", target: "head injury", is: ["negated"] },
    { name: "control: a trigger inside an aside opened before it stops at the close", text: "Left face (no tone, HB VI) facial paralysis since surgery.", target: "facial paralysis", is: [] },
  ])("$name", (c) => check(c));
});

describe("assessContext: a scope to the sentence's end (max_scope: sentence)", () => {
  const POLICY = "Policy requires documentation that conservative management has been tried and has failed, or that an observation period has shown no recovery.";
  it.each<Case>([
    { name: "past a link terminator (\"and has\")", text: POLICY, target: "failed", is: ["hypothetical"] },
    { name: "past the default scope of eight words", text: POLICY, target: "observation period", is: ["hypothetical"] },
    { name: "a query to the author", text: "Please identify where the record documents failed conservative treatment, or add a clarifying statement.", target: "conservative treatment", is: ["hypothetical"] },
    // A terminator of every category still ends it, and the sentence's end does.
    { name: "control: \"but\" ends it", text: "Policy requires documentation of failed therapy, but she had PT for 9 months without recovery.", target: "PT", is: [] },
    { name: "control: the next sentence is out of it", text: "Policy requires documentation of failed therapy. She had PT for 9 months without recovery.", target: "PT", is: [] },
    // A default scope still ends at a link: "and has" ends a plan.
    { name: "control: an ordinary plan ends at \"and has\"", text: "Plan to consider surgery and has failed PT for 9 months.", target: "failed PT", is: [] },
  ])("$name", (c) => check(c));
});

describe("assessContext: termination, pseudo-triggers, longest match", () => {
  it.each<Case>([
    { name: '"but" ends a negation', text: "No PT but steroids were given.", target: "steroids", is: [] },
    { name: "the words before \"but\" stay negated", text: "No PT but steroids were given.", target: "PT", is: ["negated"] },
    { name: '"however" ends a negation', text: "No PT, however steroids were given.", target: "steroids", is: [] },
    { name: '"although" ends a family scope', text: "Her mother had Bell's palsy, although the patient has Ramsay Hunt.", target: "Ramsay Hunt", is: [] },
    { name: '"has" ends a negation (negation-only terminator)', text: "Denies trauma and has complete paralysis.", target: "complete paralysis", is: [] },
    { name: "a conflicting trigger ends a scope: historical stops at hypothetical", text: "Status post schwannoma resection, plan to start steroids.", target: "steroids", is: ["hypothetical"], triggers: [["plan to", "hypothetical"]] },
    { name: "and the mention before the conflicting trigger stays historical", text: "Status post schwannoma resection, plan to start steroids.", target: "schwannoma resection", is: ["historical"], triggers: [["Status post", "historical"]] },
    { name: 'pseudo-trigger "no change" negates nothing', text: "No change in facial paralysis.", target: "facial paralysis", is: [] },
    { name: '"not only" negates nothing', text: "Not only facial paralysis but also tongue weakness.", target: "facial paralysis", is: [] },
    { name: '"without difficulty" negates nothing', text: "Without difficulty closing the eye.", target: "closing the eye", is: [] },
    { name: 'control: bare "without" does negate', text: "Without closing the eye.", target: "closing the eye", is: ["negated"], triggers: [["Without", "negated"]] },
    { name: 'longest match: "no history of" is one negation, not "no" + "history of"', text: "No history of trauma.", target: "trauma", is: ["negated"], triggers: [["No history of", "negated"]] },
    { name: 'longest match: "no evidence of"', text: "No evidence of recovery.", target: "recovery", is: ["negated"], triggers: [["No evidence of", "negated"]] },
    { name: 'control: "history of" alone is historical', text: "History of trauma.", target: "trauma", is: ["historical"], triggers: [["History of", "historical"]] },
    { name: 'longest match: "we discussed"', text: "We discussed hypoglossal-facial anastomosis.", target: "hypoglossal-facial anastomosis", is: ["hypothetical"], triggers: [["We discussed", "hypothetical"]] },
    { name: "a trigger inside the mention does not modify it", text: "There was no recovery.", target: "no recovery", is: [] },
    { name: "control: the same words outside the mention do", text: "There was no recovery.", target: "recovery", is: ["negated"], triggers: [["no", "negated"]] },
    { name: "a trigger inside a longer mention does not apply", text: "Six months without recovery of movement.", target: "without recovery of movement", is: [] },
  ])("$name", (c) => check(c));

  it.each<Case>([
    { name: "\";\" ends a negation scope", text: "No PT; steroids were given.", target: "steroids", is: [] },
    { name: "a colon after words of a negation's scope ends it", text: "The nerve was not divided: under the operating microscope a partial neurotomy was made.", target: "operating microscope", is: [] },
    { name: "a colon right after the trigger ends nothing", text: "Denies: vesicles, otalgia or trauma.", target: "trauma", is: ["negated"] },
    { name: "a semicolon right after the trigger does end it", text: "Swallowing and speech normal; eye closure improved with the gold weight.", target: "eye closure", is: [] },
    { name: "a field not discussed documents nothing", text: "- psychosocial: not discussed", target: "psychosocial", is: ["negated"] },
    { name: "a colon does not end a plan: the label of a planned field", text: "Planned procedure: left hypoglossal-facial anastomosis.", target: "hypoglossal-facial anastomosis", is: ["hypothetical"] },
    { name: "\"tension-free\" negates nothing", text: "Coapted with 10-0 nylon sutures in a tension-free position.", target: "10-0 nylon", is: [] },
    { name: "control: \"pain free\" does", text: "Eye pain free since the gold weight.", target: "Eye pain", is: ["negated"] },
    { name: "another person's scope reaches past a relative clause", text: "Her sister, who had the same tumour operation elsewhere, struggled for years with a dry, painful eye and difficulty eating.", target: "difficulty eating", is: ["family"] },
    { name: "a question asks about what it names", text: "Query: Can the paralysis be documented as Bell's palsy (G51.0)?", target: "Bell's palsy", is: ["possible"] },
    { name: "control: a template's question and answer", text: "Drooling? Yes.", target: "Drooling", is: [] },
    { name: "a refused diagnosis", text: "I cannot document it as Bell's palsy.", target: "Bell's palsy", is: ["negated"] },
    { name: "control: 'cannot' alone is a finding's word", text: "She cannot keep water in her mouth.", target: "keep water in", is: [] },
    { name: "another person who does something for the patient", text: "Night-time lid taping by the parents.", target: "lid taping", is: [] },
    { name: "a ticked 'no' is not the end of a word", text: "Vestibular schwannoma, R (D33.3) - s/p translab rsxn [redacted]", target: "Vestibular schwannoma", is: [] },
    { name: "control: a ticked 'no' after a field", text: "Steroids: x no", target: "Steroids", is: ["negated"] },
    { name: "an unfilled choice list says neither", text: "The patient tolerated the procedure {well/poorly:31337} and was {extubated/not extubated:31338}.", target: "tolerated the procedure", is: ["negated"] },
    { name: "a smart-phrase blank documents nothing", text: "Condition: [Blank]", target: "Condition", is: ["negated"] },
    { name: "a first impression is uncertain", text: "His GP first thought it was Bell's palsy, but the slow onset did not fit.", target: "Bell's palsy", is: ["possible"] },
    { name: "a literal in both directions reaches back: was discussed", text: "HFA was discussed.", target: "HFA", is: ["hypothetical"] },
    { name: "a literal in both directions reaches back: declined", text: "Physical therapy declined.", target: "Physical therapy", is: ["negated"] },
    { name: "\"☒ no\" after a field negates it", text: "Steroids: ☐ yes ☒ no", target: "Steroids", is: ["negated"] },
    { name: "VS (vestibular schwannoma) is not \"versus\"", text: "Left VS resection in 2022 resulted in complete facial paralysis.", target: "complete facial paralysis", is: [] },
  ])("$name", check);
});

describe("assessContext: categories", () => {
  it.each<Case>([
    { name: "family: mother before", text: "Her mother had Bell's palsy.", target: "Bell's palsy", is: ["family"], triggers: [["mother", "family"]] },
    { name: "family: father after", text: "Bell's palsy in her father.", target: "Bell's palsy", is: ["family"], triggers: [["father", "family"]] },
    { name: "hypothetical: will start PT", text: "She will start PT.", target: "PT", is: ["hypothetical"], triggers: [["will", "hypothetical"]] },
    { name: "hypothetical: PT will be considered", text: "PT will be considered.", target: "PT", is: ["hypothetical"], triggers: [["will be considered", "hypothetical"]] },
    { name: "hypothetical: candidate for", text: "She is a candidate for hypoglossal-facial anastomosis.", target: "hypoglossal-facial anastomosis", is: ["hypothetical"], triggers: [["a candidate for", "hypothetical"]] },
    { name: "hypothetical: consented for", text: "She consented for hypoglossal-facial anastomosis.", target: "hypoglossal-facial anastomosis", is: ["hypothetical"], triggers: [["consented for", "hypothetical"]] },
    { name: "hypothetical: discussed", text: "The surgeon discussed hypoglossal-facial anastomosis.", target: "hypoglossal-facial anastomosis", is: ["hypothetical"], triggers: [["discussed", "hypothetical"]] },
    { name: "hypothetical: was planned (backward)", text: "HFA was planned.", target: "HFA", is: ["hypothetical"], triggers: [["was planned", "hypothetical"]] },
    { name: "historical: s/p", text: "She is s/p resection of a vestibular schwannoma.", target: "resection of a vestibular schwannoma", is: ["historical"], triggers: [["s/p", "historical"]] },
    { name: "historical: history of", text: "History of Bell's palsy.", target: "Bell's palsy", is: ["historical"], triggers: [["History of", "historical"]] },
    { name: "historical: years ago (backward)", text: "Bell's palsy 3 years ago.", target: "Bell's palsy", is: ["historical"], triggers: [["years ago", "historical"]] },
    { name: "possible: question of", text: "Facial paralysis, question of Lyme disease.", target: "Lyme disease", is: ["possible"], triggers: [["question of", "possible"]] },
    { name: "two categories at once", text: "Patient denies any history of trauma.", target: "trauma", is: ["negated", "historical"], triggers: [["denies", "negated"], ["history of", "historical"]] },
    { name: "unchecked checkbox", text: "[ ] Physical therapy", target: "Physical therapy", is: ["negated"], triggers: [["[ ]", "negated"]] },
    { name: "unchecked ballot box", text: "☐ Physical therapy", target: "Physical therapy", is: ["negated"], triggers: [["☐", "negated"]] },
    { name: "checked checkbox is affirmed", text: "[x] Physical therapy", target: "Physical therapy", is: [] },
    { name: "checked box then no", text: "Steroids: [x] no", target: "Steroids", is: ["negated"] },
    { name: "blank field", text: "House-Brackmann: ____", target: "House-Brackmann", is: ["negated"] },
  ])("$name", (c) => check(c));
});

describe("assessContext: section default context", () => {
  it("family history section makes a mention family, reported as a section trigger", () => {
    const text = "FAMILY HISTORY:\nBell's palsy.";
    const ctx = contextOf(text, "Bell's palsy");
    expect(ctx.family).toBe(true);
    expect(ctx.section).toBe("FAMILY HISTORY");
    expect(ctx.triggers).toEqual([{ text: "FAMILY HISTORY", category: "section", start: 0, end: "FAMILY HISTORY".length }]);
  });

  it("a family trigger in the section is reported once, as itself", () => {
    const ctx = contextOf("FAMILY HISTORY:\nMother had Bell's palsy.", "Bell's palsy");
    expect(ctx.family).toBe(true);
    expect(ctx.triggers.map((t) => [t.text, t.category])).toEqual([["Mother", "family"]]);
  });

  it("plan section makes a mention hypothetical", () => {
    const ctx = contextOf("PLAN:\nStart physical therapy.", "physical therapy");
    expect(ctx).toMatchObject({ hypothetical: true, negated: false, family: false, section: "PLAN" });
  });

  it("the section's context ends at the next header", () => {
    const text = "FAMILY HISTORY:\nMother had Bell's palsy.\nHPI:\nRight Ramsay Hunt syndrome.";
    const ctx = contextOf(text, "Ramsay Hunt");
    expect(ctx.family).toBe(false);
    expect(ctx.section).toBe("HISTORY OF PRESENT ILLNESS");
  });

  it("outside any section there is no section", () => {
    expect(contextOf("Right facial paralysis.", "facial paralysis").section).toBeNull();
  });
});

describe("assessContext: the span", () => {
  it("the same words are judged by their own position", () => {
    const text = "No PT before surgery. PT for six months afterwards.";
    expect(contextOf(text, "PT", 0).negated).toBe(true);
    expect(contextOf(text, "PT", 1).negated).toBe(false);
  });

  it("out-of-range offsets are clamped rather than thrown", () => {
    const text = "No facial movement.";
    expect(() => assessContext(text, { start: -5, end: 1000 })).not.toThrow();
    expect(() => assessContext(text, { start: 50, end: 10 })).not.toThrow();
  });

  it("trigger offsets point into the text", () => {
    const text = "Right facial paralysis.\nShe was not a candidate for surgery; no trauma was reported.";
    const ctx = contextOf(text, "surgery");
    expect(ctx.hypothetical).toBe(true);
    for (const t of ctx.triggers) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(ctx.triggers.find((t) => t.category === "hypothetical")?.start).toBe(text.indexOf("candidate for") - 2);
  });
});
