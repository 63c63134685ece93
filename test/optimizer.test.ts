/**
 * V8's optimising compiler for the command line (src/optimizer.ts, bin/cpt-check.js): off for a
 * small run, on once a run has more to check than a small note, and on before batch workers start.
 * The command line says when it turns the compiler on, and whether it used its code cache, on
 * stderr when CPT_CHECK_DEBUG is set; nothing else tells from outside (the reports are the same
 * either way, which the other CLI tests check with the compiler in either state).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildOnce, cleanEnv, ROOT } from "./cli-helpers.js";

describe("optimizer budget (unit)", () => {
  beforeEach(() => vi.resetModules());

  it("does nothing when no optimiser was deferred (the library API)", async () => {
    const m = await import("../src/optimizer.js");
    expect(() => m.spendOptimizerBudget(10 * 1024 * 1024)).not.toThrow();
    expect(() => m.enableOptimizer()).not.toThrow();
  });

  it("turns the optimiser on once the text checked passes the budget, and only once", async () => {
    const m = await import("../src/optimizer.js");
    const turnOn = vi.fn();
    m.deferOptimizer(turnOn, 1000);
    m.spendOptimizerBudget(600);
    m.spendOptimizerBudget(400); // exactly the budget: still off
    expect(turnOn).not.toHaveBeenCalled();
    m.spendOptimizerBudget(1);
    expect(turnOn).toHaveBeenCalledTimes(1);
    m.spendOptimizerBudget(5000);
    m.enableOptimizer();
    expect(turnOn).toHaveBeenCalledTimes(1);
  });

  it("expectOptimizerWork turns it on at once for a run known to be larger than the budget", async () => {
    const m = await import("../src/optimizer.js");
    const turnOn = vi.fn();
    m.deferOptimizer(turnOn, 1000);
    m.expectOptimizerWork(1000);
    expect(turnOn).not.toHaveBeenCalled();
    m.expectOptimizerWork(1001);
    expect(turnOn).toHaveBeenCalledTimes(1);
  });

  it("turns it on before a note larger than the whole budget is checked", async () => {
    const m = await import("../src/optimizer.js");
    const turnOn = vi.fn();
    m.deferOptimizer(turnOn, 1000);
    m.spendOptimizerBudget(1001);
    expect(turnOn).toHaveBeenCalledTimes(1);
  });

  it("enableOptimizer turns it on at once (batch workers), and once", async () => {
    const m = await import("../src/optimizer.js");
    const turnOn = vi.fn();
    m.deferOptimizer(turnOn);
    m.enableOptimizer();
    m.enableOptimizer();
    m.spendOptimizerBudget(m.OPTIMIZER_BUDGET_CHARS * 2);
    expect(turnOn).toHaveBeenCalledTimes(1);
  });

  it("checkText counts the note's characters", async () => {
    const opt = await import("../src/optimizer.js");
    const { checkText } = await import("../src/check.js");
    const { loadRulePack } = await import("../src/rules/load.js");
    const pack = await loadRulePack("64868");
    const turnOn = vi.fn();
    const note = readFileSync(join(ROOT, "fixtures/sample-note.txt"), "utf8");
    opt.deferOptimizer(turnOn, note.length * 2);
    checkText(note, { pack });
    checkText(note, { pack });
    expect(turnOn).not.toHaveBeenCalled();
    checkText(note, { pack });
    expect(turnOn).toHaveBeenCalledTimes(1);
  });
});

describe("the command line's optimiser (CPT_CHECK_DEBUG=1)", () => {
  let dir: string;
  const sample = () => readFileSync(join(ROOT, "fixtures/sample-note.txt"), "utf8");
  const ON = /cpt-check: optimising compiler on/;

  beforeAll(() => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), "cpt-check-optimizer-"));
    mkdirSync(join(dir, "folder"));
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, "folder", `note-${i}.txt`), sample());
  }, 200_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[], opts: { input?: string; nodeArgs?: string[] } = {}) {
    return spawnSync(process.execPath, [...(opts.nodeArgs ?? []), join(ROOT, "bin/cpt-check.js"), ...args], {
      cwd: ROOT,
      env: cleanEnv({ CPT_CHECK_DEBUG: "1" }),
      input: opts.input,
      encoding: "utf8",
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  it("one small note: checked without it, and with the code cache", () => {
    const r = run(["--format", "json", "fixtures/sample-note.txt"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/cpt-check: code cache used/);
    expect(r.stderr).not.toMatch(ON);
  });

  it("a note of ~100 KB on stdin: still without it", () => {
    let text = "";
    while (text.length < 100 * 1024) text += `${sample()}\n`;
    const r = run(["-", "--format", "json"], { input: text });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(ON);
  });

  it("a note longer than the budget: turned on before it is checked", () => {
    let text = "";
    while (text.length < 600 * 1024) text += `${sample()}\n`;
    const r = run(["-", "--format", "json"], { input: text });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(ON);
  });

  it("a small batch checked in process: never turned on", () => {
    const r = run(["--concurrency", "off", "--format", "jsonl", join(dir, "folder")]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(3);
    expect(r.stderr).not.toMatch(ON);
  });

  it("a batch in process whose files add up to more than the budget: decided from their sizes, before any is read", () => {
    // The large file is not a note (binary), so no text of it is ever checked: only the sizes
    // looked at before the first note can have turned the compiler on.
    const big = join(dir, "big");
    mkdirSync(big, { recursive: true });
    writeFileSync(join(big, "a-note.txt"), sample());
    writeFileSync(join(big, "b-scan.txt"), Buffer.alloc(600 * 1024, 0));
    const r = run(["--concurrency", "off", "--format", "jsonl", big]);
    expect(r.status).toBe(2); // the binary file is an error result
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { status: string });
    expect(lines.map((l) => l.status)).toEqual(["pass", "error"]);
    expect(r.stderr).toMatch(ON);
  });

  it("the same folder without the large file: never turned on", () => {
    const small = join(dir, "small");
    mkdirSync(small, { recursive: true });
    writeFileSync(join(small, "a-note.txt"), sample());
    const r = run(["--concurrency", "off", "--format", "jsonl", small]);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(ON);
  });

  it("a --jsonl stream: turned on before the first record", () => {
    const r = run(["--jsonl"], { input: `${JSON.stringify({ id: "a", text: sample() })}\n` });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(ON);
  });

  it("a batch with workers: turned on before they start", () => {
    const r = run(["--concurrency", "2", "--format", "jsonl", join(dir, "folder")]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(3);
    expect(r.stderr).toMatch(ON);
  });

  it.each([["--throw-deprecation"], ["--pending-deprecation"]])(
    "setting the flags prints no deprecation warning and throws none (node %s)",
    (flag) => {
      const plain = run(["--format", "json", "fixtures/sample-note.txt"]);
      const r = spawnSync(process.execPath, [flag, join(ROOT, "bin/cpt-check.js"), "--format", "json", "fixtures/sample-note.txt"], {
        cwd: ROOT,
        env: cleanEnv(),
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(plain.stdout);
    },
  );

  it("a Node.js without process.binding: node:v8 sets the same flags (the code cache is still used)", () => {
    const preload = join(dir, "no-binding.cjs");
    writeFileSync(preload, "process.binding = undefined;\n");
    const plain = run(["--format", "json", "fixtures/sample-note.txt"]);
    const r = run(["--format", "json", "fixtures/sample-note.txt"], { nodeArgs: ["-r", preload] });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/cpt-check: code cache used/);
    expect(r.stdout).toBe(plain.stdout);
  });

  it("a user's own TurboFan flag is left alone", () => {
    let text = "";
    while (text.length < 600 * 1024) text += `${sample()}\n`;
    const r = run(["-", "--format", "json"], { input: text, nodeArgs: ["--no-opt"] });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(ON);
  });
});
