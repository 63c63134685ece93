/** The per-note time budget (the last guard against a pathological note holding up a batch). */
import { beforeAll, describe, expect, it } from "vitest";
import { checkText, loadRulePack } from "../src/index.ts";
import { TimeBudgetExceeded } from "../src/check.ts";
import { checkDecoded } from "../src/batch/protocol.ts";
import type { RulePack } from "../src/rules/compile.ts";
import { NoteDocument } from "../src/text/document.ts";
import { nowMs } from "../src/time-budget.ts";

let pack: RulePack;
beforeAll(async () => {
  pack = await loadRulePack("64868");
});

const NOTE =
  "HPI: Left facial paralysis, House-Brackmann VI, after resection of a vestibular schwannoma. " +
  "She cannot close the left eye. Twelve months of physical therapy brought no recovery.\n";

describe("time budget", () => {
  it("a note that outlasts its budget throws TimeBudgetExceeded, naming the budget", () => {
    const long = NOTE.repeat(200);
    let caught: unknown;
    try {
      checkText(long, { pack, timeBudgetMs: 1e-6 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TimeBudgetExceeded);
    expect((caught as Error).message).toContain("(0.000001 ms)");
  });

  it("in a batch it becomes that note's error result, with no note text", () => {
    const r = checkDecoded({ text: NOTE.repeat(200), encoding: "utf-8" }, "slow.txt", pack, 1e-6);
    expect(r.status).toBe("error");
    expect(r.error).toMatch(/time budget/);
    expect(r.error).not.toContain("paralysis");
  });

  it("each note has its own deadline: a note after a timed-out one is judged", () => {
    expect(() => checkText(NOTE, { pack, timeBudgetMs: 1e-6 })).toThrow(TimeBudgetExceeded);
    expect(checkText(NOTE, { pack, timeBudgetMs: 60_000 }).rules.length).toBe(pack.rules.length);
  });

  it("the clock is read on the first call and at least once in every eight after it", () => {
    const past = new NoteDocument(NOTE, pack.lexicons);
    past.startBudget(1, nowMs() - 10);
    expect(() => past.checkTime()).toThrow(TimeBudgetExceeded);

    const doc = new NoteDocument(NOTE, pack.lexicons);
    doc.startBudget(30);
    doc.checkTime(); // within the budget
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60); // the budget runs out
    let calls = 0;
    let caught: unknown;
    for (; calls < 8 && caught === undefined; calls++) {
      try {
        doc.checkTime();
      } catch (e) {
        caught = e;
      }
    }
    expect(caught).toBeInstanceOf(TimeBudgetExceeded);
  });

  it("a document without a budget never times out", () => {
    const doc = new NoteDocument(NOTE, pack.lexicons);
    expect(() => doc.checkTime()).not.toThrow();
  });

  it("a document holds no closure of its own (a per-note closure reading the clock kept megabytes alive per scavenge)", () => {
    const doc = new NoteDocument(NOTE, pack.lexicons);
    doc.startBudget(1000);
    expect(Object.values(doc).filter((v) => typeof v === "function")).toEqual([]);
  });
});
