/**
 * The worker thread runs compiled JavaScript, so the runner tests compile the project first. They
 * compile into a private snapshot (temp dir with its own dist/, a copy of rules/, package.json and
 * a link to node_modules) rather than the shared dist/: other work in the tree (rebuilds, rule
 * edits) then cannot change the engine between the in-process run and the workers' runs.
 * A type error elsewhere in the tree does not stop the tests: tsc still emits, so only missing
 * output counts as a failure.
 */
import { spawnSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Builds the snapshot and returns its root; remove it with `fs.rm(root, { recursive: true })`. */
export async function buildSnapshot(): Promise<{ root: string; dist: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "cpt-check-build-"));
  const dist = path.join(root, "dist");
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--outDir", dist, "--declaration", "false"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  for (const f of ["batch/run.js", "batch/worker.js", "batch/protocol.js", "rules/load.js"]) {
    if (!existsSync(path.join(dist, f))) {
      throw new Error(`build did not produce dist/${f}:\n${run.stdout}\n${run.stderr}`);
    }
  }
  await fs.cp(path.join(ROOT, "rules"), path.join(root, "rules"), { recursive: true });
  await fs.copyFile(path.join(ROOT, "package.json"), path.join(root, "package.json")); // "type": "module"
  await fs.symlink(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  return { root, dist };
}
