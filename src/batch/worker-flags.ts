/**
 * V8 settings for batch worker threads. V8's flags belong to the process, but an isolate reads
 * these when it is created, so setting them just before the first worker starts changes the
 * workers and leaves the main thread (created earlier) as it was.
 *
 * `--no-concurrent-recompilation`: a worker compiles its optimised code itself instead of on V8's
 * background threads. On two cores those threads take their time from the workers anyway, and
 * compiling on them cost more in all (10,000 notes, two workers, per-thread CPU: background
 * threads ~1.5 s with it, ~0.3 s without, the workers ~0.1–0.2 s more each; against the build
 * before, 10 alternated rounds: wall 0.986, CPU 0.98). A one-process check keeps compiling in the
 * background, where the second core is otherwise idle. Only the command line starts workers (the library API does not),
 * so no host application's flags are changed.
 */
import { createRequire } from "node:module";
import { enableOptimizer } from "../optimizer.js";

export const WORKER_V8_FLAGS: readonly string[] = ["--no-concurrent-recompilation"];

let applied = false;

/** Applies WORKER_V8_FLAGS once per process; a Node.js without the flags only loses the gain. */
export function applyWorkerFlags(): void {
  // Workers check thousands of notes: V8's optimising compiler must be on (optimizer.ts). Unlike
  // the flags below, V8 reads that one as it runs, so it goes on for the main thread too.
  enableOptimizer();
  if (applied) return;
  applied = true;
  try {
    const v8 = createRequire(import.meta.url)("node:v8") as typeof import("node:v8");
    for (const flag of WORKER_V8_FLAGS) v8.setFlagsFromString(flag);
  } catch {
    // an unknown flag is ignored by V8; nothing else here can fail but the require
  }
}
