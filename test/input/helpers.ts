import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh folder under the system temp dir; remove it with `removeTempDir`. */
export async function makeTempDir(prefix = "cpt-check-input-"): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeTempDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/** Writes files (creating folders) from a map of relative path → content. */
export async function writeTree(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
}

/** Creates a FIFO with mkfifo(1); false when the platform has none (the test is then skipped). */
export function tryMkfifo(abs: string): boolean {
  try {
    execFileSync("mkfifo", [abs], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
