/** Checking one decoded note against a compiled pack. */
import { evaluateRule, type LeafCache } from "./evaluate.js";
import type { RulePack } from "./rules/compile.js";
import { NoteDocument } from "./text/document.js";
import type { FileResult } from "./types.js";
import { builtInOrder } from "./report/json.js";

export interface CheckOptions {
  pack: RulePack;
  /** Shown as `file` in the result (the input id in stream mode). */
  file?: string;
  encoding?: string;
  /** Milliseconds a note may take before it is reported as an error (default 20 s). */
  timeBudgetMs?: number;
}

export const DEFAULT_TIME_BUDGET_MS = 20_000;

export { TimeBudgetExceeded } from "./time-budget.js";
import { nowMs } from "./time-budget.js";
import { spendOptimizerBudget } from "./optimizer.js";

export function checkText(text: string, opts: CheckOptions): FileResult {
  spendOptimizerBudget(text.length); // the command line's compiler tiering (optimizer.ts)
  const budget = opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const started = nowMs();
  const doc = new NoteDocument(text, opts.pack.lexicons);
  doc.startBudget(budget, started);
  // Rules share what they judged of shared terms, unless an addendum may withdraw sentences: its
  // correction holds for the rule that found it, so each rule then judges with its own cache.
  const shared: LeafCache | null = doc.hasAddendum ? null : new Map();
  const rules = opts.pack.rules.map((r) => {
    doc.checkTime();
    return evaluateRule(doc, r, shared ?? new Map());
  });
  const failed = rules.some((r) => r.status === "fail" && r.severity === "error");
  return builtInOrder({
    file: opts.file ?? "-",
    status: failed ? "fail" : "pass",
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    rules,
  });
}
