/**
 * When the command line lets V8's optimising compiler (TurboFan) work. A hook checks one small
 * note per process: V8 then compiles optimised code for the functions the check runs most (on a
 * background thread, 15–20 ms of compiling for a ~1 ms check), and the process waits for that
 * compiler before it can exit. bin/cpt-check.js therefore starts with TurboFan off and hands the
 * command line a way to turn it back on (`deferOptimizer`).
 *
 * It goes back on, once and for the rest of the process, when the run is known to have more
 * note text than `OPTIMIZER_BUDGET_CHARS`: before the first note of a batch whose files add up
 * to more (`expectOptimizerWork`), before batch workers or a --jsonl stream start
 * (`enableOptimizer`), and otherwise as soon as the text checked so far passes it (a note read
 * from standard input: `spendOptimizerBudget`, from checkText). Turning it on in the middle of a
 * run costs more than either state kept throughout (V8 then optimises everything at once), which
 * is why a batch's size is looked at first. Nothing here runs for the library API: no optimiser
 * is ever deferred there, and these functions do nothing.
 *
 * Measured (one process, medians of 21 alternated runs): one 4 KB note 141.8 → 128.0 ms, one
 * 100 KB note 259.5 → 237.3 ms, a 1 MB note ~10 % slower without TurboFan. In-process batches,
 * TurboFan off throughout against on from the start: 48 notes (152 KB) 261 vs 366 ms, 50 notes
 * (315 KB) 327 vs 372 ms, 100 notes (600 KB) 449 vs 431 ms, 200 notes (1.3 MB) on is better by
 * ~15 %; switched on after the first 256 KB instead, 100 and 200 notes were 599 and 646 ms.
 */

/** Characters of note text a run may check with TurboFan off. */
export const OPTIMIZER_BUDGET_CHARS = 512 * 1024;

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

/** The run is about to check about `chars` of note text in all: beyond the budget, TurboFan goes on now. */
export function expectOptimizerWork(chars: number): void {
  if (enable !== null && chars > budget) enableOptimizer();
}

/** Counts `chars` of note text about to be checked; past the budget, TurboFan goes back on first. */
export function spendOptimizerBudget(chars: number): void {
  if (enable === null) return;
  budget -= chars;
  if (budget < 0) enableOptimizer();
}
