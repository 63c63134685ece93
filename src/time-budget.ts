/**
 * The per-note time budget. Matching is linear and rule regexes are screened for catastrophic
 * backtracking, so this is a last guard that keeps one note from holding up a batch; the note
 * gets an error result and the batch goes on.
 */

/** Thrown when a note exceeds its time budget. */
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
export function nowMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
