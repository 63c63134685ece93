/**
 * Stream mode (`--jsonl`, issue 5) through the built CLI: one result line per record line, in
 * order; a bad line becomes an error result for that line only; blank lines are skipped (they
 * still count for the line numbers in messages); and because each output line depends only on its
 * input line, GNU parallel --pipe -k gives byte-for-byte the output of a single process.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, STACK_LINE, buildOnce, cleanEnv, cli } from "./cli-helpers.ts";
import { spanProblems } from "./span-helpers.ts";

const MARKER = "ZQXMARKER";
const sample = readFileSync(join(ROOT, "fixtures/sample-note.txt"), "utf8");
const failing = readFileSync(join(ROOT, "fixtures/corpus/fail-only-postop-progress.txt"), "utf8");

interface Span {
  text?: string;
  trigger?: string;
  line: number;
  column: number;
  start: number;
  end: number;
}
interface StreamResult {
  id: string | number | null;
  file?: string;
  status: "pass" | "fail" | "error";
  error?: string;
  rules: { id: string; status: string; evidence: Span[]; ignored: Span[] }[];
}

const record = (id: unknown, text: unknown) => JSON.stringify({ id, text });

function stream(input: string, args: string[] = []) {
  const r = cli(["--jsonl", ...args], { input });
  expect(r.error, "the stream did not finish").toBeUndefined();
  expect(r.stderr).not.toMatch(STACK_LINE);
  const lines = r.stdout === "" ? [] : r.stdout.replace(/\n$/, "").split("\n");
  expect(r.stdout === "" || r.stdout.endsWith("\n")).toBe(true);
  return { ...r, lines, results: lines.map((l) => JSON.parse(l) as StreamResult) };
}

beforeAll(() => {
  const failure = buildOnce();
  if (failure) console.warn(`tsc reported errors (dist was still emitted):\n${failure.slice(0, 2000)}`);
}, 200_000);

describe("--jsonl", () => {
  it("writes N lines for N records, in order, with the input id in place of file", () => {
    const notes = [
      { id: "a", text: `${sample}\n${MARKER}` },
      { id: 2, text: `${failing}\n${MARKER}` },
      { id: "c", text: "Right facial paralysis." },
      { id: "d\u2028e", text: `line one\u2028line two ${MARKER}\u2029 third` },
    ];
    const r = stream(notes.map((n) => record(n.id, n.text)).join("\n") + "\n");
    expect(r.lines).toHaveLength(notes.length);
    expect(r.results.map((x) => x.id)).toEqual(notes.map((n) => n.id));
    expect(r.results.map((x) => x.status)).toEqual(["pass", "fail", "fail", "fail"]);
    for (const x of r.results) expect(x).not.toHaveProperty("file");
    r.results.forEach((x, i) => expect(spanProblems(x, notes[i]!.text)).toEqual([]));
    expect(r.status).toBe(1);
  });

  it("exits 0 when every note passes", () => {
    const r = stream(record("a", sample) + "\n" + record("b", sample));
    expect(r.results.map((x) => x.status)).toEqual(["pass", "pass"]);
    expect(r.status).toBe(0);
  });

  it("turns each bad line into an error result for that line only, and exits 2", () => {
    const input = [
      record("ok-1", sample), // line 1
      "{not json", // 2
      "[1, 2]", // 3
      '"a string"', // 4
      "null", // 5
      JSON.stringify({ id: "no-text" }), // 6
      JSON.stringify({ id: "text-not-string", text: 42 }), // 7
      record("empty", ""), // 8
      record("blank", " \n\t "), // 9
      JSON.stringify({ id: { nested: true }, text: "Bell's palsy." }), // 10: an id that is not a string or number
      record("ok-2", failing), // 11
    ].join("\n");
    const r = stream(input);
    expect(r.status).toBe(2);
    expect(r.results.map((x) => [x.id, x.status])).toEqual([
      ["ok-1", "pass"],
      [null, "error"],
      [null, "error"],
      [null, "error"],
      [null, "error"],
      ["no-text", "error"],
      ["text-not-string", "error"],
      ["empty", "error"],
      ["blank", "error"],
      [null, "fail"],
      ["ok-2", "fail"],
    ]);
    const errors = r.results.map((x) => x.error);
    expect(errors[1]).toBe("line 2: not valid JSON");
    for (const i of [2, 3, 4]) expect(errors[i]).toMatch(new RegExp(`^line ${i + 1}: expected an object`));
    expect(errors[5]).toBe('line 6: "text" must be a string');
    expect(errors[6]).toBe('line 7: "text" must be a string');
    expect(errors[7]).toMatch(/empty note/);
    expect(errors[8]).toMatch(/empty note/);
    for (const x of r.results) if (x.status === "error") expect(x.rules).toEqual([]);
    expect(r.results[0]!.error).toBeUndefined();
  });

  it("never quotes a malformed line in its error", () => {
    const r = stream([`{"id": "x", "text": "${MARKER} unterminated`, `[${JSON.stringify(MARKER)}]`, `{"id": 1, "text": ["${MARKER}"]}`].join("\n"));
    expect(r.results.every((x) => x.status === "error")).toBe(true);
    expect(r.stdout).not.toContain(MARKER);
    expect(r.stderr).not.toContain(MARKER);
  });

  // src/stream.ts skips a line that is empty or only whitespace: no output line, but the line
  // numbers in later error messages still count it, so they point at the right input line.
  it("skips blank and whitespace-only lines, keeping physical line numbers in messages", () => {
    const input = ["", record("a", sample), "", "   \t", record("b", failing), "", "{oops", "", ""].join("\n");
    const r = stream(input);
    expect(r.results.map((x) => x.id)).toEqual(["a", "b", null]);
    expect(r.results[2]!.error).toBe("line 7: not valid JSON");
  });

  it("produces nothing and exits 0 for empty input", () => {
    const r = stream("");
    expect(r.lines).toEqual([]);
    expect(r.status).toBe(0);
  });

  it("reads CRLF line ends and a last line without a newline", () => {
    const lf = stream([record("a", sample), record("b", failing)].join("\n") + "\n");
    const crlf = stream([record("a", sample), record("b", failing)].join("\r\n"));
    expect(crlf.stdout).toBe(lf.stdout);
  });

  it("tolerates a UTF-8 byte order mark before the first record (Notepad, PowerShell)", () => {
    const r = stream("\ufeff" + record("a", sample) + "\n" + record("b", sample) + "\n");
    expect(r.results.map((x) => [x.id, x.status])).toEqual([["a", "pass"], ["b", "pass"]]);
  });

  it("an empty note is an error named by its id, without a line number (which would differ under GNU parallel)", () => {
    const r = stream(record("a", sample) + "\n" + record("d", "  ") + "\n");
    expect(r.results[1]).toMatchObject({ id: "d", status: "error", error: "empty note" });
  });

  it("--redact removes every quoted word and keeps the positions", () => {
    const notes = [`${sample}\n${MARKER} note`, `${failing}\nNo ${MARKER} physical therapy was given.`];
    const input = notes.map((t, i) => record(`n${i}`, t)).join("\n");
    const plain = stream(input);
    const red = stream(input, ["--redact"]);
    expect(red.status).toBe(plain.status);
    expect(red.stdout).not.toContain(MARKER);
    red.results.forEach((x, i) => {
      expect(spanProblems(x, notes[i]!, { redacted: true })).toEqual([]);
      for (const rule of x.rules) for (const s of rule.ignored) expect(s).not.toHaveProperty("trigger");
    });
    // The same findings, with only the words removed.
    const strip = (x: StreamResult) =>
      x.rules.map((rule) => ({
        ...rule,
        evidence: rule.evidence.map(({ text: _t, ...s }) => s),
        ignored: rule.ignored.map(({ text: _t, trigger: _g, ...s }) => s),
      }));
    expect(red.results.map(strip)).toEqual(plain.results.map(strip));
    // Something was quoted before redaction, or the comparison proves nothing.
    expect(plain.stdout).toContain('"text":');
    expect(red.stdout).not.toContain('"text":');
  });

  it("gets through a 20,000-line stream with one result per line, in order", () => {
    const n = 20_000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      lines.push(record(`n${i}`, `Right complete facial paralysis after Bell's palsy, House-Brackmann VI. Note ${i}. No improvement despite ${i % 12} months of physical therapy.`));
    }
    const r = stream(lines.join("\n") + "\n");
    expect(r.lines).toHaveLength(n);
    expect(r.results.every((x, i) => x.id === `n${i}`)).toBe(true);
    expect(r.results.every((x) => x.status === "fail")).toBe(true);
    expect(r.status).toBe(1);
  }, 180_000);

  it("stops quietly when stdout is closed early (| head -1)", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => record(`n${i}`, sample)).join("\n") + "\n";
    const r = spawnSync("bash", ["-c", "node bin/cpt-check.js --jsonl | head -1 > /dev/null; echo \"${PIPESTATUS[0]}\""], {
      cwd: ROOT, input: lines, encoding: "utf8", env: cleanEnv(), timeout: 120_000, maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.stderr).toBe("");
    expect(["0", "1"]).toContain(r.stdout.trim());
  }, 130_000);
});

const hasParallel = spawnSync("parallel", ["--version"], { encoding: "utf8" }).status === 0;

describe("GNU parallel --pipe", () => {
  it.skipIf(!hasParallel)("splitting the stream over two processes gives byte-identical output", () => {
    // 300 records of about 1 kB, cut from the two notes in different orders, so that 20 kB blocks
    // split the stream at varying places.
    const parts = [...sample.split("\n\n"), ...failing.split("\n\n")];
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) {
      const text = [parts[i % parts.length], parts[(i * 7) % parts.length], parts[(i * 13 + 5) % parts.length]].join("\n\n");
      lines.push(record(i % 5 === 0 ? i : `p${i}`, i % 37 === 0 ? "" : text));
    }
    const input = lines.join("\n") + "\n";
    const opts = { cwd: ROOT, env: cleanEnv(), encoding: "utf8" as const, input, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 };
    const single = spawnSync("bash", ["-c", "node bin/cpt-check.js --jsonl"], opts);
    const split = spawnSync("bash", ["-c", "parallel --will-cite --pipe -k --block 20k -j 2 node bin/cpt-check.js --jsonl"], opts);
    expect(single.error).toBeUndefined();
    expect(split.error).toBeUndefined();
    expect(single.stdout.split("\n")).toHaveLength(301);
    expect(split.stdout === single.stdout, "parallel output differs from a single process").toBe(true);
    expect(split.stderr).not.toMatch(STACK_LINE);
  }, 180_000);
});
