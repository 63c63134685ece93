/**
 * A form's answers on the line of its item (rules/common/context.yaml line_answers): the first
 * answer after a mention on its line decides.
 */
import { describe, expect, it } from "vitest";
import { answerAfter, compileLineAnswers, findAnswers } from "../../src/context/answers.ts";
import { assessContext } from "../../src/context/assess.ts";

function ctxOf(text: string, target: string) {
  const start = text.indexOf(target);
  if (start < 0) throw new Error(`test bug: "${target}" not in text`);
  return assessContext(text, { start, end: start + target.length });
}

describe("answers.ts", () => {
  const answers = compileLineAnswers({ negative: ["☒\\s*no\\b", "\\|\\s*n\\s*(?=\\||$)"], positive: ["☒\\s*yes\\b"] });
  it("finds negative and positive answers in text order", () => {
    const text = "Drool?  ☐ Yes  ☒ No\nSmile?  ☒ Yes  ☐ No\nEpiphora | N |\n";
    expect(findAnswers(text, answers).map((a) => [text.slice(a.start, a.end), a.negative])).toEqual([
      ["☒ No", true],
      ["☒ Yes", false],
      ["| N ", true],
    ]);
  });
  it("takes the first answer after an offset on the same line only", () => {
    const text = "Drool?  ☒ No\nSmile? fine\n";
    const found = findAnswers(text, answers);
    expect(answerAfter(text, found, 0)?.negative).toBe(true);
    expect(answerAfter(text, found, text.indexOf("Smile"))).toBeNull();
    expect(answerAfter(text, found, text.indexOf("No") + 2)).toBeNull();
  });
});

describe("assessContext: a form's answer on the mention's line", () => {
  it.each([
    ["Do you drool or spill drinks?                         ☐ Yes   ☒ No\n", "drool"],
    ["Is your eye dry, sore or watering?   ( ) Yes   (X) No\n", "eye dry"],
    ["Prior physiotherapy:  [ ] Yes  [ ] No\n", "physiotherapy"],
    ["Lagophthalmos                                | N   | gold weight in situ\n", "Lagophthalmos"],
  ])("%j: negated", (text, target) => {
    const ctx = ctxOf(text, target);
    expect(ctx.negated).toBe(true);
    expect(ctx.triggers.some((t) => t.category === "negated")).toBe(true);
  });
  it.each([
    ["Do you drool or spill drinks?   ☒ Yes   ☐ No\n", "drool"],
    ["Lagophthalmos | Y | 6 mm, taping at night\n", "Lagophthalmos"],
    // What follows the answer is not its item: the comment after the "N" cell.
    ["Lagophthalmos | N | cornea clear; epiphora on the left\n", "epiphora"],
    // The first answer after the mention decides: physiotherapy was given, steroids were not.
    ["Physiotherapy: [x] Yes   Steroids: [x] No\n", "Physiotherapy"],
    // An answer on the next line is another item's.
    ["Drooling with drinks, daily\nSteroids   ☒ No\n", "Drooling"],
    // A table's header is no answer.
    ["Item | Y/N | Comment\n", "Item"],
  ])("%j: not negated", (text, target) => {
    expect(ctxOf(text, target).negated).toBe(false);
  });
});
