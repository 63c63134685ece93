/**
 * Hostile inputs (issue 4): a folder of broken, strange and re-encoded notes beside two good ones,
 * checked in one run of the built CLI. Every input must get exactly one result, in input order;
 * decodable notes are checked (with the same verdict as their plain UTF-8 original), the rest are
 * errors with a clear message, and no note text ever leaks into an error or onto stderr.
 * Inputs are generated into a temp folder: large and binary files are not committed.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, STACK_LINE, buildOnce, cli } from "./cli-helpers.ts";
import { spanProblems } from "./span-helpers.ts";

/** Planted in every note: it must never appear in an error message or on stderr. */
const MARKER = "ZQXMARKER";
const MAX_SIZE = 100_000;
const IS_ROOT = process.getuid?.() === 0; // chmod 000 does not stop root from reading

interface RuleJson {
  id: string;
  status: string;
  evidence: { text?: string; line: number; column: number; start: number; end: number }[];
  ignored: { text?: string; line: number; column: number; start: number; end: number }[];
}
interface FileJson {
  file: string;
  status: "pass" | "fail" | "error";
  error?: string;
  encoding?: string;
  rules: RuleJson[];
}
interface ReportJson {
  results: FileJson[];
  summary: { files: number; passed: number; failed: number; errors: number };
}

const plainA = readFileSync(join(ROOT, "fixtures/sample-note.txt"), "utf8");
const plainB = readFileSync(join(ROOT, "fixtures/corpus/fail-only-postop-progress.txt"), "utf8");
/** The two good notes, each with the marker on a line of its own (the verdict is unchanged). */
const GOOD = { A: `${plainA}\nReference: ${MARKER}.\n`, B: `${plainB}\nReference: ${MARKER}.\n` };
type Good = keyof typeof GOOD;

/** Deterministic bytes (a linear congruential generator), so a failure can be reproduced. */
function pseudoRandomBytes(n: number, seed: number, { noNul = false } = {}): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    let b = x >>> 24;
    if (noNul && b === 0) b = 0x80;
    out[i] = b;
  }
  return out;
}

function withMarkerInside(bytes: Buffer): Buffer {
  const half = bytes.length >> 1;
  return Buffer.concat([bytes.subarray(0, half), Buffer.from(` ${MARKER} `), bytes.subarray(half)]);
}

/** Right-to-left marks, Hebrew, combining accents and emoji (with ZWJ) between words and lines. */
function unicodeMix(text: string): string {
  return text
    .split("\n")
    .map((line, i) =>
      i % 3 === 0
        ? `\u200F${line} \u{1F600}\u200E`
        : i % 3 === 1
          ? `${line} cafe\u0301 \u05E9\u05DC\u05D5\u05DD \u{1F469}\u200D\u{1F52C}`
          : line,
    )
    .join("\n");
}

/** Windows-1252 bytes of a string of ASCII plus the few characters this test uses. */
function encode1252(text: string): Buffer {
  const table: Record<string, number> = { "\u201C": 0x93, "\u201D": 0x94, "\u00E9": 0xe9, "\u2019": 0x92 };
  return Buffer.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0);
      if (code < 0x80) return code;
      const b = table[c];
      if (b === undefined) throw new Error(`no Windows-1252 byte for U+${code.toString(16)} in this test`);
      return b;
    }),
  );
}
/** A line a Windows user might type: curly quotes and an accented letter. */
const line1252 = `Her daughter\u2019s words: \u201Cmerci\u201D, caf\u00E9.\n`;

function utf16be(text: string): Buffer {
  return Buffer.from(text, "utf16le").swap16();
}

/** 100 000 bytes exactly (the limit is inclusive): deeply nested brackets after the marker. */
function brackets(): string {
  const head = `${MARKER} `;
  const n = (MAX_SIZE - head.length) / 2;
  if (!Number.isInteger(n)) throw new Error("bracket note must fill the limit exactly");
  return head + "(".repeat(n) + ")".repeat(n);
}

/** The sample note on one line, padded with words to 2 MB. */
function singleLine2mb(): string {
  const base = GOOD.A.replace(/\r?\n/g, " ");
  const filler = `${MARKER} filler words here `;
  return base + filler.repeat(Math.ceil((2_000_000 - base.length) / filler.length));
}

type Expect =
  /** A note that is checked. `same`: how it must agree with its plain original. */
  | { kind: "note"; text: string; encoding: string; like?: Good; same?: "rules" | "statuses"; status?: "pass" | "fail" }
  /** A note that is refused, with a message matching `error`. */
  | { kind: "error"; error: RegExp }
  /** Not an input at all (a folder is searched, not checked). */
  | { kind: "absent" };

interface Case {
  name: string;
  /** Creates the input at `path`. */
  make: (path: string) => void;
  expect: Expect;
  skip?: boolean;
}

const bytes = (b: Buffer | string) => (p: string) => writeFileSync(p, b);

const variants = (["A", "B"] as const).flatMap((g): Case[] => {
  const t = GOOD[g];
  const lower = g.toLowerCase();
  return [
    { name: `crlf-${lower}`, make: bytes(t.replace(/\n/g, "\r\n")), expect: { kind: "note", text: t.replace(/\n/g, "\r\n"), encoding: "utf-8", like: g, same: "statuses" } },
    { name: `lone-cr-${lower}`, make: bytes(t.replace(/\n/g, "\r")), expect: { kind: "note", text: t.replace(/\n/g, "\r"), encoding: "utf-8", like: g, same: "statuses" } },
    { name: `utf16le-bom-${lower}`, make: bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")])), expect: { kind: "note", text: t, encoding: "utf-16le-bom", like: g, same: "rules" } },
    { name: `utf16be-bom-${lower}`, make: bytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t)])), expect: { kind: "note", text: t, encoding: "utf-16be-bom", like: g, same: "rules" } },
    { name: `utf8-bom-${lower}`, make: bytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])), expect: { kind: "note", text: t, encoding: "utf-8-bom", like: g, same: "rules" } },
    { name: `cp1252-${lower}`, make: bytes(encode1252(t + line1252)), expect: { kind: "note", text: t + line1252, encoding: "windows-1252", like: g, same: "statuses" } },
    { name: `unicode-mix-${lower}`, make: bytes(unicodeMix(t)), expect: { kind: "note", text: unicodeMix(t), encoding: "utf-8", like: g, same: "statuses" } },
  ];
});

/** In folder order: names are numbered below so that the sorted walk gives this order. */
const TABLE: Case[] = [
  { name: "good-a", make: bytes(GOOD.A), expect: { kind: "note", text: GOOD.A, encoding: "utf-8", status: "pass" } },
  { name: "good-b", make: bytes(GOOD.B), expect: { kind: "note", text: GOOD.B, encoding: "utf-8", status: "fail" } },
  {
    name: "binary-nul",
    // A PNG signature and header: NUL bytes early, as in any real binary file.
    make: bytes(withMarkerInside(Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), pseudoRandomBytes(4000, 1)]))),
    expect: { kind: "error", error: /^binary file \(contains NUL bytes\)$/ },
  },
  { name: "binary-random", make: bytes(withMarkerInside(pseudoRandomBytes(8000, 2, { noNul: true }))), expect: { kind: "error", error: /^binary file$/ } },
  { name: "empty", make: bytes(""), expect: { kind: "error", error: /^empty note$/ } },
  { name: "whitespace", make: bytes(" \t\r\n\n   \u00A0\u2003\n\f"), expect: { kind: "error", error: /^empty note$/ } },
  {
    name: "over-max-size",
    make: bytes(GOOD.A.repeat(Math.ceil((MAX_SIZE + 1) / GOOD.A.length))),
    expect: { kind: "error", error: /^file is larger than the --max-size limit \(100000 bytes\)$/ },
  },
  { name: "dangling-symlink", make: (p) => symlinkSync("no-such-target.txt", p), expect: { kind: "error", error: /^dangling symbolic link$/ } },
  { name: "fifo", make: (p) => execFileSync("mkfifo", [p]), expect: { kind: "error", error: /^not a regular file \(FIFO\)$/ } },
  {
    name: "unreadable",
    make: (p) => {
      writeFileSync(p, GOOD.A);
      chmodSync(p, 0o000);
    },
    expect: { kind: "error", error: /^permission denied$/ },
    skip: IS_ROOT,
  },
  // A folder named like a note is searched like any folder (here it is empty): it is not an input.
  { name: "folder", make: (p) => mkdirSync(p), expect: { kind: "absent" } },
  // Over the limit of this run; checked on its own below.
  { name: "single-line-2mb", make: bytes(singleLine2mb()), expect: { kind: "error", error: /^file is larger than the --max-size limit/ } },
  { name: "nested-brackets-100kb", make: bytes(brackets()), expect: { kind: "note", text: brackets(), encoding: "utf-8", status: "fail" } },
  { name: "nul-in-good-text", make: bytes(GOOD.A.slice(0, 900) + "\0" + GOOD.A.slice(900)), expect: { kind: "error", error: /^binary file \(contains NUL bytes\)$/ } },
  {
    name: "utf16le-bom-odd-length",
    make: bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD.A, "utf16le"), Buffer.from([0x41])])),
    expect: { kind: "error", error: /^not valid UTF-16LE despite its byte order mark$/ },
  },
  {
    name: "utf8-bom-invalid",
    make: bytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD.A), Buffer.from([0xc3, 0x28])])),
    expect: { kind: "error", error: /^not valid UTF-8 despite its byte order mark$/ },
  },
  {
    name: "utf32le-bom",
    make: bytes(Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), Buffer.from(`${MARKER}\0\0\0`)])),
    expect: { kind: "error", error: /^unsupported encoding \(UTF-32\)$/ },
  },
  ...variants,
];
const CASES: Case[] = TABLE.map((c, i) => ({ ...c, name: `${String(i).padStart(2, "0")}-${c.name}.txt` }));

const ACTIVE = CASES.filter((c) => !c.skip);
const INPUTS = ACTIVE.filter((c) => c.expect.kind !== "absent");

/** The note as a reader decodes it from its bytes, given the encoding the report names. */
function decodeAs(raw: Buffer, encoding: string): string {
  switch (encoding) {
    case "utf-8":
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(raw);
    case "utf-8-bom":
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(raw.subarray(3));
    case "utf-16le-bom":
      return new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true }).decode(raw.subarray(2));
    case "utf-16be-bom":
      return new TextDecoder("utf-16be", { fatal: true, ignoreBOM: true }).decode(raw.subarray(2));
    case "windows-1252": {
      // Streaming: Node's one-shot windows-1252 decode maps 0x80-0x9F to C1 controls (nodejs/node#56542).
      const d = new TextDecoder("windows-1252");
      return d.decode(raw, { stream: true }) + d.decode();
    }
    default:
      throw new Error(`unexpected encoding ${encoding}`);
  }
}

let tmp: string;
let notes: string;

beforeAll(() => {
  const failure = buildOnce();
  if (failure) console.warn(`tsc reported errors (dist was still emitted):\n${failure.slice(0, 2000)}`);
  tmp = mkdtempSync(join(tmpdir(), "cpt-check-hostile-"));
  notes = join(tmp, "notes");
  mkdirSync(notes);
  for (const c of ACTIVE) c.make(join(notes, c.name));
}, 200_000);

afterAll(() => {
  if (!tmp) return;
  for (const c of ACTIVE) if (c.name.includes("unreadable")) chmodSync(join(notes, c.name), 0o600);
  rmSync(tmp, { recursive: true, force: true });
});

describe.each([
  { label: "in process", flags: [] as string[] },
  { label: "--concurrency 2", flags: ["--concurrency", "2"] },
])("one run over the hostile folder ($label)", ({ flags }) => {
  let run: ReturnType<typeof cli>;
  let report: ReportJson;
  const byName = new Map<string, FileJson>();

  beforeAll(() => {
    run = cli(["notes", "--format", "json", "--max-size", String(MAX_SIZE), ...flags], { cwd: tmp });
    // A FIFO that was opened would block the run until the spawn timeout kills it.
    expect(run.error, "the run did not finish (a FIFO read would hang)").toBeUndefined();
    expect(run.signal).toBeNull();
    report = JSON.parse(run.stdout) as ReportJson;
    for (const r of report.results) byName.set(r.file.replace(/^notes\//, ""), r);
  }, 120_000);

  it("exits 2 with nothing on stderr but one-line messages, and no note text anywhere in it", () => {
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toContain(MARKER);
  });

  it("gives every input exactly one result, in input order", () => {
    expect(report.results.map((r) => r.file)).toEqual(INPUTS.map((c) => `notes/${c.name}`));
    const errors = INPUTS.filter((c) => c.expect.kind === "error").length;
    expect(report.summary).toMatchObject({ files: INPUTS.length, errors });
  });

  it("never puts note text into an error message", () => {
    for (const r of report.results) {
      expect(r.error ?? "").not.toContain(MARKER);
      if (r.status === "error") expect(r.rules).toEqual([]);
    }
  });

  it.each(ACTIVE.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const r = byName.get(name);
    const e = c.expect;
    if (e.kind === "absent") {
      expect(r).toBeUndefined();
      expect(report.results.some((x) => x.file.startsWith(`notes/${name}/`))).toBe(false);
      return;
    }
    expect(r, `no result for ${name}`).toBeDefined();
    if (e.kind === "error") {
      expect(r!.status).toBe("error");
      expect(r!.error).toMatch(e.error);
      expect(r!.encoding).toBeUndefined();
      return;
    }
    expect(r!.error).toBeUndefined();
    expect(["pass", "fail"]).toContain(r!.status);
    expect(r!.encoding).toBe(e.encoding);
    if (e.status) expect(r!.status).toBe(e.status);

    // Offsets are into the decoded note: decode the bytes as the report says they were decoded.
    const decoded = decodeAs(readFileSync(join(notes, name)), r!.encoding!);
    expect(decoded === e.text, "the test's decoding of the file differs from the text it wrote").toBe(true);
    expect(spanProblems(r!, decoded)).toEqual([]);

    if (e.like) {
      const original = byName.get(CASES.find((x) => x.name.endsWith(`-good-${e.like!.toLowerCase()}.txt`))!.name)!;
      expect(r!.status).toBe(original.status);
      expect(r!.rules.map((x) => [x.id, x.status])).toEqual(original.rules.map((x) => [x.id, x.status]));
      // The same decoded text: the very same findings at the very same offsets.
      if (e.same === "rules") expect(r!.rules).toEqual(original.rules);
    }
  });
});

describe("the two runs agree", () => {
  it("in process and on two worker threads give the same report", () => {
    const args = ["notes", "--format", "json", "--max-size", String(MAX_SIZE)];
    const a = cli(args, { cwd: tmp });
    const b = cli([...args, "--concurrency", "2"], { cwd: tmp });
    expect(b.status).toBe(a.status);
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout));
  }, 120_000);
});

describe("inputs that need a run of their own", () => {
  it.skipIf(IS_ROOT)("an unreadable file is an error (skipped as root: chmod does not stop root)", () => {
    const r = cli([`notes/${CASES.find((c) => c.name.includes("unreadable"))!.name}`, "--format", "json"], { cwd: tmp });
    expect(r.status).toBe(2);
    const res = (JSON.parse(r.stdout) as ReportJson).results;
    expect(res).toHaveLength(1);
    expect(res[0]).toMatchObject({ status: "error", error: "permission denied" });
  });

  it("a 2 MB note on a single line is checked under the default size limit", () => {
    const name = CASES.find((c) => c.name.includes("single-line-2mb"))!.name;
    const r = cli([`notes/${name}`, "--format", "json"], { cwd: tmp });
    expect(r.error).toBeUndefined();
    expect([0, 1]).toContain(r.status);
    const [res] = (JSON.parse(r.stdout) as ReportJson).results;
    expect(["pass", "fail"]).toContain(res!.status);
    expect(res!.encoding).toBe("utf-8");
    expect(spanProblems(res!, readFileSync(join(notes, name), "utf8"))).toEqual([]);
  }, 120_000);

  it("a folder named like a note, named on the command line, is searched and reported as empty", () => {
    const name = CASES.find((c) => c.name.includes("folder"))!.name;
    expect(existsSync(join(notes, name))).toBe(true);
    const r = cli([`notes/${name}`, "--format", "json"], { cwd: tmp });
    expect(r.status).toBe(2);
    const res = (JSON.parse(r.stdout) as ReportJson).results;
    expect(res).toEqual([{ file: `notes/${name}`, status: "error", error: "no files matched (searched for *.txt)", rules: [] }]);
  });

  it("a FIFO named on the command line is refused without being opened", () => {
    const name = CASES.find((c) => c.name.includes("fifo"))!.name;
    const r = cli([`notes/${name}`, "--format", "json"], { cwd: tmp });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect((JSON.parse(r.stdout) as ReportJson).results[0]).toMatchObject({ status: "error", error: "not a regular file (FIFO)" });
  });
});
