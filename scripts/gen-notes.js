#!/usr/bin/env node
/**
 * Deterministic generator of synthetic, fictional CPT 64868 notes for benchmarks and load tests.
 *
 *   node scripts/gen-notes.js --out DIR --count N [--seed S] [--labels]   note-00001.txt ...
 *   node scripts/gen-notes.js --jsonl N [--seed S]                        {"id","text"} lines on stdout
 *   node scripts/gen-notes.js --big BYTES [--seed S] [--out FILE]         one note of about BYTES
 *
 * Every note is fictional. Note i depends only on (seed, i), so a folder of 1,000 notes is the
 * first 1,000 of a folder of 10,000. About half the notes document all six required elements; the
 * rest leave one out or state it only in negated, hypothetical or plan-only form. The intended
 * labels come from construction, not from a clinician: good enough to load the checker, not to
 * score it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ELEMENTS = [
  "paralysis-cause",
  "paralysis-extent",
  "functional-impact",
  "conservative-treatment-failed",
  "procedure-details",
  "postop-progress",
];
export const SHAPES = ["formal", "dictation", "ehr", "abbrev"];

/** mulberry32: tiny, fast, and good enough for test data; the same seed gives the same notes. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function rng() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream per note, so note i does not depend on how many notes came before. */
export function rngFor(seed, index) {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2d);
  return mulberry32(h ^ (h >>> 15));
}

const pick = (rng, list) => list[Math.floor(rng() * list.length)];
const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const chance = (rng, p) => rng() < p;
function some(rng, list, lo, hi) {
  const pool = [...list];
  const out = [];
  const n = Math.min(pool.length, int(rng, lo, hi));
  for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(rng() * pool.length), 1)[0]);
  return out;
}
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const bytes = (s) => Buffer.byteLength(s, "utf8");

// ---------------------------------------------------------------------------------------------
// The facts of one fictional case; every shape renders the same facts in its own words.

const CAUSES = [
  { prose: "translabyrinthine resection of a {cm} cm {side} vestibular schwannoma", terse: "{S} VS resection (translab)", nerve: "the facial nerve could not be preserved at the porus acusticus" },
  { prose: "retrosigmoid resection of a {side} acoustic neuroma", terse: "{S} AN resection (retrosig)", nerve: "the nerve was attenuated and divided at the brainstem" },
  { prose: "a {side} transverse temporal bone fracture sustained in a motorcycle crash", terse: "{S} TB fx (MVC)", nerve: "the fracture crosses the labyrinthine segment and geniculate ganglion" },
  { prose: "a fall from a ladder with a {side} temporal bone fracture", terse: "{S} TB fx after fall from ladder", nerve: "CT showed disruption of the fallopian canal" },
  { prose: "Bell's palsy", terse: "Bell's palsy", nerve: "the droop developed over 36 hours" },
  { prose: "Ramsay Hunt syndrome (herpes zoster oticus)", terse: "RHS (herpes zoster oticus)", nerve: "vesicles of the concha preceded the palsy by two days" },
  { prose: "radical parotidectomy for mucoepidermoid carcinoma with sacrifice of the facial nerve trunk", terse: "{S} radical parotidectomy (MEC), VII trunk sacrificed", nerve: "margins were clear and the distal branches were tagged" },
  { prose: "resection of a {side} cerebellopontine angle meningioma", terse: "{S} CPA meningioma resection", nerve: "the nerve was transected during tumour removal" },
  { prose: "iatrogenic injury to the facial nerve during mastoidectomy for cholesteatoma", terse: "iatrogenic VII injury at mastoidectomy (cholesteatoma)", nerve: "the injury was at the second genu" },
  { prose: "a gunshot wound to the {side} face and mastoid", terse: "GSW {S} face/mastoid", nerve: "the main trunk was disrupted at the stylomastoid foramen" },
];
const GRADES = [
  { prose: "House-Brackmann grade VI", terse: "HB VI" },
  { prose: "House-Brackmann grade V", terse: "HB V" },
  { prose: "House–Brackmann grade VI/VI", terse: "H-B 6/6" },
  { prose: "House-Brackman grade 6", terse: "HB grade VI" },
];
const REGIONS = "with no tone or voluntary movement in the frontal, orbital, buccal or marginal mandibular regions";
const IMPACTS = [
  { prose: "{mm} mm of lagophthalmos with exposure keratopathy of the inferior cornea", terse: "lagophthalmos {mm} mm w/ exposure keratopathy" },
  { prose: "an absent Bell's phenomenon and a persistently red, irritated eye", terse: "absent Bell's phenomenon, chronic eye irritation" },
  { prose: "oral incompetence with leakage of liquids from the corner of the mouth", terse: "oral incompetence, drooling w/ liquids" },
  { prose: "food collecting in the buccal sulcus and biting of the cheek when chewing", terse: "food pocketing in buccal sulcus, cheek biting" },
  { prose: "slurred speech on bilabial sounds", terse: "labial consonants slurred" },
  { prose: "an inability to smile, and avoidance of meals in public", terse: "can't smile; avoids eating in public" },
];
const CONSERVATIVE = [
  { prose: "{mo} months of supervised facial neuromuscular retraining with no return of movement", terse: "NMR PT x{mo} mo -> no change" },
  { prose: "prednisone and valacyclovir at onset without any response", terse: "pred + valacyclovir at onset -> no response" },
  { prose: "lubricating drops, nightly ointment and moisture-chamber goggles without lasting benefit", terse: "eye care (gtts/ung/moisture chamber) -> no lasting benefit" },
  { prose: "an observation period of {mo} months with no recovery of tone", terse: "observed x{mo} mo, no recovery" },
];
const TECHNIQUES = [
  { prose: "classic end-to-end", coapt: "The hypoglossal nerve was transected distal to the descendens hypoglossi and rotated superiorly to the facial nerve trunk, and an end-to-end epineurial coaptation was performed", terse: "XII transected distal to ansa, end-to-end to VII trunk" },
  { prose: "split end-to-side", coapt: "A partial neurotomy of about one third of the diameter of the hypoglossal nerve was made, and the facial nerve stump was coapted end-to-side to the hypoglossal nerve", terse: "XII partial neurotomy ~1/3 diam; VII coapted end-to-side" },
  { prose: "great auricular interposition (jump) graft", coapt: "A {gl} cm segment of great auricular nerve was harvested and sutured end-to-side into a hypoglossal neurotomy and end-to-end to the facial nerve trunk", terse: "GAN jump graft {gl} cm: end-to-side into XII, end-to-end to VII" },
  { prose: "sural interposition graft", coapt: "A {gl} cm sural nerve graft was coapted end-to-side to the hypoglossal nerve and end-to-end to the facial nerve trunk", terse: "sural graft {gl} cm: XII end-to-side, VII end-to-end" },
];

function makeCase(rng, opts = {}) {
  const side = pick(rng, ["right", "left"]);
  const fill = (s) =>
    s
      .replaceAll("{side}", side)
      .replaceAll("{S}", side === "right" ? "R" : "L")
      .replaceAll("{cm}", String(int(rng, 12, 42) / 10))
      .replaceAll("{mm}", String(int(rng, 3, 9)))
      .replaceAll("{mo}", String(int(rng, 6, 14)))
      .replaceAll("{gl}", String(int(rng, 4, 9)));
  const mapFill = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fill(v)]));
  const shape = opts.shape ?? pick(rng, SHAPES);
  const passRate = opts.passRate ?? 0.5;
  const defect = chance(rng, passRate) ? null : { element: pick(rng, ELEMENTS), mode: pick(rng, ["missing", "negated"]) };
  return {
    shape,
    defect,
    side,
    S: side === "right" ? "R" : "L",
    sex: pick(rng, ["M", "F"]),
    age: int(rng, 19, 78),
    cause: mapFill(pick(rng, CAUSES)),
    months: int(rng, 8, 20),
    grade: pick(rng, GRADES),
    impacts: some(rng, IMPACTS, 2, 4).map(mapFill),
    conservative: some(rng, CONSERVATIVE, 2, 3).map(mapFill),
    emgMonths: int(rng, 5, 12),
    technique: mapFill(pick(rng, TECHNIQUES)),
    sutures: int(rng, 2, 5),
    nylon: pick(rng, ["9-0", "10-0"]),
    ma: pick(rng, ["0.5", "1.0", "2.0"]),
    ebl: int(rng, 15, 80),
    drain: pick(rng, ["a 7 French closed suction drain", "a Penrose drain", "a 10 Fr JP drain"]),
    british: chance(rng, 0.2),
    crlf: chance(rng, 0.08),
  };
}

const he = (c) => (c.sex === "F" ? "she" : "he");
const his = (c) => (c.sex === "F" ? "her" : "his");
const isDefect = (c, el) => c.defect !== null && c.defect.element === el;
const negated = (c, el) => isDefect(c, el) && c.defect.mode === "negated";
const missing = (c, el) => isDefect(c, el) && c.defect.mode === "missing";

// ---------------------------------------------------------------------------------------------
// The six elements, in prose (formal report, dictation) and terse (EHR fields, abbreviations).

function causeProse(rng, c) {
  if (missing(c, "paralysis-cause")) return `${cap(c.side)} facial paralysis, present for ${c.months} months.`;
  if (negated(c, "paralysis-cause"))
    return pick(rng, [
      `${cap(c.side)} facial paralysis of uncertain origin, present for ${c.months} months. There is no history of trauma, ear surgery or tumour, and imaging is pending. ${cap(his(c))} mother had Bell's palsy.`,
      `${cap(c.side)} facial paralysis for ${c.months} months; the etiology has not been established and a tumour has not been excluded.`,
    ]);
  return `${cap(c.side)} facial paralysis following ${c.cause.prose}; ${c.cause.nerve}.`;
}
function causeTerse(rng, c) {
  if (missing(c, "paralysis-cause")) return `${c.S} facial paralysis x${c.months} mo`;
  if (negated(c, "paralysis-cause")) return `${c.S} facial paralysis x${c.months} mo, etiology unknown; no h/o trauma or tumour; FHx: mother w/ Bell's palsy`;
  return `${c.S} facial paralysis x${c.months} mo 2/2 ${c.cause.terse}`;
}
function extentProse(rng, c) {
  if (missing(c, "paralysis-extent")) return "";
  if (negated(c, "paralysis-extent")) return "Formal grading was deferred to the next visit.";
  return `The paralysis is complete, ${c.grade.prose}, ${REGIONS}.`;
}
function extentTerse(rng, c) {
  if (missing(c, "paralysis-extent")) return "House-Brackmann: ____";
  if (negated(c, "paralysis-extent")) return "grade: deferred";
  return `${c.grade.terse}, complete, all branches`;
}
function impactProse(rng, c) {
  if (missing(c, "functional-impact")) return "";
  if (negated(c, "functional-impact"))
    return `${cap(he(c))} denies any difficulty with eye closure, eating or speech, and the cornea is clear without exposure keratitis.`;
  return `The paralysis impairs function: ${c.impacts.map((i) => i.prose).join("; ")}.`;
}
function impactTerse(rng, c) {
  if (missing(c, "functional-impact")) return "";
  if (negated(c, "functional-impact")) return "denies eye sx, no drooling, no speech difficulty; cornea clear";
  return c.impacts.map((i) => i.terse).join("; ");
}
function conservativeProse(rng, c) {
  if (missing(c, "conservative-treatment-failed")) return "";
  if (negated(c, "conservative-treatment-failed"))
    return pick(rng, [
      `No prior physical therapy or medical treatment was undertaken. Facial retraining will be considered after surgery.`,
      `${cap(he(c))} has not tried facial therapy; a referral to physical therapy is planned.`,
    ]);
  return `Conservative management has failed: ${c.conservative.map((x) => x.prose).join("; ")}. Needle EMG at ${c.emgMonths} months showed fibrillation potentials with no voluntary motor units.`;
}
function conservativeTerse(rng, c) {
  if (missing(c, "conservative-treatment-failed")) return [];
  if (negated(c, "conservative-treatment-failed")) return ["no prior PT; will consider NMR post-op"];
  return [...c.conservative.map((x) => x.terse), `EMG ${c.emgMonths} mo: fibs/PSWs, no MUAPs`];
}
function procedureProse(rng, c) {
  if (missing(c, "procedure-details")) return [];
  if (negated(c, "procedure-details"))
    return [
      `The procedure was postponed because of an anesthesia concern identified in the holding area. A ${c.side} hypoglossal-facial anastomosis remains planned, and ${he(c)} consented for surgery at a later date.`,
    ];
  return [
    `A modified Blair incision was made in the preauricular crease, curved around the lobule and carried into an upper neck skin crease. A skin flap was raised superficial to the parotid fascia and the posterior belly of the digastric muscle was identified.`,
    `The facial nerve was identified at the stylomastoid foramen using the tragal pointer and the tympanomastoid suture as landmarks and followed to the pes anserinus. The main trunk was transected close to the foramen and the distal stump was trimmed back to healthy fascicles.`,
    `The hypoglossal nerve was identified deep to the posterior belly of the digastric, crossing the external carotid artery lateral to the internal jugular vein. Stimulation at ${c.ma} mA produced brisk contraction of the ${c.side} half of the tongue, confirming its identity. The descendens hypoglossi was divided.`,
    `The operating microscope was brought into the field. ${c.technique.coapt} with ${c.sutures} interrupted ${c.nylon} nylon sutures, without tension.`,
    `The wound was irrigated and hemostasis was obtained with bipolar cautery. ${cap(c.drain)} was placed and the wound was closed in layers with 3-0 Vicryl, 4-0 Monocryl and 5-0 nylon to the skin.`,
  ];
}
function procedureTerse(rng, c) {
  if (missing(c, "procedure-details")) return [];
  if (negated(c, "procedure-details")) return [`case cancelled in holding (anesthesia concern); ${c.S} XII-VII planned, consented for later date`];
  return [
    `Incision: ${c.S} modified Blair (preauricular -> retrolobular -> cervical crease)`,
    `CN VII: main trunk ID'd at SMF (tragal pointer/TMS); transected; distal stump prepped`,
    `CN XII: ID'd deep to post belly digastric, lat to ECA; stim ${c.ma} mA -> brisk ${c.S} tongue contraction; ansa divided`,
    `Magnification: operating microscope for neurorrhaphy`,
    `Coaptation: ${c.technique.terse}; ${c.nylon} nylon x${c.sutures} epineurial, no tension`,
    `Closure: 3-0/4-0 Vicryl deep, 5-0 nylon skin; ${c.drain.replace(/^an? /, "")}`,
  ];
}
function postopProse(rng, c) {
  if (missing(c, "postop-progress")) return "";
  if (negated(c, "postop-progress")) return "Follow-up in clinic in one week.";
  return pick(rng, [
    `The patient tolerated the procedure well, was extubated in the operating room and transferred to the PACU in stable condition. There were no complications. On the first postoperative day the tongue protruded to the midline and ${he(c)} was swallowing without difficulty.`,
    `${cap(he(c))} woke up, was extubated without problems and went to recovery awake and comfortable. No complications occurred. The drain output was minimal overnight and ${he(c)} went home on POD#1.`,
  ]);
}
function postopTerse(rng, c) {
  if (missing(c, "postop-progress")) return "";
  if (negated(c, "postop-progress")) return "f/u 1 wk";
  return "extubated in OR -> PACU stable; no cx; POD#1 tongue midline, tolerating PO, home";
}

// ---------------------------------------------------------------------------------------------
// Filler: the neutral bulk of real notes (history, medicines, vitals, labs, consent, nursing).
// None of it documents one of the six elements, so it cannot change a note's intended verdict.

const MEDS = ["lisinopril 10 mg daily", "levothyroxine 75 mcg daily", "atorvastatin 20 mg nightly", "omeprazole 20 mg daily", "metformin 500 mg twice daily", "amlodipine 5 mg daily", "acetaminophen 650 mg every 6 hours as needed", "aspirin 81 mg daily (held 7 days before surgery)", "vitamin D3 1000 units daily", "cetirizine 10 mg daily", "tamsulosin 0.4 mg nightly", "losartan 50 mg daily", "montelukast 10 mg nightly", "magnesium oxide 400 mg daily"];
const PMH = ["hypertension", "type 2 diabetes mellitus, diet-controlled", "hyperlipidemia", "gastroesophageal reflux disease", "hypothyroidism", "mild intermittent asthma", "osteoarthritis of the knees", "nephrolithiasis", "migraine without aura", "benign prostatic hyperplasia", "seasonal allergic rhinitis"];
const PSH = ["appendectomy", "laparoscopic cholecystectomy", "tonsillectomy in childhood", "right knee arthroscopy", "cesarean section", "inguinal hernia repair", "carpal tunnel release", "cataract extraction"];
const JOBS = ["teacher", "electrician", "accountant", "retail manager", "nurse", "truck driver", "software developer", "farmer", "chef", "librarian"];
const ALLERGIES = ["No known drug allergies.", "Penicillin (rash).", "Sulfa drugs (hives).", "Latex (contact dermatitis).", "Codeine (nausea)."];

/**
 * Filler sections as [zone, title, body]: "pre" goes before the history, "intra" before the
 * operation, "post" before the plan. One-off sections are used once each; the time-stamped ones
 * repeat, as nursing and medication entries do in a long chart export.
 */
function fillerSections(rng) {
  const hhmm = () => `${String(int(rng, 6, 18)).padStart(2, "0")}:${String(int(rng, 0, 59)).padStart(2, "0")}`;
  const once = [
    () => ["pre", "PAST MEDICAL HISTORY", some(rng, PMH, 2, 5).map((x) => cap(x)).join(". ") + "."],
    () => ["pre", "PAST SURGICAL HISTORY", some(rng, PSH, 1, 3).map((x) => cap(x)).join(". ") + "."],
    () => ["pre", "MEDICATIONS", some(rng, MEDS, 2, 6).map((m, i) => `${i + 1}. ${cap(m)}`).join("\n")],
    () => ["pre", "ALLERGIES", pick(rng, ALLERGIES)],
    () => [
      "pre",
      "SOCIAL HISTORY",
      `${pick(rng, ["Never smoker.", `Former smoker, quit ${int(rng, 1995, 2020)}, ${int(rng, 2, 30)} pack-years.`, "Current smoker, half a pack per day; cessation counselling given."])} ${pick(rng, ["Drinks alcohol socially.", "No alcohol use.", `About ${int(rng, 2, 8)} drinks per week.`])} Works as a ${pick(rng, JOBS)}. Lives with ${pick(rng, ["spouse", "partner", "two children", "a roommate", "an adult daughter"])}.`,
    ],
    () => [
      "pre",
      "REVIEW OF SYSTEMS",
      "Constitutional: negative for fever, chills or weight loss. Cardiovascular: negative for chest pain, palpitations or leg swelling. Respiratory: negative for cough or shortness of breath. Gastrointestinal: negative for abdominal pain, nausea or change in bowel habit. Genitourinary: negative for dysuria. Musculoskeletal: negative for joint swelling. Skin: negative for rash. Hematologic: no easy bruising or bleeding. All other systems reviewed and negative.",
    ],
    () => [
      "pre",
      "GENERAL EXAMINATION",
      "Alert, oriented and in no distress. Lungs clear to auscultation bilaterally. Heart regular rate and rhythm without murmurs. Abdomen soft and non-tender. Extremities warm and well perfused without edema. Neck supple without lymphadenopathy or thyromegaly.",
    ],
    () => [
      "pre",
      "LABORATORY",
      `Hemoglobin ${(11.5 + rng() * 4).toFixed(1)} g/dL, white cells ${(4 + rng() * 6).toFixed(1)} x10^9/L, platelets ${int(rng, 160, 380)} x10^9/L, INR ${(0.9 + rng() * 0.3).toFixed(1)}, sodium ${int(rng, 134, 144)}, potassium ${(3.5 + rng() * 1.2).toFixed(1)}, creatinine ${(0.6 + rng() * 0.6).toFixed(2)} mg/dL, glucose ${int(rng, 78, 160)} mg/dL. Type and screen sent.`,
    ],
    () => ["pre", "PREOPERATIVE TESTING", `ECG: ${pick(rng, ["normal sinus rhythm", "sinus bradycardia, otherwise normal", "normal sinus rhythm with a first-degree AV block"])}. Chest radiograph: no acute cardiopulmonary process. ASA class ${int(rng, 1, 3)}.`],
    () => [
      "pre",
      "CONSENT",
      "The risks discussed included bleeding, infection, hematoma, wound breakdown, tongue weakness and atrophy, difficulty swallowing or speaking, synkinesis and mass movement, failure to achieve facial movement, the need for further surgery, and the risks of anesthesia. Alternatives including observation, static sling procedures, gold weight implantation and masseteric nerve transfer were reviewed. All questions were answered and written consent was obtained.",
    ],
    () => [
      "intra",
      "TIME-OUT AND PREPARATION",
      `A surgical time-out was performed at ${hhmm()} confirming patient identity, procedure, side and site. Cefazolin ${pick(rng, ["2 g", "3 g"])} IV was given within 60 minutes. Sequential compression devices were placed on both legs. Pressure points were padded and the eyes were protected.`,
    ],
    () => ["intra", "COUNTS", "Sponge, needle and instrument counts were reported correct twice by the circulating nurse and the scrub technologist."],
    () => ["post", "BILLING", `Primary surgeon. Diagnosis codes entered by the coder. Case length ${int(rng, 150, 330)} minutes.`],
  ];
  const repeat = [
    () => [
      "pre",
      "VITAL SIGNS",
      `${hhmm()} BP ${int(rng, 104, 152)}/${int(rng, 62, 94)}, HR ${int(rng, 56, 98)}, RR ${int(rng, 12, 18)}, T ${(36 + rng() * 1.3).toFixed(1)} C, SpO2 ${int(rng, 94, 100)}% on room air, weight ${int(rng, 52, 118)} kg, BMI ${(19 + rng() * 15).toFixed(1)}.`,
    ],
    () => [
      "post",
      "MEDICATION ADMINISTRATION",
      Array.from({ length: int(rng, 3, 7) }, () => `${hhmm()}  ${pick(rng, ["ondansetron 4 mg IV", "dexamethasone 8 mg IV", "fentanyl 50 mcg IV", "acetaminophen 1 g IV", "lactated Ringer's 500 mL bolus", "famotidine 20 mg IV", "hydromorphone 0.2 mg IV", "cefazolin 2 g IV"])}  given by RN`).join("\n"),
    ],
    () => [
      "post",
      "NURSING NOTE",
      `${hhmm()} Patient resting in bed, call light within reach. Pain ${int(rng, 0, 6)}/10. ${pick(rng, ["Voiding without difficulty.", "Foley removed, due to void.", "Tolerating sips of water."])} ${pick(rng, ["Ambulated in hallway with standby assist.", "Up to chair with assistance.", "Sequential compression devices on."])} ${pick(rng, ["Family at bedside, questions answered.", "Reading, no requests.", "Asleep on rounds, easily roused."])}`,
    ],
    () => ["post", "INTAKE AND OUTPUT", `Intake ${int(rng, 900, 2600)} mL, output ${int(rng, 600, 2200)} mL over the last 12 hours. Blood glucose checks ${int(rng, 95, 180)} and ${int(rng, 95, 180)} mg/dL.`],
  ];
  // Shuffle the one-off sections so notes differ in which they carry.
  for (let i = once.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [once[i], once[j]] = [once[j], once[i]];
  }
  return () => (once.length ? once.pop()() : pick(rng, repeat)());
}

// Page-break noise from scanned and exported documents.
const NOISE = ["Page 2 of 3", "CONFIDENTIAL", "-- continued --", "Printed by: [redacted]"];

// ---------------------------------------------------------------------------------------------
// Shapes: a note is a list of [title, body] sections; the shape decides titles and layout.

function wrap(text, width) {
  return text
    .split("\n")
    .map((para) => {
      const words = para.split(" ");
      const lines = [];
      let line = "";
      for (const w of words) {
        if (line && line.length + 1 + w.length > width) {
          lines.push(line);
          line = w;
        } else line = line ? `${line} ${w}` : w;
      }
      lines.push(line);
      return lines.join("\n");
    })
    .join("\n");
}

function coreSections(rng, c) {
  const age = `${c.age}-year-old ${c.sex === "F" ? "woman" : "man"}`;
  if (c.shape === "formal" || c.shape === "dictation") {
    const indications = [
      `This ${age} presents with ${causeProse(rng, c).replace(/^./, (m) => m.toLowerCase())}`,
      extentProse(rng, c),
      impactProse(rng, c),
      conservativeProse(rng, c),
      `After discussion of the alternatives, ${he(c)} elected to proceed with a hypoglossal-facial transfer.`,
    ].filter(Boolean);
    const proc = procedureProse(rng, c);
    const postop = postopProse(rng, c);
    return [
      ["PREOPERATIVE DIAGNOSIS", `${cap(c.side)} facial nerve paralysis.`],
      ["POSTOPERATIVE DIAGNOSIS", "Same."],
      ["PROCEDURE PERFORMED", `${cap(c.side)} facial-hypoglossal nerve anastomosis, ${c.technique.prose} (CPT 64868).`],
      ["ANESTHESIA", "General endotracheal anesthesia, no long-acting muscle relaxant after intubation."],
      ["INDICATIONS", indications.join(" ")],
      ...(proc.length ? [["DESCRIPTION OF PROCEDURE", proc.join("\n\n")]] : []),
      ["ESTIMATED BLOOD LOSS", `${c.ebl} mL.`],
      ["COMPLICATIONS", negated(c, "postop-progress") || missing(c, "postop-progress") ? "" : "None."],
      ...(postop ? [["POSTOPERATIVE STATUS", postop]] : []),
      ["PLAN", `Continue eye protection. Begin tongue-pressing exercises at 4 weeks. Return to clinic in ${pick(rng, ["one week", "ten days", "two weeks"])}.`],
    ];
  }
  const steps = procedureTerse(rng, c);
  const dispo = postopTerse(rng, c);
  const hx = [causeTerse(rng, c), extentTerse(rng, c), impactTerse(rng, c), ...conservativeTerse(rng, c)].filter(Boolean);
  return [
    ["Pre-op Dx", `${c.S} facial paralysis`],
    ["Procedure", `${c.S} hypoglossal-facial anastomosis (${c.technique.prose})`],
    ["Anesthesia", "GETA, no NMB after intubation"],
    ["Hx", hx.map((x) => `- ${x}`).join("\n")],
    ...(steps.length ? [["Operative steps", steps.map((x) => `- ${x}`).join("\n")]] : []),
    ["EBL", `${c.ebl} mL`],
    ["Complications", negated(c, "postop-progress") || missing(c, "postop-progress") ? "" : "none"],
    ...(dispo ? [["Dispo", dispo]] : []),
    ["Plan", `f/u ${pick(rng, ["1 wk", "10 d", "2 wk"])}; tongue exercises at 4 wk`],
  ];
}

function header(c) {
  switch (c.shape) {
    case "formal":
      return `OPERATIVE REPORT\n\nPatient: [redacted]                 MRN: [redacted]\nDate of surgery: [redacted]         Age/Sex: ${c.age} / ${c.sex}\nSurgeon: [redacted], MD             Assistant: [redacted], MD\n`;
    case "dictation":
      return `Dictated operative note. This is Dr. [redacted] dictating on patient [redacted], a ${c.age}-year-old ${c.sex === "F" ? "woman" : "man"}, medical record number [redacted], date of surgery [redacted].\n`;
    case "ehr":
      return `OPERATIVE NOTE (EHR template)\nPatient: [redacted]\nAge/Sex: ${c.age} / ${c.sex}\nMRN: [redacted]\nDOS: [redacted]\nService: Facial Plastic & Reconstructive Surgery\nSurgeon: [redacted], MD\nLaterality: ${c.side.toUpperCase()}\n`;
    default:
      return `OP NOTE - ENT/Facial Nerve\nPt: [redacted] | ${c.age} yo ${c.sex} | MRN [redacted] | DOS [redacted]\nSurg: [redacted] MD\n`;
  }
}

function render(rng, c, title, body) {
  switch (c.shape) {
    case "formal":
      return `${title}:\n${wrap(body, 98)}\n`;
    case "dictation": {
      const t = title.charAt(0) + title.slice(1).toLowerCase();
      return `${t}. ${body.replace(/\n+/g, " ")}\n`;
    }
    case "ehr":
      return body.includes("\n") ? `${title}:\n${body}\n` : `${title}: ${body}\n`;
    default:
      return body.includes("\n") ? `${title}:\n${body}\n` : `${title}: ${body}\n`;
  }
}

function britishise(text) {
  return text
    .replace(/\btumor/g, "tumour")
    .replace(/\banesthesia/g, "anaesthesia")
    .replace(/\bhemostasis/g, "haemostasis")
    .replace(/\bedema\b/g, "oedema")
    .replace(/\bphysical therapy\b/g, "physiotherapy")
    .replace(/\bmobilized\b/g, "mobilised")
    .replace(/\boperating room\b/g, "theatre")
    .replace(/House-Brackmann/g, "House–Brackmann");
}

/**
 * One note with its intended labels. targetBytes (default 2–10 KB) is reached by adding neutral
 * filler sections; a note whose core is already larger than the target is not cut.
 */
export function generateCase(rng, opts = {}) {
  const c = makeCase(rng, opts);
  const target = opts.targetBytes ?? int(rng, 2048, 10240);
  const core = coreSections(rng, c);
  const nextFiller = fillerSections(rng);
  const zones = { pre: [], intra: [], post: [] };
  let size = bytes(header(c)) + core.reduce((n, [t, b]) => n + t.length + b.length + 3, 0);
  for (let guard = 0; size < target && guard < 10000; guard++) {
    const [zone, title, body] = nextFiller();
    zones[zone].push([c.shape === "ehr" || c.shape === "abbrev" ? cap(title.toLowerCase()) : title, body]);
    size += title.length + bytes(body) + 3;
  }
  // Filler sits where real notes carry it: history before the indications, checklists before the
  // operation, nursing entries before the plan.
  const at = (re, fallback) => {
    const i = core.findIndex(([t]) => re.test(t));
    return i >= 0 ? i : fallback;
  };
  const iHx = at(/^(INDICATIONS|Hx)$/, 1);
  const iOp = at(/^(DESCRIPTION OF PROCEDURE|Operative steps|ESTIMATED BLOOD LOSS|EBL)$/, iHx + 1);
  const sections = [
    ...core.slice(0, iHx),
    ...zones.pre,
    ...core.slice(iHx, iOp),
    ...zones.intra,
    ...core.slice(iOp, -1),
    ...zones.post,
    ...core.slice(-1),
  ];
  const parts = sections.map(([t, b]) => render(rng, c, t, b));
  if (c.shape === "abbrev") {
    // Abbreviation-heavy notes run short fields together on one line: "EBL 50 cc | Cx: none".
    for (let i = 1; i < parts.length; i++) {
      const short = (p) => p.length < 90 && p.indexOf("\n") === p.length - 1;
      if (short(parts[i - 1]) && short(parts[i]) && chance(rng, 0.5)) parts[i - 1] = `${parts[i - 1].slice(0, -1)} | `;
    }
  }
  let text = header(c) + "\n" + parts.join(c.shape === "formal" || c.shape === "dictation" ? "\n" : "");
  if (chance(rng, 0.15)) {
    // A scanner's page header in the middle of the text.
    const lines = text.split("\n");
    lines.splice(int(rng, 5, lines.length - 1), 0, pick(rng, NOISE));
    text = lines.join("\n");
  }
  if (c.shape === "dictation") text += "End of dictation.\n";
  if (c.british) text = britishise(text);
  if (c.crlf) text = text.replace(/\n/g, "\r\n");
  const expect = Object.fromEntries(ELEMENTS.map((e) => [e, c.defect && c.defect.element === e ? "fail" : "pass"]));
  return { text, shape: c.shape, defect: c.defect, expect, verdict: c.defect ? "fail" : "pass" };
}

export function generateNote(rng, opts = {}) {
  return generateCase(rng, opts).text;
}

/** One long note of about `size` bytes: an op report followed by addenda and later documents. */
export function generateBigNote(rng, size) {
  const parts = [];
  let total = 0;
  let n = 0;
  while (total < size) {
    const note = generateNote(rng, { targetBytes: int(rng, 4096, 10240), passRate: 1 }).replace(/\r\n/g, "\n");
    const part = n === 0 ? note : `\n\nADDENDUM ${n} — document appended from the chart\n\n${note}`;
    parts.push(part);
    total += bytes(part);
    n++;
  }
  let text = parts.join("");
  if (bytes(text) > size) {
    // Cut at the last line break that fits, so the note ends on a whole line.
    const buf = Buffer.from(text, "utf8").subarray(0, size);
    const cut = buf.lastIndexOf(0x0a);
    text = buf.subarray(0, cut > 0 ? cut + 1 : size).toString("utf8");
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Command line.

function parseArgs(argv) {
  const args = { seed: 1, count: undefined, out: undefined, jsonl: undefined, big: undefined, labels: false, passRate: 0.5 };
  const num = (flag, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got "${v}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--out") args.out = next();
    else if (a === "--count") args.count = num(a, next());
    else if (a === "--seed") args.seed = num(a, next());
    else if (a === "--jsonl") args.jsonl = num(a, next());
    else if (a === "--big") args.big = num(a, next());
    else if (a === "--pass-rate") args.passRate = Number(next());
    else if (a === "--labels") args.labels = true;
    else if (a === "-h" || a === "--help") args.help = true;
    else throw new Error(`unknown argument "${a}"`);
  }
  return args;
}

const USAGE = `usage:
  node scripts/gen-notes.js --out DIR --count N [--seed S] [--labels] [--pass-rate P]
  node scripts/gen-notes.js --jsonl N [--seed S] [--pass-rate P]     (to stdout)
  node scripts/gen-notes.js --big BYTES [--seed S] [--out FILE]      (to stdout without --out)
`;

async function writeOut(stream, data) {
  if (!stream.write(data)) await once(stream, "drain");
}

export async function cli(argv) {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.jsonl !== undefined) {
    // A reader that goes away (head, a crashed checker) ends the stream quietly.
    process.stdout.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 1));
    for (let i = 0; i < args.jsonl; i++) {
      const text = generateNote(rngFor(args.seed, i), { passRate: args.passRate });
      await writeOut(process.stdout, `${JSON.stringify({ id: `note-${String(i + 1).padStart(5, "0")}`, text })}\n`);
    }
    return 0;
  }
  if (args.big !== undefined) {
    const text = generateBigNote(rngFor(args.seed, 0), args.big);
    if (args.out) writeFileSync(args.out, text);
    else await writeOut(process.stdout, text);
    return 0;
  }
  if (args.out && args.count !== undefined) {
    const dir = resolve(args.out);
    mkdirSync(dir, { recursive: true });
    const labels = [];
    for (let i = 0; i < args.count; i++) {
      const file = `note-${String(i + 1).padStart(5, "0")}.txt`;
      const k = generateCase(rngFor(args.seed, i), { passRate: args.passRate });
      writeFileSync(join(dir, file), k.text);
      if (args.labels) labels.push({ file, expect: k.expect, verdict: k.verdict });
    }
    if (args.labels) writeFileSync(join(dir, "labels.json"), `${JSON.stringify(labels, null, 2)}\n`);
    return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`gen-notes: ${e.message}\n${USAGE}`);
      process.exitCode = 2;
    },
  );
}
