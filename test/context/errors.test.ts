/**
 * Text a note says was entered in error (rules/common/context.yaml entered_in_error).
 */
import { describe, expect, it } from "vitest";
import { voidedSpans } from "../../src/context/errors.ts";
import { loadLexicons } from "../../src/rules/load.ts";

const lex = loadLexicons().context.enteredInError!;
/** Whether the first occurrence of each phrase lies in voided text. */
function voided(text: string, ...phrases: string[]): boolean[] {
  const spans = voidedSpans(text, lex);
  return phrases.map((p) => {
    const at = text.indexOf(p);
    if (at < 0) throw new Error(`test bug: "${p}" not in text`);
    return spans.some((s) => at >= s.start && at + p.length <= s.end);
  });
}

describe("voidedSpans", () => {
  it("the following paragraph", () => {
    const text = "HPI: denies drooling.\n\n*** NOTE: the following paragraph was entered on this chart in error and belongs to a different patient. ***\n\n\"She drinks through a straw.\"\n\nEXAM: HB VI\n";
    expect(voided(text, "denies drooling", "drinks through a straw", "HB VI")).toEqual([false, true, false]);
  });
  it("the paragraph above, in the statement's own paragraph or the one before", () => {
    expect(voided("HPI: HB VI.\n\nShe drinks through a straw.\nCORRECTION: The paragraph above pertains to another patient.\n", "HB VI", "drinks through")).toEqual([false, true]);
    expect(voided("HPI: HB VI.\n\nShe drinks through a straw.\n\nCORRECTION: The paragraph above pertains to another patient.\n", "HB VI", "drinks through")).toEqual([false, true]);
  });
  it("a quoted beginning and ending, and what the statement quotes", () => {
    const text =
      "HPI\nFirst paragraph, HB V.\n\nHouse-Brackmann VI on the left. PT for 8 months. EMG showed no units.\n\nADDENDUM\nThe second paragraph (beginning \"House-Brackmann VI on the left\" and ending \"EMG showed no units\") was carried forward in error from another patient's record.\n";
    expect(voided(text, "HB V", "PT for 8 months", "\"EMG showed no units\"")).toEqual([false, true, true]);
    expect(voidedSpans(text, lex).some((s) => text.slice(s.start, s.end) === '"House-Brackmann VI on the left"')).toBe(true);
  });
  it("what the statement quotes, wrapped onto a second line", () => {
    const text =
      "HPI: right palsy.\n\nCorrection: the HPI paragraph referring to \"right translabyrinthine\nresection of a 2.5 cm acoustic neuroma\", was carried forward in error from a different patient's\ntemplate.\n";
    expect(voided(text, "translabyrinthine\nresection", "right palsy")).toEqual([true, false]);
  });
  it("quoted field names: the lines above that open with them", () => {
    const text = "Condition: stable in PACU.\nComplications: None\nEBL: 50 ml\n\nAddendum: The \"Condition\" and \"Complications\" statements above were signed in error. They are retracted.\n";
    expect(voided(text, "stable in PACU", "Complications: None", "EBL: 50 ml")).toEqual([true, true, false]);
  });
  it("text a template filled in from another visit: the rest of its paragraph", () => {
    const text =
      "complications:\n----\npostop_course [auto-populated from prior encounter - L upper eyelid gold weight, 8 months ago]:\n  Tolerated procedure well. Discharged home same day.\n\nPlan: review.\n";
    expect(voided(text, "Tolerated procedure well", "Plan: review")).toEqual([true, false]);
    const copied = "HPI (copied from prior note, 3-month visit):\nPrednisone, then PT for 3 months, no recovery.\n\nToday: improving.\n";
    expect(voided(copied, "PT for 3 months", "improving")).toEqual([true, false]);
  });
  it("control: 'in error' with nothing it points at voids nothing; no statement, nothing", () => {
    expect(voidedSpans("The specimen label was printed in error and replaced.\nHB VI.\n", lex)).toEqual([]);
    expect(voidedSpans("HB VI. Drools. Failed PT.\n", lex)).toEqual([]);
  });
});

describe("passesScreen", () => {
  const has = (text: string) => (words: readonly string[]) => ` ${text.toLowerCase().split(/[^a-z']+/).join(" ")} `.includes(` ${words.join(" ")} `);
  it("lets through a note with one entry's words side by side, and no other", async () => {
    const { passesScreen } = await import("../../src/context/errors.ts");
    expect(passesScreen(lex, has("The paragraph above was entered in error."))).toBe(true);
    expect(passesScreen(lex, has("It belongs to another patient."))).toBe(true);
    expect(passesScreen(lex, has("Another visit; the patient is well."))).toBe(false);
    expect(passesScreen(lex, has("The visit went well. No errors."))).toBe(false);
  });
});
