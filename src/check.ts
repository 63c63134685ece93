/** Checking one decoded note against a compiled pack. */
import { evaluateRule } from "./evaluate.js";
import type { RulePack } from "./rules/compile.js";
import { NoteDocument } from "./text/document.js";
import type { FileResult } from "./types.js";

export interface CheckOptions {
  pack: RulePack;
  /** Shown as `file` in the result (the input id in stream mode). */
  file?: string;
  encoding?: string;
  /** Milliseconds a note may take before it is reported as an error (default 20 s). */
  timeBudgetMs?: number;
}

export const DEFAULT_TIME_BUDGET_MS = 20_000;

/**
 * Thrown when a note exceeds its time budget. Matching is linear and rule regexes are screened
 * for catastrophic backtracking, so this is a last guard that keeps one note from holding up a
 * batch; the note gets an error result and the batch goes on.
 */
export class TimeBudgetExceeded extends Error {
  constructor(readonly budgetMs: number) {
    super(`checking took longer than the time budget (${budgetMs} ms); the note was not judged`);
    this.name = "TimeBudgetExceeded";
  }
}

/**
 * Milliseconds on the monotonic clock. process.hrtime rather than performance.now: the global
 * `performance` loads Node.js's performance-timing modules, a cost on every one-note run.
 */
function nowMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}

export function checkText(text: string, opts: CheckOptions): FileResult {
  const budget = opts.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const deadline = nowMs() + budget;
  const doc = new NoteDocument(text, opts.pack.lexicons);
  doc.checkTime = () => {
    if (nowMs() > deadline) throw new TimeBudgetExceeded(budget);
  };
  const cache = new Map();
  const rules = opts.pack.rules.map((r) => {
    doc.checkTime();
    return evaluateRule(doc, r, cache);
  });
  const failed = rules.some((r) => r.status === "fail" && r.severity === "error");
  return {
    file: opts.file ?? "-",
    status: failed ? "fail" : "pass",
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    rules,
  };
}
