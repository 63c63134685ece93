/**
 * The report formats through the built CLI on fixtures/corpus (issue 5): each machine format is
 * parsed and checked against the JSON report of the same run; --output is atomic; --quiet lists
 * only failing notes; Ctrl-C during a long batch exits promptly and never leaves half a report.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESC, ROOT, STACK_LINE, buildOnce, cleanEnv, cli } from "./cli-helpers.ts";

const CORPUS = "fixtures/corpus";

interface RuleJson {
  id: string;
  severity: "error" | "warning";
  status: "pass" | "fail";
}
interface FileJson {
  file: string;
  status: "pass" | "fail" | "error";
  error?: string;
  rules: RuleJson[];
}
interface ReportJson {
  results: FileJson[];
  summary: { files: number; passed: number; failed: number; errors: number };
}

let tmp: string;
let report: ReportJson;
let jsonStdout: string;

beforeAll(() => {
  const failure = buildOnce();
  if (failure) console.warn(`tsc reported errors (dist was still emitted):\n${failure.slice(0, 2000)}`);
  tmp = mkdtempSync(join(tmpdir(), "cpt-check-formats-"));
  const r = cli([CORPUS, "--format", "json"]);
  expect(r.status).toBe(1);
  jsonStdout = r.stdout;
  report = JSON.parse(r.stdout) as ReportJson;
  expect(report.results.length).toBeGreaterThanOrEqual(40);
}, 200_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function run(format: string, extra: string[] = []) {
  const r = cli([CORPUS, "--format", format, ...extra]);
  expect(r.error).toBeUndefined();
  expect(r.status).toBe(1);
  expect(r.stderr).toBe("");
  expect(r.stdout).not.toContain(ESC);
  return r.stdout;
}

/** (file, rule id) of every failed rule in the JSON report, in report order. */
const failedRules = () => report.results.flatMap((f) => f.rules.filter((r) => r.status === "fail").map((r) => `${f.file} ${r.id}`));

describe("--format sarif", () => {
  interface SarifResult {
    ruleId?: string;
    rule?: { id: string };
    ruleIndex?: number;
    level?: string;
    message: { text?: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number } } }[];
  }
  let sarif: { version: string; $schema?: string; runs: { tool: { driver: { name: string; rules?: { id: string }[] } }; results: SarifResult[] }[] };

  beforeAll(() => {
    sarif = JSON.parse(run("sarif"));
  }, 60_000);

  it("has SARIF 2.1.0's required top-level fields", () => {
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    expect(typeof sarif.runs[0]!.tool.driver.name).toBe("string");
    expect(sarif.runs[0]!.tool.driver.name.length).toBeGreaterThan(0);
  });

  it("gives every result a message, a rule and a 1-based location", () => {
    const { results, tool } = sarif.runs[0]!;
    for (const res of results) {
      expect(typeof res.message.text === "string" && res.message.text.length > 0).toBe(true);
      expect(res.ruleId ?? res.rule?.id).toBeTruthy();
      if (res.ruleIndex !== undefined) expect(tool.driver.rules?.[res.ruleIndex]?.id).toBe(res.ruleId);
      expect(res.locations.length).toBeGreaterThan(0);
      for (const loc of res.locations) {
        expect(loc.physicalLocation.artifactLocation.uri.length).toBeGreaterThan(0);
        const region = loc.physicalLocation.region;
        expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
        expect(Number.isInteger(region.startColumn) && region.startColumn >= 1).toBe(true);
        if (region.endLine !== undefined) expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
      }
    }
  });

  it("has one result per failed rule of each note, at that note", () => {
    const got = sarif.runs[0]!.results.map(
      (r) => `${decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri)} ${r.ruleId ?? r.rule!.id}`,
    );
    expect(got).toEqual(failedRules());
  });
});

/** RFC 4180: records end in CRLF; a field is bare or quoted with "" for a quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`quote inside a bare field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
      continue;
    }
    throw new Error(`expected , or CRLF at offset ${i}`);
  }
  if (row.length > 0) throw new Error("last record does not end in CRLF");
  return rows;
}

describe("--format csv", () => {
  it("parses as RFC 4180 with one row per note and a column per rule", () => {
    const rows = parseCsv(run("csv"));
    const ids = report.results[0]!.rules.map((r) => r.id);
    expect(rows[0]).toEqual(["file", "status", ...ids, "error"]);
    const body = rows.slice(1);
    expect(body).toHaveLength(report.results.length);
    body.forEach((row, i) => {
      const f = report.results[i]!;
      expect(row).toHaveLength(ids.length + 3);
      expect(row[0]).toBe(f.file);
      expect(row[1]).toBe(f.status);
      expect(row.slice(2, -1)).toEqual(ids.map((id) => f.rules.find((r) => r.id === id)?.status ?? ""));
      expect(row[row.length - 1]).toBe(f.error ?? "");
    });
  });

  it("is written as the batch runs: the same on workers as in process", () => {
    const inProcess = run("csv");
    expect(run("csv", ["--concurrency", "2"])).toBe(inProcess);
  }, 60_000);

  it("has the pack's rule columns even when no note could be read", () => {
    const dir = join(tmp, "csv-unreadable");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "scan.txt"), Buffer.from([0, 1, 2, 0, 0xff, 0]));
    const r = cli([dir, "--format", "csv"]);
    expect(r.status).toBe(2);
    const rows = parseCsv(r.stdout);
    expect(rows[0]).toEqual(["file", "status", ...report.results[0]!.rules.map((x) => x.id), "error"]);
    expect(rows[1]![1]).toBe("error");
  });
});

describe("text to a file or a pipe (written as the batch runs)", () => {
  it("is the same on workers as in process, and in --output", () => {
    const inProcess = run("text");
    expect(inProcess).toMatch(/notes: \d+ passed, \d+ failed/);
    expect(run("text", ["--concurrency", "2"])).toBe(inProcess);
    const out = join(tmp, "report.txt");
    expect(cli([CORPUS, "--output", out, "--concurrency", "2"]).status).toBe(1);
    expect(readFileSync(out, "utf8")).toBe(inProcess);
  }, 60_000);
});

describe("on a terminal (a pseudo-terminal made by script(1))", () => {
  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
  /** What a batch writes to the terminal: stdout and stderr share it. */
  const onTerminal = (args: string[]) => {
    const command = [process.execPath, join(ROOT, "bin/cpt-check.js"), ...args].map((a) => `'${a}'`).join(" ");
    const r = spawnSync("script", ["-qec", `stty cols 100 rows 40; ${command}`, "/dev/null"], { cwd: ROOT, env: cleanEnv(), encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(1);
    return r.stdout;
  };
  // A drawn bar: a carriage return, the bar and its counts, erase-to-end-of-line.
  const DRAWN = /\r\[[#-]+\][^\r\n]*\u001b\[K/g;
  const BAR_THEN_TEXT = /\r\[[#-]+\][^\r\n]*\u001b\[K(?!\r)/;
  /** The screen without the bar's draws and clears, with the terminal's CRLF as LF. */
  const report = (screen: string) => screen.replace(/\r[^\r\n]*?\u001b\[K/g, "").replace(/\r\n/g, "\n");

  it.skipIf(!hasScript)("a report written as the batch runs: the bar is cleared before each note's part and drawn again below it", () => {
    for (const format of ["text", "jsonl", "csv"]) {
      const screen = onTerminal([CORPUS, "--format", format, "--concurrency", "off", "--no-color"]);
      if (format === "text") {
        // Only failing notes shown: the bar stays where nothing is written.
        const quiet = onTerminal([CORPUS, "--quiet", "--concurrency", "off", "--no-color"]);
        expect(quiet).not.toMatch(BAR_THEN_TEXT);
        expect(report(quiet)).toBe(run("text", ["--quiet"]));
      }
      expect(screen.match(DRAWN)?.length ?? 0, format).toBeGreaterThan(3);
      expect(screen, format).not.toMatch(BAR_THEN_TEXT);
      // The report as a pipe gets it; a machine format is followed by the summary on stderr.
      const shown = report(screen);
      if (format === "text") expect(shown).toBe(run(format));
      else {
        expect(shown.startsWith(run(format)), format).toBe(true);
        expect(shown.slice(run(format).length), format).toMatch(/^\d+ notes checked/);
      }
    }
  }, 60_000);

  it.skipIf(!hasScript)("a report sent to a file keeps the bar, and the terminal gets nothing else", () => {
    const screen = onTerminal([CORPUS, "--format", "jsonl", "--output", join(tmp, "bar.jsonl"), "--concurrency", "off"]);
    expect(screen).toMatch(DRAWN);
    expect(report(screen)).toMatch(/^\s*(?:\d+ notes checked|$)/);
  }, 60_000);
});

describe("sarif and junit of a batch on workers (each note's part made as it comes)", () => {
  it.each(["sarif", "junit"])("%s: the same on workers as in process", (format) => {
    expect(run(format, ["--concurrency", "2"])).toBe(run(format));
  }, 60_000);
});

describe("--format junit", () => {
  let xml: string;
  beforeAll(() => {
    xml = run("junit");
  }, 60_000);

  it("is balanced XML", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w-]*)(?:\s[^<>]*?)?(\/?)>/g)) {
      const [, close, name, selfClosing] = m;
      if (selfClosing) continue;
      if (close) expect(stack.pop(), `</${name}> without its opening tag`).toBe(name);
      else stack.push(name!);
    }
    expect(stack).toEqual([]);
    // Only tags, text and entity references: no stray < or &.
    expect(xml.replace(/<[^<>]*>/g, "")).not.toMatch(/[<>]|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
  });

  it("has one testsuite per note and one testcase per note and rule", () => {
    const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => unescape(m[1]!));
    expect(suites).toEqual(report.results.map((f) => f.file));
    const cases = [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${unescape(m[1]!)} ${unescape(m[2]!)}`);
    expect(cases).toEqual(report.results.flatMap((f) => f.rules.map((r) => `${f.file} ${r.id}`)));
    const failures = report.results.reduce((n, f) => n + f.rules.filter((r) => r.status === "fail" && r.severity === "error").length, 0);
    expect([...xml.matchAll(/<failure /g)]).toHaveLength(failures);
    expect(xml).toMatch(new RegExp(`<testsuites [^>]*tests="${cases.length}" failures="${failures}" errors="0"`));
  });
});

describe("--format jsonl", () => {
  it("writes one line per note, each the note's results[] object", () => {
    const out = run("jsonl");
    expect(out.endsWith("\n")).toBe(true);
    const lines = out.slice(0, -1).split("\n");
    expect(lines).toHaveLength(report.results.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(report.results);
  });
});

describe("--output", () => {
  it("writes the same report as stdout, with no temporary file left beside it", () => {
    const dir = join(tmp, "out-plain");
    mkdirSync(dir);
    const out = join(dir, "report.json");
    writeFileSync(out, "stale content that must be replaced");
    const r = cli([CORPUS, "--format", "json", "--output", out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(jsonStdout);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("reports a folder that does not exist as a one-line error, exit 2", () => {
    const r = cli([CORPUS, "--format", "json", "--output", join(tmp, "no-such-dir", "report.json")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^cpt-check: cannot write .*report\.json: ENOENT\n$/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it("never lets a reader see a partial report while the batch runs", async () => {
    const notes = join(tmp, "notes-500");
    copyCorpus(notes, 10);
    const dir = join(tmp, "out-watched");
    mkdirSync(dir);
    const out = join(dir, "report.json");
    const child = spawn(process.execPath, [join(ROOT, "bin/cpt-check.js"), notes, "--format", "json", "--output", out], { cwd: ROOT, env: cleanEnv() });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));
    // Poll as fast as the event loop allows: whenever the file is there, it is a whole report.
    while (!done) {
      if (existsSync(out)) {
        let text: string | undefined;
        try {
          text = readFileSync(out, "utf8");
        } catch {
          text = undefined; // renamed away between the two calls: nothing was seen
        }
        if (text !== undefined) expect(() => JSON.parse(text!), "a reader saw a partial report").not.toThrow();
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await exited).toBe(1);
    expect((JSON.parse(readFileSync(out, "utf8")) as ReportJson).results).toHaveLength(report.results.length * 10);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  }, 120_000);
});

describe("--quiet", () => {
  it("lists only the failing notes, then the summary", () => {
    const r = cli([CORPUS, "--quiet", "--no-color"]);
    expect(r.status).toBe(1);
    const headings = [...r.stdout.matchAll(/^(\S.*?)  (PASS|FAIL|ERROR)$/gm)].map((m) => [m[1], m[2]]);
    const failing = report.results.filter((f) => f.status !== "pass");
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.length).toBeLessThan(report.results.length);
    expect(headings).toEqual(failing.map((f) => [f.file, f.status.toUpperCase()]));
    const { files, passed, failed } = report.summary;
    expect(r.stdout).toContain(`${files} notes: ${passed} passed, ${failed} failed, 0 errors`);
  });
});

it("a batch whose stdout is closed early (| head -1) exits quietly", () => {
  const r = spawnSync("bash", ["-c", `node bin/cpt-check.js ${CORPUS} --no-color | head -1 > /dev/null`], {
    cwd: ROOT, encoding: "utf8", env: cleanEnv(), timeout: 60_000,
  });
  expect(r.stderr).toBe("");
}, 70_000);

it("the whole report reaches a slow reader of a non-blocking pipe", () => {
  // Reports go out with writeSync on descriptor 1 (report/stdout.ts). A non-blocking pipe that
  // fills up answers EAGAIN; the rest must then go through the stream, in order, not be lost.
  const reader = String.raw`
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
p = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
time.sleep(1.5)
out = b""
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    out += chunk
sys.stdout.buffer.write(out)
sys.exit(p.wait())
`;
  for (const format of ["json", "text"]) {
    const r = spawnSync("python3", ["-c", reader, process.execPath, "bin/cpt-check.js", CORPUS, "--format", format, "--no-color"], {
      cwd: ROOT, encoding: "utf8", env: cleanEnv(), timeout: 60_000, maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(128 * 1024); // more than a pipe holds
    expect(r.stdout).toBe(format === "json" ? jsonStdout : cli([CORPUS, "--no-color"]).stdout);
  }
}, 70_000);

/** `copies` copies of every corpus note into `dir` (created), under distinct names. */
function copyCorpus(dir: string, copies: number): number {
  mkdirSync(dir, { recursive: true });
  const files = readdirSync(join(ROOT, CORPUS)).filter((f) => f.endsWith(".txt"));
  for (let i = 0; i < copies; i++) {
    for (const f of files) copyFileSync(join(ROOT, CORPUS, f), join(dir, `${String(i).padStart(3, "0")}-${f}`));
  }
  return files.length * copies;
}

describe("json and jsonl written as the batch runs: workers format their own results", () => {
  let dir: string;
  beforeAll(() => {
    dir = join(tmp, "notes-for-workers");
    copyCorpus(dir, 3);
    writeFileSync(join(dir, "zz-empty.txt"), ""); // an error result among them
    // Quoted words beyond Latin-1, a file name beyond the Basic Multilingual Plane, and a line
    // separator (escaped in JSON): workers send their reports as UTF-8 bytes.
    writeFileSync(
      join(dir, "zz-unicode-café-🙂.txt"),
      "INDICATIONS: Left facial paralysis after resection of an acoustic neuroma – House–Brackmann VI.\n" +
        "The patient’s café job 🙂 suffers: she cannot close the left eye\u2028and drools.\n" +
        "PROCEDURE: The hypoglossal nerve was identified and coapted to the facial nerve under the microscope.\n",
    );
  }, 60_000);

  it.each([
    ["json", []],
    ["jsonl", []],
    ["json", ["--redact"]],
    ["jsonl", ["--redact"]],
  ] as const)("--format %s %j: byte-identical on worker threads and in process", (format, extra) => {
    const run = (concurrency: string) =>
      spawnSync(process.execPath, [join(ROOT, "bin/cpt-check.js"), dir, "--format", format, "--concurrency", concurrency, ...extra], {
        cwd: tmp,
        env: cleanEnv(),
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
    const here = run("off");
    const workers = run("2");
    expect(here.status).toBe(2); // the empty note
    expect(workers.status).toBe(2);
    expect(workers.stdout).toBe(here.stdout);
    expect(here.stdout.length).toBeGreaterThan(1000);
    if (extra.length > 0) expect(workers.stdout).not.toContain('"text"');
    else expect(workers.stdout).toContain("House–Brackmann VI");
    expect(workers.stdout).toContain("zz-unicode-café-🙂.txt");
    // The same bytes through --output (a file written in chunks, then renamed into place).
    const out = join(tmp, `workers-out.${format}`);
    const toFile = spawnSync(process.execPath, [join(ROOT, "bin/cpt-check.js"), dir, "--format", format, "--concurrency", "2", "--output", out, ...extra], {
      cwd: tmp,
      env: cleanEnv(),
      encoding: "utf8",
    });
    expect(toFile.status).toBe(2);
    expect(readFileSync(out, "utf8")).toBe(here.stdout);
  }, 60_000);
});

describe("Ctrl-C during a long batch", () => {
  let big: string;
  let count: number;
  beforeAll(() => {
    big = join(tmp, "notes-3000");
    count = copyCorpus(big, Math.ceil(3000 / report.results.length));
  }, 60_000);

  /** Starts a batch, sends SIGINT after `delay` ms, and waits (at most `limit` ms) for the exit. */
  async function interrupt(extra: string[], delay: number, limit = 5_000) {
    const child = spawn(process.execPath, [join(ROOT, "bin/cpt-check.js"), big, "--format", "json", ...extra], { cwd: tmp, env: cleanEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("close", (code, signal) => resolve({ code, signal })),
    );
    await new Promise((r) => setTimeout(r, delay));
    const sentAt = Date.now();
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGKILL"), limit);
    const result = await exit;
    clearTimeout(timer);
    return { ...result, after: Date.now() - sentAt, stdout, stderr };
  }

  it.each([
    ["in process", ["--concurrency", "off"]],
    ["on worker threads", ["--concurrency", "2"]],
  ])("stops promptly (%s) and writes no partial --output file", async (_label, flags) => {
    const dir = join(tmp, `sigint-${flags.join("")}`);
    mkdirSync(dir);
    const out = join(dir, "out.json");
    const r = await interrupt([...flags, "--output", out], 300);
    expect(r.signal === "SIGINT" || r.code === 130, `exit code ${r.code}, signal ${r.signal}`).toBe(true);
    expect(r.signal).not.toBe("SIGKILL");
    expect(r.after).toBeLessThan(5_000);
    if (r.code === 130) expect(r.stderr).toMatch(/interrupted; no report written/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    if (existsSync(out)) expect((JSON.parse(readFileSync(out, "utf8")) as ReportJson).results).toHaveLength(count);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 30_000);

  it.each([
    ["in process", ["--concurrency", "off"]],
    ["on worker threads", ["--concurrency", "2"]],
  ])("jsonl, which is written as the batch runs: no partial --output file either (%s)", async (_label, flags) => {
    const dir = join(tmp, `sigint-jsonl-${flags.join("")}`);
    mkdirSync(dir);
    const out = join(dir, "out.jsonl");
    const r = await interrupt([...flags, "--format", "jsonl", "--output", out], 300);
    expect(r.signal === "SIGINT" || r.code === 130, `exit code ${r.code}, signal ${r.signal}`).toBe(true);
    if (r.code === 130) expect(r.stderr).toMatch(/interrupted; no report written/);
    if (existsSync(out)) expect(readFileSync(out, "utf8").trimEnd().split("\n")).toHaveLength(count);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 30_000);

  it("jsonl on stdout: what was written before an interruption is whole lines, in input order", async () => {
    const full = spawnSync(process.execPath, [join(ROOT, "bin/cpt-check.js"), big, "--format", "jsonl", "--concurrency", "2"], {
      cwd: tmp,
      env: cleanEnv(),
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    }).stdout.split("\n");
    const r = await interrupt(["--format", "jsonl", "--concurrency", "2"], 800);
    expect(r.signal === "SIGINT" || r.code === 130, `exit code ${r.code}, signal ${r.signal}`).toBe(true);
    if (r.code === 130) expect(r.stderr).toMatch(/interrupted; the results before the interruption were written/);
    const lines = r.stdout.split("\n");
    expect(lines.pop()).toBe(""); // ends with a complete line
    expect(lines).toEqual(full.slice(0, lines.length));
  }, 60_000);

  it("json on stdout (written as the batch runs): an interrupted report never parses as a complete one", async () => {
    const r = await interrupt([], 800);
    expect(r.signal === "SIGINT" || r.code === 130, `exit code ${r.code}, signal ${r.signal}`).toBe(true);
    if (r.code === 130) expect(r.stderr).toMatch(/interrupted; the report on standard output is incomplete/);
    let parsed: ReportJson | undefined;
    try {
      parsed = JSON.parse(r.stdout) as ReportJson;
    } catch {
      // unterminated: what a reader must see for a report that stopped early
    }
    if (parsed) expect(parsed.results).toHaveLength(count);
  }, 30_000);
});
