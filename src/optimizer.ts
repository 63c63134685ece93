/**
 * When the command line lets V8's optimising compiler (TurboFan) work. A hook checks one small
 * note per process: V8 then compiles optimised code for the functions the check runs most (on a
 * background thread, 15–20 ms of compiling for a ~1 ms check), and the process waits for that
 * compiler before it can exit. bin/cpt-check.js therefore starts with TurboFan off and hands the
 * command line a way to turn it back on (`deferOptimizer`); it goes on as soon as the run has more
 * text to check than a small note (`OPTIMIZER_BUDGET_CHARS`), and before batch workers start
 * (`enableOptimizer`), which check thousands of notes with it. Nothing here runs for the library
 * API: no optimiser is ever deferred there, and `spendOptimizerBudget` does nothing.
 *
 * Measured (one process, median of 21 alternated runs each): a 4 KB note 141.8 → 128.0 ms, a
 * 100 KB note 259.5 → 237.3 ms; a 1 MB note was ~10 % slower without TurboFan, hence the budget.
 */

/** Characters of note text a run may check before TurboFan is turned back on. */
export const OPTIMIZER_BUDGET_CHARS = 256 * 1024;

let enable: (() => void) | null = null;
let budget = 0;

/** Called once by the command line when bin/cpt-check.js started with TurboFan off. */
export function deferOptimizer(turnOn: () => void, budgetChars: number = OPTIMIZER_BUDGET_CHARS): void {
  enable = turnOn;
  budget = budgetChars;
}

/** Turns TurboFan back on now, if it was deferred; then never again. */
export function enableOptimizer(): void {
  const turnOn = enable;
  if (turnOn === null) return;
  enable = null;
  turnOn();
}

/** Counts `chars` of note text about to be checked; past the budget, TurboFan goes back on first. */
export function spendOptimizerBudget(chars: number): void {
  if (enable === null) return;
  budget -= chars;
  if (budget < 0) enableOptimizer();
}
