/**
 * Running the built command line as a user does: `node bin/cpt-check.js ...` from the repository
 * root, with a clean environment. The build (tsc, then `npm run build:bundle`: the CLI bundle, the pack
 * cache and the code cache) runs once per test run even when several test files
 * ask for it at the same time (a lock folder serialises them), and is skipped when dist/ is newer
 * than every source file.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function oldestMtime(dir: string): number {
  let oldest = Infinity;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    oldest = Math.min(oldest, entry.isDirectory() ? oldestMtime(p) : statSync(p).mtimeMs);
  }
  return oldest;
}

function upToDate(): boolean {
  const dist = join(ROOT, "dist");
  if (!existsSync(join(dist, "cli.js")) || !existsSync(join(dist, "cli.cjs"))) return false;
  return oldestMtime(dist) >= newestMtime(join(ROOT, "src"));
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Build dist/ with tsc unless it is up to date. Returns tsc's output when a build ran and failed. */
export function buildOnce(): string | null {
  const lock = join(tmpdir(), `cpt-check-test-build-${Buffer.from(ROOT).toString("hex").slice(-32)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(lock, { recursive: true, force: true }); // a stale lock
      sleep(200);
    }
  }
  try {
    if (upToDate()) return null;
    const r = spawnSync("npx", ["tsc", "-p", "tsconfig.json"], { cwd: ROOT, encoding: "utf8", timeout: 170_000 });
    // The rest of `npm run build`: the CLI bundle, the validated pack cache and the code cache.
    const c = spawnSync("npm", ["run", "--silent", "build:bundle"], { cwd: ROOT, encoding: "utf8", timeout: 170_000 });
    // tsc still emits when a file that is not ours has a type error; the CLI tests then run on that.
    const problems = [r.status === 0 ? "" : `${r.stdout}${r.stderr}`, c.status !== 0 ? `${c.stdout}${c.stderr}` : ""].join("");
    return problems === "" ? null : problems;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** process.env without anything that changes colour or debugging, plus the case's own settings. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ["FORCE_COLOR", "NO_COLOR", "CPT_CHECK_DEBUG", "NODE_OPTIONS", "CI"]) delete env[k];
  return { ...env, ...extra };
}

export function cli(args: string[], opts: { input?: string; env?: Record<string, string>; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(ROOT, "bin/cpt-check.js"), ...args], {
    cwd: opts.cwd ?? ROOT,
    env: cleanEnv(opts.env),
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
}

/** A stack trace line as Node prints it. */
export const STACK_LINE = /\n\s+at /;
export const ESC = "\u001b";

/** The six rule ids SPEC.md requires of the 64868 pack. */
export const REQUIRED = [
  "paralysis-cause",
  "paralysis-extent",
  "functional-impact",
  "conservative-treatment-failed",
  "procedure-details",
  "postop-progress",
];
