/** The command line, run as a user runs it (see cli-helpers.ts). */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESC, REQUIRED, ROOT, STACK_LINE, buildOnce, cli } from "./cli-helpers.ts";

const SAMPLE = "fixtures/sample-note.txt";

interface Span {
  text?: string;
  line: number;
  column: number;
  start: number;
  end: number;
}
interface RuleJson {
  id: string;
  severity: string;
  status: string;
  title: string;
  message?: string;
  evidence: Span[];
  ignored: Span[];
}
interface FileJson {
  file: string;
  status: string;
  error?: string;
  rules: RuleJson[];
}
interface ReportJson {
  tool: { name: string; version: string };
  code: string;
  results: FileJson[];
  summary: { files: number; passed: number; failed: number; errors: number };
}

let tmp: string;
beforeAll(() => {
  const failure = buildOnce();
  if (failure) console.warn(`tsc reported errors (dist was still emitted):\n${failure.slice(0, 2000)}`);
  expect(existsSync(join(ROOT, "dist/cli.js"))).toBe(true);
  tmp = mkdtempSync(join(tmpdir(), "cpt-check-cli-"));
}, 200_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function note(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

function json(stdout: string): ReportJson {
  return JSON.parse(stdout) as ReportJson;
}

/** The note as the checker saw it: BOM removed, UTF-16 decoded. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  return bytes.toString("utf8");
}

/** 1-based line and UTF-16 column of an offset, counting \n, \r\n and lone \r as line ends. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function expectSpansMatch(text: string, result: FileJson) {
  let count = 0;
  for (const rule of result.rules) {
    for (const span of [...rule.evidence, ...rule.ignored]) {
      count++;
      expect(span.text, `${rule.id} ${span.start}-${span.end}`).toBe(text.slice(span.start, span.end));
      expect({ line: span.line, column: span.column }, `${rule.id} "${span.text}"`).toEqual(position(text, span.start));
    }
  }
  return count;
}

describe("cpt-check: help, version, usage errors", () => {
  it("--help exits 0 and prints usage on stdout", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: cpt-check/);
    expect(r.stdout).toMatch(/--format/);
    expect(r.stderr).toBe("");
  });

  it.each([["--version"], ["-v"]])("%s prints 0.1.0", (flag) => {
    const r = cli([flag]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("0.1.0\n");
  });

  it("an unknown option exits 2 with a message and no stack trace", () => {
    const r = cli(["--frobnicate", SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--frobnicate'/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe("");
  });

  it("an unknown --format exits 2 naming the choices", () => {
    const r = cli(["--format", "xml", SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/xml/);
    expect(r.stderr).toMatch(/json/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("an unknown --code exits 2 listing the available codes", () => {
    const r = cli(["--code", "99999", SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown code "99999".*available: .*64868/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe("");
  });

  it("no input at all exits 2 with a hint", () => {
    const r = cli([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no input/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("a broken --rules file exits 2 with file:line:column and no stack trace", () => {
    const r = cli(["--rules", "fixtures/rules-broken/unknown-key.yaml", SAMPLE]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^cpt-check: fixtures\/rules-broken\/unknown-key\.yaml:7:5: .*did you mean "message"/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe("cpt-check: inputs", () => {
  it("a missing file exits 2 and is reported as an error result naming the file", () => {
    const r = cli(["no-such-note.txt", "--format", "json"]);
    expect(r.status).toBe(2);
    const report = json(r.stdout);
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ file: "no-such-note.txt", status: "error", rules: [] });
    expect(report.results[0]!.error).toMatch(/no such file/i);
    expect(report.summary).toEqual({ files: 1, passed: 0, failed: 0, errors: 1 });
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("a batch goes on after a missing file (2 wins over the others)", () => {
    const r = cli(["no-such-note.txt", SAMPLE, "--format", "json"]);
    expect(r.status).toBe(2);
    const report = json(r.stdout);
    expect(report.results.map((x) => [x.file, x.status])).toEqual([
      ["no-such-note.txt", "error"],
      [SAMPLE, "pass"],
    ]);
  });

  it("fixtures/sample-note.txt passes: exit 0", () => {
    const r = cli([SAMPLE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PASS/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("stdin with - and --format json", () => {
    const r = cli(["-", "--format", "json"], { input: readFileSync(join(ROOT, SAMPLE), "utf8") });
    expect(r.status).toBe(0);
    const report = json(r.stdout);
    expect(report.tool).toEqual({ name: "cpt-check", version: "0.1.0" });
    expect(report.code).toBe("64868");
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ file: "-", status: "pass" });
    expect(report.results[0]!.rules.map((x) => x.id)).toEqual(expect.arrayContaining(REQUIRED));
  });

  it("a failing note exits 1", () => {
    const r = cli(["-", "--format", "json"], { input: "Right Bell's palsy.\n" });
    expect(r.status).toBe(1);
    expect(json(r.stdout).results[0]!.status).toBe("fail");
  });
});

describe("cpt-check rules", () => {
  it("lists the six required ids as errors", () => {
    const r = cli(["rules"]);
    expect(r.status).toBe(0);
    for (const id of REQUIRED) expect(r.stdout).toMatch(new RegExp(`^\\s+${id}\\s+error\\s+\\S`, "m"));
    expect(r.stdout).toMatch(/^\s+laterality\s+warning\s/m);
  });
});

describe("cpt-check --format json", () => {
  it("with FORCE_COLOR=1 stdout is exactly one JSON document without colour codes", () => {
    const r = cli([SAMPLE, "--format", "json"], { env: { FORCE_COLOR: "1" } });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stdout.trimStart()[0]).toBe("{");
  });

  it.each([
    ["UTF-8, LF", SAMPLE],
    ["ASCII, CRLF", "fixtures/corpus/07-rt-endolymphatic-sac-tumour-crlf-sural.txt"],
    ["UTF-16LE with BOM", "fixtures/corpus/13-rt-horse-fall-utf16-sunnybrook.txt"],
    // Laid out from its spoken punctuation, quoted as written; the only note of its process.
    ["a raw transcript ('comma', 'period')", "fixtures/blind11/n21-lt-vs-postop-only-prior-surgery.txt"],
  ])("every evidence and ignored span is the decoded note sliced at start/end (%s)", (_name, file) => {
    const r = cli([file, "--format", "json"]);
    expect(r.status).not.toBe(2);
    const text = decode(readFileSync(join(ROOT, file)));
    expect(expectSpansMatch(text, json(r.stdout).results[0]!)).toBeGreaterThan(5);
  });

  it("a raw transcript checked alone is read from its spoken punctuation: an earlier operation's course under 'history colon' is not progress", () => {
    const r = cli(["fixtures/blind11/n21-lt-vs-postop-only-prior-surgery.txt", "--format", "json"]);
    expect(json(r.stdout).results[0]!.rules.find((x) => x.id === "postop-progress")!.status).toBe("fail");
  });

  it("spans count UTF-16 code units when the note has astral characters and lone CRs", () => {
    const text = "😀 OPERATIVE NOTE 😀\rRight facial paralysis after resection of a vestibular schwannoma.\r\n" +
      "House-Brackmann grade VI. 𝐍𝐨𝐭𝐞 She cannot close the eye and has exposure keratopathy.\n" +
      "Her mother had Bell's palsy.\n";
    const r = cli(["-", "--format", "json"], { input: text });
    expect(r.status).not.toBe(2);
    expect(expectSpansMatch(text, json(r.stdout).results[0]!)).toBeGreaterThan(3);
  });
});

describe("cpt-check: notes that fail exactly one required rule", () => {
  for (const rule of REQUIRED) {
    const file = `fixtures/corpus/fail-only-${rule}.txt`;
    it.skipIf(!existsSync(join(ROOT, file)))(`${file} fails ${rule} only, exit 1`, () => {
      const r = cli([file, "--format", "json"]);
      expect(r.status).toBe(1);
      const result = json(r.stdout).results[0]!;
      expect(result.status).toBe("fail");
      const failedErrors = result.rules.filter((x) => x.severity === "error" && x.status === "fail").map((x) => x.id);
      expect(failedErrors).toEqual([rule]);
    });
  }
});

describe("cpt-check --format text", () => {
  it("without colour: ✓ and ✗ lines, no escape codes", () => {
    const bad = note("bells-only.txt", "Right Bell's palsy since 2023.\n");
    const r = cli([SAMPLE, bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^\s*✓ paralysis-cause\b/m);
    expect(r.stdout).toMatch(/^\s*✗ procedure-details\b/m);
    expect(r.stdout).not.toContain(ESC);
  });

  it.each([
    ["FORCE_COLOR=1 colours text", { FORCE_COLOR: "1" }, [], true],
    ["NO_COLOR wins over nothing", { NO_COLOR: "1" }, [], false],
    ["--no-color wins over FORCE_COLOR", { FORCE_COLOR: "1" }, ["--no-color"], false],
    ["a pipe is not a terminal", {}, [], false],
  ] as const)("%s", (_name, env, flags, coloured) => {
    const r = cli([SAMPLE, ...flags], { env: { ...env } });
    expect(r.status).toBe(0);
    expect(r.stdout.includes(ESC)).toBe(coloured);
  });
});

describe("cpt-check --redact and --output", () => {
  it("--redact leaves every quoted word of the note out of the JSON report", () => {
    const plain = json(cli([SAMPLE, "--format", "json"]).stdout);
    const r = cli([SAMPLE, "--format", "json", "--redact"]);
    expect(r.status).toBe(0);
    const redacted = json(r.stdout);
    for (const rule of redacted.results[0]!.rules) {
      for (const span of [...rule.evidence, ...rule.ignored]) expect(span).not.toHaveProperty("text");
    }
    // Positions are kept.
    expect(redacted.results[0]!.rules[0]!.evidence.map((e) => e.start)).toEqual(plain.results[0]!.rules[0]!.evidence.map((e) => e.start));
    // And no quoted note text survives anywhere, apart from words the pack itself uses (titles,
    // messages, part names): the skeleton is the plain report without its quotes.
    const skeleton = JSON.stringify(plain, (k, v: unknown) => (k === "text" || k === "trigger" ? undefined : v)).toLowerCase();
    const quotes = plain.results[0]!.rules.flatMap((x) => [...x.evidence, ...x.ignored].map((s) => s.text!));
    const distinctive = quotes.filter((q) => q.length >= 10 && !skeleton.includes(JSON.stringify(q.toLowerCase()).slice(1, -1)));
    expect(distinctive.length).toBeGreaterThan(5);
    for (const q of distinctive) expect(r.stdout).not.toContain(JSON.stringify(q).slice(1, -1));
  });

  it("--output writes the report to the file and nothing to stdout", () => {
    const out = join(tmp, "report.json");
    const r = cli([SAMPLE, "--format", "json", "--output", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    const report = JSON.parse(readFileSync(out, "utf8")) as ReportJson;
    expect(report.results[0]!.file).toBe(SAMPLE);
  });
});

describe("cpt-check --jsonl (stream mode)", () => {
  it("one output line per input line, in order, with statuses; exit 2 for the bad lines", () => {
    const good = JSON.stringify({ id: "good", text: readFileSync(join(ROOT, SAMPLE), "utf8") });
    const input = [good, '{"id": "broken", "text": ', JSON.stringify({ id: "no-text" })].join("\n") + "\n";
    const r = cli(["--jsonl"], { input });
    expect(r.status).toBe(2);
    const lines = r.stdout.split("\n");
    expect(lines.pop()).toBe(""); // ends with a newline
    expect(lines).toHaveLength(3);
    const out = lines.map((l) => JSON.parse(l) as { id: unknown; status: string; error?: string });
    expect(out.map((o) => [o.id, o.status])).toEqual([
      ["good", "pass"],
      [null, "error"],
      ["no-text", "error"],
    ]);
    expect(out[1]!.error).toMatch(/line 2/);
    expect(out[2]!.error).toMatch(/text/);
    expect(r.stdout).not.toContain(ESC);
  });

  it("a stream of passing notes exits 0", () => {
    const good = JSON.stringify({ id: 7, text: readFileSync(join(ROOT, SAMPLE), "utf8") });
    const r = cli(["--jsonl"], { input: `${good}\n${good}\n` });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").map((l) => JSON.parse(l).id)).toEqual([7, 7]);
  });
});

describe("cpt-check eval", () => {
  const printsTable = (stdout: string, ids: string[]) => {
    expect(stdout).toMatch(/^rule\s+TP\s+FP\s+FN\s+TN\s+precision\s+recall\s+accuracy$/m);
    for (const id of ids) expect(stdout).toMatch(new RegExp(`^${id}\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s`, "m"));
    expect(stdout).toMatch(/verdict accuracy: \d+\/\d+/);
  };

  // The sets written blind to the rules that agree with every label (holdout from the start; the
  // others since their first score: README, Measuring).
  it.each(["holdout", "blind4", "blind7", "blind8", "blind9", "blind10", "blind11", "blind13", "blind16", "blind17", "blind18"])("agrees with every label of a corpus written blind to the rules (fixtures/%s)", (set) => {
    const r = cli(["eval", `fixtures/${set}/labels.json`]);
    printsTable(r.stdout, REQUIRED);
    expect(r.stdout).toContain("no disagreements");
    expect(r.status).toBe(0);
  });

  it("agrees with every label of the project's own corpus (fixtures/corpus)", () => {
    const r = cli(["eval", "fixtures/corpus/labels.json"]);
    printsTable(r.stdout, REQUIRED);
    expect(r.stdout).toContain("no disagreements");
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("scores a labels file of its own (the sample note, all pass)", () => {
    const labels = join(tmp, "labels.json");
    const expect6 = Object.fromEntries(REQUIRED.map((id) => [id, "pass"]));
    writeFileSync(labels, JSON.stringify([{ file: join(ROOT, SAMPLE), expect: expect6, verdict: "pass" }]));
    const r = cli(["eval", labels]);
    expect(r.status).toBe(0);
    printsTable(r.stdout, REQUIRED);
    expect(r.stdout).toMatch(/verdict accuracy: 1\/1/);
    expect(r.stdout).toMatch(/no disagreements/);
  });

  it("a labels file that is not JSON exits 2 without a stack trace", () => {
    const labels = note("bad-labels.json", "[{ not json");
    const r = cli(["eval", labels]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
