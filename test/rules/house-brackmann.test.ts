import { describe, expect, it } from "vitest";
import { checkText } from "../../src/check.ts";
import { loadRulePack } from "../../src/rules/load.ts";

/** The evidence texts of one rule of the built-in pack for a note. */
async function evidence(text: string, rule: string): Promise<string[]> {
  const pack = await loadRulePack("64868");
  const r = checkText(text, { pack }).rules.find((x) => x.id === rule);
  if (!r) throw new Error(`test bug: no rule ${rule}`);
  return r.evidence.map((e) => e.text);
}

const HISTORY = "HISTORY: 54-year-old with left facial paralysis after resection of a vestibular schwannoma in 2023.\n";

describe("House-Brackmann grades written as HB", () => {
  it("HBV is hepatitis B, not House-Brackmann grade V", async () => {
    const note = `${HISTORY}PMH: HBV carrier, on tenofovir; HBV DNA undetectable.\nEXAM: left facial weakness.\n`;
    expect(await evidence(note, "grading-scale")).toEqual([]);
    expect(await evidence(note, "paralysis-extent")).not.toContain("HBV");
    const followUp = `${HISTORY}FOLLOW-UP: now HBV serology negative.\n`;
    expect(await evidence(followUp, "postop-progress")).toEqual([]);
  });

  it("a grade after HB, with or without a space or hyphen, still counts", async () => {
    for (const grade of ["HB V", "HB VI", "HBVI", "HB 5", "HB5", "H-B grade V", "House-Brackmann V"]) {
      const note = `${HISTORY}EXAM: left facial paralysis, ${grade}.\n`;
      expect(await evidence(note, "grading-scale"), grade).toEqual([grade]);
    }
  });
});
