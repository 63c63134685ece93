/**
 * Where the package's files are, found from this module's location by walking up to the folder
 * that holds package.json and rules/: the same answer whether the code runs from dist/ modules or
 * from the single-file bundle that the build makes for a fast start.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "rules"))) return dir;
    const up = dirname(dir);
    if (up === dir) return join(from, "..", "..");
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const RULES_DIR = join(PACKAGE_ROOT, "rules") + "/";
export const CACHE_DIR = join(PACKAGE_ROOT, "dist", "packs") + "/";
export const PACKAGE_JSON = join(PACKAGE_ROOT, "package.json");
export const WORKER_URL = pathToFileURL(join(PACKAGE_ROOT, "dist", "batch", "worker.js"));
