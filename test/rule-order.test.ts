import { describe, expect, it } from "vitest";
import { checkText } from "../src/check.ts";
import { loadRulePack } from "../src/rules/load.ts";
import { fixtureNotes } from "./fixture-notes.ts";

/**
 * Rules share what they judged of shared terms, and an addendum's correction withdraws sentences:
 * neither may make a rule's result depend on the rules judged before it. (A correction used to
 * withdraw sentences for every rule judged after the one that found it: holdout h29's "no
 * anastomosis was performed" took the operation's side away from laterality.)
 */
describe("rule order", () => {
  it("a rule's result does not depend on which rules were evaluated before it", async () => {
    const pack = await loadRulePack("64868");
    const reversed = { ...pack, rules: [...pack.rules].reverse() };
    const differ: string[] = [];
    for (const { file, text } of fixtureNotes()) {
      const a = checkText(text, { pack });
      const b = checkText(text, { pack: reversed });
      for (const r of a.rules) {
        const s = b.rules.find((x) => x.id === r.id)!;
        if (JSON.stringify(r) !== JSON.stringify(s)) differ.push(`${file} ${r.id}`);
      }
    }
    expect(differ).toEqual([]);
  });
});
