/**
 * Machine-readable output is byte-clean: with colour forced and the `natural` package installed
 * (whose root module prints dotenv banners on stdout), every machine format is the report and
 * nothing else.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ESC, ROOT, buildOnce, cleanEnv, cli } from "./cli-helpers.ts";

const SAMPLE = "fixtures/sample-note.txt";
const BANNER = /dotenv|inject(?:ed|ing) env/i;

beforeAll(() => {
  const failure = buildOnce();
  if (failure) console.warn(`tsc reported errors (dist was still emitted):\n${failure.slice(0, 2000)}`);
}, 200_000);

describe("the test's premise", () => {
  it("natural is installed, and its root module does print a banner on stdout", () => {
    expect(existsSync(join(ROOT, "node_modules/natural/package.json"))).toBe(true);
    // If this stops printing, the checks below no longer prove anything about natural.
    const r = spawnSync(process.execPath, ["-e", 'require("natural")'], { cwd: ROOT, env: cleanEnv(), encoding: "utf8", timeout: 60_000 });
    expect(r.stdout).toMatch(BANNER);
  });
});

const inputs: [string, string[], string | undefined][] = [
  ["a file", [SAMPLE], undefined],
  ["a failing note on stdin", ["-"], "Right Bell's palsy.\n"],
  ["a missing file", ["no-such-note.txt"], undefined],
];

describe.each(inputs)("machine formats with FORCE_COLOR=1: %s", (_name, paths, input) => {
  const run = (format: string) => {
    const r = cli([...paths, "--format", format], { env: { FORCE_COLOR: "1" }, ...(input !== undefined ? { input } : {}) });
    expect([0, 1, 2]).toContain(r.status);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).not.toMatch(BANNER);
    expect(r.stderr).not.toMatch(BANNER);
    expect(r.stdout.length).toBeGreaterThan(0);
    return r.stdout;
  };

  it("json: one JSON document starting with {", () => {
    const out = run("json");
    expect(out[0]).toBe("{");
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it("jsonl: every line is a JSON object", () => {
    const out = run("jsonl");
    expect(out[0]).toBe("{");
    expect(out.endsWith("\n")).toBe(true);
    for (const line of out.slice(0, -1).split("\n")) expect(JSON.parse(line)).toHaveProperty("status");
  });

  it("csv: starts with the header row", () => {
    const out = run("csv");
    expect(out.startsWith("file,status,")).toBe(true);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it("sarif: one JSON document with version 2.1.0", () => {
    const out = run("sarif");
    expect(out[0]).toBe("{");
    expect(JSON.parse(out)).toMatchObject({ version: "2.1.0" });
  });

  it("junit: XML from the first byte", () => {
    const out = run("junit");
    expect(out.startsWith("<?xml")).toBe(true);
    expect(out).toMatch(/<testsuites[\s>]/);
  });
});

describe("stream mode with FORCE_COLOR=1", () => {
  it("--jsonl writes only JSON lines", () => {
    const r = cli(["--jsonl"], { env: { FORCE_COLOR: "1" }, input: '{"id":"a","text":"Right Bell\'s palsy."}\n' });
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).not.toMatch(BANNER);
    expect(JSON.parse(r.stdout.trim())).toMatchObject({ id: "a" });
  });
});

describe("the compiled code never imports natural's root module", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:js|mjs|cjs)$/.test(e.name)) files.push(p);
    }
  };

  it("only natural/lib/... paths are imported", () => {
    walk(join(ROOT, "dist"));
    walk(join(ROOT, "bin"));
    expect(files.length).toBeGreaterThan(10);
    const bare = /(?:require\s*\(\s*|import\s*\(\s*|from\s+|import\s+)["']natural(?:\/index(?:\.js)?)?["']/;
    const other = /["']natural\/(?!lib\/)[^"']*["']/;
    const offenders = files.filter((f) => {
      const src = readFileSync(f, "utf8");
      return bare.test(src) || other.test(src);
    });
    expect(offenders).toEqual([]);
    // The check can see an import when there is one.
    expect(bare.test('const n = require("natural");')).toBe(true);
    expect(bare.test('import natural from "natural";')).toBe(true);
    expect(other.test('require("natural/package.json")')).toBe(true);
    expect(bare.test('require("natural/lib/natural/stemmers/porter_stemmer.js")')).toBe(false);
  });
});
