#!/usr/bin/env node
/**
 * Instructions a warm check takes, counted by Valgrind's callgrind: steady where wall time on a
 * shared two-core machine is not (two runs of one build agree to ~0.1 %; times of the same code
 * move by 10-25 % between runs). It runs the workload twice, once without and once with the
 * measured checks, and prints the difference per check. Needs valgrind and a built dist/.
 *
 *   node scripts/instructions.js [--build DIR] [--notes N] [--checks M]
 *   node scripts/instructions.js [--build DIR] --batch N1,N2,...
 *
 * `--batch` counts the whole command line instead (bin/cpt-check.js, one process, `--format
 * jsonl --concurrency off`) over folders of the first N1, N2, ... generated notes, and prints the
 * count for each and the instructions a note between them: start-up, V8's warm-up and its
 * optimising compiler included, which a warm check leaves out and which a batch worker pays too
 * (a worker's share of 10,000 notes is 5,000 of them).
 *
 * `--build` is a copy of the project (its dist/ and rules/) to measure instead of this one, so
 * that two builds can be compared. Node.js runs with --single-threaded: no compiler or GC threads
 * racing the main thread, so V8 optimises at the same points in every run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve, join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateNote, rngFor } from "./gen-notes.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function args(argv) {
  const a = { build: ROOT, notes: 200, checks: 400, child: undefined, batch: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--build") a.build = resolve(argv[++i]);
    else if (argv[i] === "--notes") a.notes = Number(argv[++i]);
    else if (argv[i] === "--checks") a.checks = Number(argv[++i]);
    else if (argv[i] === "--child") a.child = Number(argv[++i]);
    else if (argv[i] === "--batch") a.batch = String(argv[++i]).split(",").map(Number);
    else {
      process.stderr.write(`usage: node scripts/instructions.js [--build DIR] [--notes N] [--checks M] | [--build DIR] --batch N1,N2,...\n`);
      process.exit(2);
    }
  }
  if (a.batch && !a.batch.every((n) => Number.isInteger(n) && n > 0)) {
    process.stderr.write("instructions: --batch takes note counts, e.g. --batch 500,2000\n");
    process.exit(2);
  }
  return a;
}

const a = args(process.argv.slice(2));

/** Instructions of one valgrind run of `argv` (Node.js with --single-threaded), stdout discarded. */
function instructions(argv) {
  const r = spawnSync("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--single-threaded", ...argv], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", "ignore", "pipe"],
  });
  if (r.error) throw new Error(`cannot run valgrind (${r.error.code ?? r.error.message}): is it installed?`);
  const m = /Collected : (\d+)/.exec(r.stderr);
  if (!m) throw new Error(`valgrind gave no count (exit ${r.status})`);
  return Number(m[1]);
}

if (a.batch) {
  const dir = mkdtempSync(join(tmpdir(), "cpt-check-instructions-"));
  try {
    let prev;
    for (const n of [...a.batch].sort((x, y) => x - y)) {
      const folder = join(dir, `notes-${n}`);
      mkdirSync(folder);
      for (let i = 0; i < n; i++) writeFileSync(join(folder, `note-${String(i + 1).padStart(6, "0")}.txt`), generateNote(rngFor(1, i)));
      const total = instructions([join(a.build, "bin", "cpt-check.js"), folder, "--format", "jsonl", "--concurrency", "off"]);
      const slope = prev ? ` (${((total - prev.total) / (n - prev.n) / 1e6).toFixed(3)} M a note from ${prev.n})` : "";
      process.stdout.write(`${a.build}: ${n} notes ${(total / 1e6).toFixed(0)} M instructions${slope}\n`);
      prev = { n, total };
    }
  } catch (e) {
    process.stderr.write(`instructions: ${e.message}\n`);
    process.exitCode = 2;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else if (a.child !== undefined) {
  // The workload: load the pack, check every note three times (V8 optimises), then `child` more checks.
  const { loadRulePack, checkText } = await import(pathToFileURL(join(a.build, "dist", "index.js")).href);
  const pack = await loadRulePack("64868");
  const notes = Array.from({ length: a.notes }, (_, i) => generateNote(rngFor(1, i)));
  for (let k = 0; k < 3; k++) for (const t of notes) checkText(t, { pack });
  for (let k = 0; k < a.child; k++) checkText(notes[k % notes.length], { pack });
} else {
  const count = (extra) =>
    instructions([fileURLToPath(import.meta.url), "--build", a.build, "--notes", String(a.notes), "--child", String(extra)]);
  try {
    const base = count(0);
    const withChecks = count(a.checks);
    const per = (withChecks - base) / a.checks / 1e6;
    process.stdout.write(`${a.build}: ${per.toFixed(4)} M instructions a warm check (${a.checks} checks of ${a.notes} generated notes; workload ${(base / 1e6).toFixed(0)} M without them)\n`);
  } catch (e) {
    process.stderr.write(`instructions: ${e.message}\n`);
    process.exit(2);
  }
}
