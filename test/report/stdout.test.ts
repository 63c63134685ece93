/**
 * Standard output's terminal check: a hook that wants only the exit code sends the report to
 * /dev/null, a character device like a terminal; telling the two apart must not load the tty
 * module (with net and the stream modules behind it, ~55 M instructions, ~10 ms of a one-note run).
 */
import { spawnSync } from "node:child_process";
import { closeSync, fstatSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDevNull } from "../../src/report/stdout.ts";
import { buildOnce, cleanEnv, ROOT } from "../cli-helpers.ts";

const unix = process.platform !== "win32";
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cpt-check-stdout-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(unix)("isDevNull", () => {
  it("knows /dev/null by its device and inode, and nothing else", () => {
    const nul = openSync("/dev/null", "w");
    const file = join(dir, "report.txt");
    writeFileSync(file, "x");
    const reg = openSync(file, "r");
    const zero = openSync("/dev/zero", "r");
    try {
      expect(isDevNull(fstatSync(nul))).toBe(true);
      expect(isDevNull(fstatSync(reg))).toBe(false);
      // Another character device is not the null device.
      expect(isDevNull(fstatSync(zero))).toBe(false);
    } finally {
      for (const fd of [nul, reg, zero]) closeSync(fd);
    }
  });
});

describe.runIf(unix)("the command line with its report sent to /dev/null", () => {
  it("exits as usual and never loads the tty module", () => {
    const skip = buildOnce();
    if (skip) return void console.warn(skip);
    // Preloaded: prints the built-in modules the run loaded, on stderr, as it exits.
    const probe = join(dir, "probe.cjs");
    writeFileSync(probe, `process.on("exit", () => process.stderr.write("MODULES " + JSON.stringify(process.moduleLoadList) + "\\n"));\n`);
    const nul = openSync("/dev/null", "w");
    try {
      const r = spawnSync(process.execPath, ["-r", probe, join(ROOT, "bin/cpt-check.js"), join(ROOT, "fixtures/sample-note.txt")], {
        cwd: ROOT,
        env: cleanEnv(),
        stdio: ["ignore", nul, "pipe"],
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.status).toBe(0);
      const line = r.stderr.split("\n").find((l) => l.startsWith("MODULES "));
      expect(line).toBeDefined();
      const loaded = JSON.parse(line!.slice("MODULES ".length)) as string[];
      expect(loaded).toContain("NativeModule fs"); // the probe saw the run
      expect(loaded).not.toContain("NativeModule tty");
    } finally {
      closeSync(nul);
    }
  });
});
