/**
 * bin/cpt-check.js runs the bundled command line with V8's code cache. The cache is an
 * optimisation only: whatever state it is in (missing, damaged, cut short, from another build),
 * the report must be the same, byte for byte, and nothing may crash.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOnce, cleanEnv, ROOT, STACK_LINE } from "./cli-helpers.js";

let pkg: string;
let cacheBytes: Buffer;
let expected: string;

/** The installed package's files (what `npm pack` ships) in a folder of their own. */
function copyPackage(opts: { without?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "cpt-check-start-"));
  for (const p of ["package.json", "bin", "rules", "dist/cli.cjs", "dist/cli.cjs.cache", "dist/packs", "fixtures/sample-note.txt"]) {
    cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  }
  if (!opts.without) symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  else {
    // every installed package but one
    mkdirSync(join(dir, "node_modules"));
    for (const name of readdirSync(join(ROOT, "node_modules"))) {
      if (name !== opts.without) symlinkSync(join(ROOT, "node_modules", name), join(dir, "node_modules", name));
    }
  }
  return dir;
}

function listRules(dir: string) {
  return spawnSync(process.execPath, [join(dir, "bin/cpt-check.js"), "rules"], { cwd: dir, env: cleanEnv(), encoding: "utf8", timeout: 60_000 });
}

function run(dir: string) {
  return spawnSync(process.execPath, [join(dir, "bin/cpt-check.js"), "--format", "json", "fixtures/sample-note.txt"], {
    cwd: dir,
    env: cleanEnv(),
    encoding: "utf8",
    timeout: 60_000,
  });
}

beforeAll(() => {
  buildOnce();
  pkg = copyPackage();
  cacheBytes = readFileSync(join(pkg, "dist/cli.cjs.cache"));
  const r = run(pkg);
  expect(r.status).toBe(0);
  expected = r.stdout;
}, 200_000);
afterAll(() => rmSync(pkg, { recursive: true, force: true }));

describe("the code cache", () => {
  it("is written by the build and names the bundle's build", () => {
    const buildLine = readFileSync(join(ROOT, "dist/cli.cjs"), "utf8").split("\n", 1)[0]!;
    expect(buildLine).toMatch(/^\/\/ cpt-check build [0-9a-f]{16}$/);
    const header = cacheBytes.toString("latin1", 0, cacheBytes.indexOf(10));
    expect(header).toMatch(new RegExp(`^${buildLine} [0-9]+$`));
    // the compiled code, twice
    const length = Number(header.split(" ").pop());
    expect(cacheBytes.length).toBe(header.length + 1 + 2 * length);
  });

  it("runs from an ASCII bundle (bin/cpt-check.js reads it byte for byte)", () => {
    const bytes = readFileSync(join(ROOT, "dist/cli.cjs"));
    expect(bytes.findIndex((b) => b > 0x7f)).toBe(-1);
    // The report's own non-ASCII marks survive the escaping.
    const r = spawnSync(process.execPath, [join(ROOT, "bin/cpt-check.js"), join(ROOT, "fixtures/sample-note.txt")], { encoding: "utf8", env: cleanEnv() });
    expect(r.stdout).toContain("✓ paralysis-cause");
  });

  const damaged: [string, (b: Buffer) => Buffer][] = [
    ["missing", () => Buffer.alloc(0)],
    ["cut short", (b) => b.subarray(0, Math.floor(b.length / 2))],
    [
      "damaged inside (bytes flipped, header intact)",
      (b) => {
        const c = Buffer.from(b);
        for (let i = 200; i < c.length; i += 997) c[i] = c[i]! ^ 0xff;
        return c;
      },
    ],
    ["from another build", (b) => Buffer.concat([Buffer.from("// cpt-check build 0000000000000000 0\n"), b.subarray(b.indexOf(10) + 1)])],
    ["not a cache at all", () => Buffer.from("hello\n")],
    [
      "one byte changed in one copy of the compiled code",
      (b) => {
        const c = Buffer.from(b);
        const at = c.indexOf(10) + 1 + 5000;
        c[at] = c[at]! ^ 0x01;
        return c;
      },
    ],
    ["its second copy missing", (b) => b.subarray(0, b.indexOf(10) + 1 + (b.length - b.indexOf(10) - 1) / 2)],
  ];
  it.each(damaged)("%s: the same report, no crash", (_name, damage) => {
    const file = join(pkg, "dist/cli.cjs.cache");
    const bytes = damage(cacheBytes);
    if (bytes.length === 0) rmSync(file);
    else writeFileSync(file, bytes);
    try {
      const r = run(pkg);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(expected);
    } finally {
      writeFileSync(file, cacheBytes);
    }
  });

  it("a damaged bundle is a clear error, not a stack trace", () => {
    const dir = copyPackage();
    try {
      const file = join(dir, "dist/cli.cjs");
      const text = readFileSync(file, "utf8");
      writeFileSync(file, text.slice(0, Math.floor(text.length / 2))); // cut short mid-file
      const r = run(dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/dist\/cli\.cjs cannot be loaded; reinstall the package or run npm run build/);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.stdout).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a missing bundle is a clear error, not a stack trace", () => {
    const dir = copyPackage();
    try {
      rmSync(join(dir, "dist/cli.cjs"));
      expect(existsSync(join(dir, "bin/cpt-check.js"))).toBe(true);
      const r = run(dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/dist\/cli\.cjs is missing.*npm run build/);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.stdout).toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the pack's build cache (dist/packs)", () => {
  it("holds the words of every term that is not plain lower-case words, keyword terms included", async () => {
    // Keyword phrases are made on first search, not when the pack compiles: a term missing here
    // would be tokenized by every one-note run.
    const { termStrings } = await import("../src/rules/load.ts");
    const data = JSON.parse(readFileSync(join(ROOT, "dist/packs/64868.yaml.json"), "latin1")) as {
      source: { spec: import("../src/rules/spec.ts").PackSpec };
      terms: Record<string, string[]>;
    };
    const notPlain = [...termStrings(data.source.spec)].filter((t) => !/^[a-z0-9]+(?: [a-z0-9]+)*$/.test(t));
    expect(notPlain.length).toBeGreaterThan(20);
    expect(notPlain.filter((t) => !Object.hasOwn(data.terms, t))).toEqual([]);
  });

  it("serves a run while the rule files are unchanged: the YAML parser is not even needed", () => {
    const dir = copyPackage({ without: "yaml" });
    try {
      const r = listRules(dir);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("Cause of the facial paralysis");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["an edit that changes the length", "title: Cause of the facial paralysis (edited)"],
    ["an edit of the same length", "title: CAUSE of the facial paralysis"],
  ])("is not used after %s: the edited rule file is what runs", (_name, replacement) => {
    const dir = copyPackage();
    try {
      const file = join(dir, "rules/64868.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace("title: Cause of the facial paralysis", replacement));
      const r = listRules(dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(replacement.slice("title: ".length));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is not used when the copy of the sources kept beside it is damaged", () => {
    const dir = copyPackage({ without: "yaml" });
    try {
      const src = readdirSync(join(dir, "dist/packs")).find((f) => f.endsWith(".src"))!;
      const bytes = readFileSync(join(dir, "dist/packs", src));
      bytes[bytes.length >> 1] ^= 0x20;
      writeFileSync(join(dir, "dist/packs", src), bytes);
      // Without the cache the YAML must be read, and this copy has no YAML parser: so the
      // run failing to load the parser proves the cache was refused.
      const r = listRules(dir);
      expect(r.status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
