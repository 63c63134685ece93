#!/usr/bin/env node
/**
 * Performance bench for the built CLI (run `npm run bench`, which builds first).
 *
 *   node scripts/bench.js [--quick] [--corpus DIR] [--seed S] [--only throughput|cold|rss|size]
 *
 * Prints one Markdown table on stdout (progress goes to stderr): batch throughput, cold start
 * against `node -e 0`, peak RSS of a long --jsonl stream, and how time grows with note size.
 * A missed target is reported, not fatal; a CLI crash (exit code other than 0/1, a signal, a
 * timeout or a wrong number of results) makes the bench exit 1.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateBigNote, generateNote, rngFor } from "./gen-notes.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(ROOT, "bin", "cpt-check.js");
const GEN = join(ROOT, "scripts", "gen-notes.js");
const NODE = process.execPath;
const TIMEOUT_MS = 15 * 60 * 1000;

const TARGETS = { notesPerSec: 2000, coldRatio: 1.5, rssMb: 250, sizeRatio: 150 };

const USAGE = "usage: node scripts/bench.js [--quick] [--corpus DIR] [--seed S] [--only throughput|cold|rss|size]\n";
const PARTS = ["throughput", "cold", "rss", "size"];

function parseArgs(argv) {
  const a = { quick: false, corpus: undefined, seed: 1, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--quick") a.quick = true;
    else if (argv[i] === "--corpus") a.corpus = argv[++i];
    else if (argv[i] === "--seed") a.seed = Number(argv[++i]);
    else if (argv[i] === "--only") a.only = argv[++i];
    else if (argv[i] === "-h" || argv[i] === "--help") a.help = true;
    else return { error: `unknown argument "${argv[i]}"` };
  }
  if (a.corpus !== undefined && !existsSync(a.corpus)) return { error: `--corpus folder not found: ${a.corpus}` };
  if (!Number.isInteger(a.seed)) return { error: "--seed needs a whole number" };
  if (a.only !== undefined && !PARTS.includes(a.only)) return { error: `--only takes one of ${PARTS.join(", ")}` };
  return a;
}

const log = (msg) => process.stderr.write(`bench: ${msg}\n`);
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

class CliCrash extends Error {}

/** The CLI's own one-line messages carry no note text; anything else is not repeated. */
function why(stderr) {
  const first = stderr.split("\n")[0];
  return first.startsWith("cpt-check:") ? ` (${first.slice(0, 160)})` : stderr ? " (stderr not shown: it may quote a note)" : "";
}

/**
 * Run a command; stdout is drained and its lines counted (never kept), only the first line of
 * stderr is kept, to say how a crash ended. Resolves with wall time in ms.
 */
function run(cmd, args, { stdin = "ignore", label, allowCodes = [0, 1], expectLines, markAt, env = process.env } = {}) {
  return new Promise((resolveRun, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: [stdin, "pipe", "pipe"], cwd: ROOT, env });
    let lines = 0;
    let markMs; // when the markAt-th line had come
    let errHead = "";
    child.stdout.on("data", (buf) => {
      for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) lines++;
      if (markAt !== undefined && markMs === undefined && lines >= markAt) markMs = Number(process.hrtime.bigint() - t0) / 1e6;
    });
    child.stderr.on("data", (buf) => {
      if (errHead.length < 300) errHead += buf.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new CliCrash(`${label}: could not start (${e.code ?? e.message})`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (signal) return reject(new CliCrash(`${label}: killed by ${signal}${signal === "SIGKILL" ? " (timeout?)" : ""}`));
      if (!allowCodes.includes(code)) return reject(new CliCrash(`${label}: exit code ${code}${why(errHead)}`));
      if (expectLines !== undefined && lines !== expectLines) return reject(new CliCrash(`${label}: ${lines} result lines for ${expectLines} notes`));
      resolveRun({ ms, code, lines, markMs });
    });
  });
}

function writeNotes(dir, count, seed) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `note-${String(i + 1).padStart(5, "0")}.txt`), generateNote(rngFor(seed, i)));
}

async function cliHasConcurrency() {
  return new Promise((res) => {
    const child = spawn(NODE, [CLI, "--help"], { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("close", () => res(out.includes("--concurrency")));
    child.on("error", () => res(false));
  });
}

/**
 * notes/s over a folder, median of `runs` runs (the notes were just written: no cache warm-up).
 * `steady` is the rate after the first tenth of the results: start-up and V8's warm-up left out,
 * which on a noisy machine says more about a change to the per-note work than the whole run.
 */
async function throughput(dir, notes, extra, runs, label) {
  const times = [];
  const steady = [];
  const markAt = Math.ceil(notes / 10);
  for (let r = 0; r < runs; r++) {
    log(`${label}: run ${r + 1}/${runs}`);
    const t = await run(NODE, [CLI, "--format", "jsonl", ...extra, dir], { label, expectLines: notes, markAt });
    times.push(t.ms);
    if (t.markMs !== undefined && t.ms > t.markMs) steady.push(((notes - markAt) / (t.ms - t.markMs)) * 1000);
  }
  const ms = median(times);
  return { ms, rate: (notes / ms) * 1000, steady: steady.length > 0 ? median(steady) : undefined, markAt };
}

/** Cold start: alternate `node -e 0` and a one-note check so that drift hits both alike. */
async function coldStart(file, runs, env = process.env) {
  const base = [];
  const cli = [];
  await run(NODE, ["-e", "0"], { label: "node -e 0", env });
  await run(NODE, [CLI, "--format", "json", file], { label: "cold start", env });
  for (let r = 0; r < runs; r++) {
    if (r % 5 === 0) log(`cold start: ${r + 1}/${runs}`);
    base.push((await run(NODE, ["-e", "0"], { label: "node -e 0", env })).ms);
    cli.push((await run(NODE, [CLI, "--format", "json", file], { label: "cold start", env })).ms);
  }
  return { base: median(base), cli: median(cli) };
}

/** How peak RSS of the CLI process itself is measured on this machine. */
async function rssProbe(tmp) {
  const gnuTime = "/usr/bin/time";
  if (existsSync(gnuTime)) {
    const out = join(tmp, "time-probe.txt");
    try {
      await run(gnuTime, ["-f", "%M", "-o", out, NODE, "-e", "0"], { label: "/usr/bin/time" });
      if (/^\d+\s*$/m.test(readFileSync(out, "utf8"))) return { kind: "/usr/bin/time -f %M" };
    } catch {
      /* not GNU time: fall back to the preload */
    }
  }
  // A preload that records the process's own maxRSS (KiB on Linux) as it exits.
  const preload = join(tmp, "rss-preload.mjs");
  writeFileSync(
    preload,
    'import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n',
  );
  return { kind: "process.resourceUsage (preload)", preload };
}

async function peakRss(probe, tmp, lines, seed) {
  const outFile = join(tmp, "rss.txt");
  const gen = spawn(NODE, [GEN, "--jsonl", String(lines), "--seed", String(seed)], { stdio: ["ignore", "pipe", "ignore"] });
  // "exit", not "close": the generator's stdout belongs to the CLI, so it never closes here.
  const genDone = new Promise((res) => gen.on("exit", (code) => res(code)));
  let cmd;
  let args;
  if (probe.preload) {
    process.env.BENCH_RSS_FILE = outFile;
    cmd = NODE;
    args = ["--import", `file://${probe.preload}`, CLI, "--jsonl"];
  } else {
    cmd = "/usr/bin/time";
    args = ["-f", "%M", "-o", outFile, NODE, CLI, "--jsonl"];
  }
  const running = run(cmd, args, { stdin: gen.stdout, label: "jsonl stream", expectLines: lines });
  gen.stdout.destroy(); // the CLI holds its own copy of the pipe; ours would only keep it open
  const res = await running;
  const genCode = await genDone;
  if (genCode !== 0) throw new Error(`note generator exited with ${genCode}`);
  const kib = Number(readFileSync(outFile, "utf8").trim().split("\n").pop());
  return { mb: kib / 1024, ms: res.ms };
}

async function sizeScaling(tmp, seed, runs) {
  const out = {};
  for (const [name, size] of [["10 KB", 10 * 1024], ["100 KB", 100 * 1024], ["1 MB", 1024 * 1024]]) {
    const file = join(tmp, `big-${size}.txt`);
    writeFileSync(file, generateBigNote(rngFor(seed, 7), size));
    const times = [];
    for (let r = 0; r < runs; r++) {
      log(`one ${name} note: run ${r + 1}/${runs}`);
      const fd = openSync(file, "r");
      try {
        times.push((await run(NODE, [CLI, "-", "--format", "json"], { stdin: fd, label: `${name} note` })).ms);
      } finally {
        closeSync(fd);
      }
    }
    out[name] = median(times);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || args.error) {
    if (args.error) process.stderr.write(`bench: ${args.error}\n`);
    (args.error ? process.stderr : process.stdout).write(USAGE);
    return args.error ? 2 : 0;
  }
  if (!existsSync(join(ROOT, "dist", "cli.js"))) {
    process.stderr.write("bench: dist/cli.js is missing; run `npm run build` (or `npm run bench`) first\n");
    return 2;
  }
  const sizes = args.quick ? { notes: 1000, stream: 10000, cold: 7 } : { notes: 10000, stream: 100000, cold: 21 };
  const tmp = mkdtempSync(join(tmpdir(), "cpt-check-bench-"));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  const rows = [];
  const mark = (ok) => (ok ? "✓" : "✗");
  let crashed = false;
  const attempt = async (name, fn) => {
    const part = name.startsWith("throughput") ? "throughput" : name === "cold start" ? "cold" : name === "peak RSS" ? "rss" : "size";
    if (args.only !== undefined && args.only !== part) return;
    try {
      await fn();
    } catch (e) {
      if (!(e instanceof CliCrash)) throw e;
      crashed = true;
      log(`CRASH ${e.message}`);
      rows.push([name, `crashed: ${e.message}`, "", "✗"]);
    }
  };
  try {
    log(`temp dir ${tmp}; ${cpus().length} CPUs; node ${process.version}`);
    const notesDir = join(tmp, "notes");
    if (args.only === undefined || args.only === "throughput") {
      log(`generating ${fmt(sizes.notes)} notes`);
      writeNotes(notesDir, sizes.notes, args.seed);
    }

    await attempt(`throughput, ${fmt(sizes.notes)} notes, --format jsonl`, async () => {
      const t = await throughput(notesDir, sizes.notes, [], 3, "throughput");
      rows.push([`throughput, ${fmt(sizes.notes)} notes, --format jsonl`, `${fmt(t.rate)} notes/s (${fmt(t.ms / 1000, 2)} s)`, `≥ ${fmt(TARGETS.notesPerSec)} notes/s`, mark(t.rate >= TARGETS.notesPerSec)]);
      if (t.steady !== undefined) {
        rows.push([`the same after the first ${fmt(t.markAt)} results (start-up and warm-up left out)`, `${fmt(t.steady)} notes/s`, "—", ""]);
      }
    });
    if (await cliHasConcurrency()) {
      // The row above uses the default (auto); this one shows a single process for comparison.
      await attempt("throughput, --concurrency off", async () => {
        const t = await throughput(notesDir, sizes.notes, ["--concurrency", "off"], 3, "throughput --concurrency off");
        rows.push([`throughput, ${fmt(sizes.notes)} notes, one process (--concurrency off)`, `${fmt(t.rate)} notes/s (${fmt(t.ms / 1000, 2)} s)`, "—", ""]);
      });
    } else log("the CLI has no --concurrency option: skipping that row");
    if (args.corpus) {
      await attempt("throughput, --corpus", async () => {
        const first = await run(NODE, [CLI, "--format", "jsonl", resolve(args.corpus)], { label: "corpus", allowCodes: [0, 1, 2] });
        // Exit 2 is allowed here: a real folder may hold an unreadable note, which is not a crash.
        const t = await throughputCounted(resolve(args.corpus), first.lines);
        rows.push([`throughput, corpus (${fmt(first.lines)} notes)`, `${fmt(t.rate)} notes/s (${fmt(t.ms / 1000, 2)} s)`, "—", ""]);
      });
    }

    await attempt("cold start", async () => {
      const note = join(tmp, "cold-4k.txt");
      writeFileSync(note, generateNote(rngFor(args.seed, 4096), { targetBytes: 4096, passRate: 1 }));
      const c = await coldStart(note, sizes.cold);
      const ratio = c.cli / c.base;
      rows.push([`cold start, one 4 KB note, median of ${sizes.cold}`, `${fmt(c.cli, 1)} ms vs node -e 0 ${fmt(c.base, 1)} ms = ${fmt(ratio, 2)}×`, `≤ ${TARGETS.coldRatio}×`, mark(ratio <= TARGETS.coldRatio)]);
      // NODE_EXTRA_CA_CERTS makes every Node.js process parse a certificate bundle as it starts
      // (tens of milliseconds), which flatters any ratio to node -e 0: show the ratio without it too.
      if (process.env.NODE_EXTRA_CA_CERTS) {
        const { NODE_EXTRA_CA_CERTS: _ca, ...bare } = process.env;
        log("cold start again without NODE_EXTRA_CA_CERTS");
        const b = await coldStart(note, sizes.cold, bare);
        const r2 = b.cli / b.base;
        rows.push([`cold start, the same without NODE_EXTRA_CA_CERTS`, `${fmt(b.cli, 1)} ms vs node -e 0 ${fmt(b.base, 1)} ms = ${fmt(r2, 2)}×`, `≤ ${TARGETS.coldRatio}×`, mark(r2 <= TARGETS.coldRatio)]);
      }
    });

    await attempt("peak RSS", async () => {
      const probe = await rssProbe(tmp);
      log(`peak RSS: ${fmt(sizes.stream)}-line --jsonl stream, measured with ${probe.kind}`);
      const r = await peakRss(probe, tmp, sizes.stream, args.seed);
      rows.push([`peak RSS, ${fmt(sizes.stream)}-line --jsonl stream`, `${fmt(r.mb, 1)} MB (${fmt((sizes.stream / r.ms) * 1000)} notes/s incl. generator)`, `≤ ${TARGETS.rssMb} MB`, mark(r.mb <= TARGETS.rssMb)]);
    });

    await attempt("note size scaling", async () => {
      const s = await sizeScaling(tmp, args.seed, 5);
      const ratio = s["1 MB"] / s["10 KB"];
      rows.push(["one note via stdin, median of 5", `10 KB ${fmt(s["10 KB"])} ms · 100 KB ${fmt(s["100 KB"])} ms · 1 MB ${fmt(s["1 MB"])} ms`, "—", ""]);
      rows.push(["time ratio 1 MB / 10 KB", `${fmt(ratio, 1)}×`, `≤ ${TARGETS.sizeRatio}×`, mark(ratio <= TARGETS.sizeRatio)]);
    });
  } finally {
    cleanup();
  }

  const out = ["| measure | result | target | |", "|---|---|---|---|", ...rows.map((r) => `| ${r.join(" | ")} |`)];
  process.stdout.write(`${out.join("\n")}\n`);
  return crashed ? 1 : 0;
}

/** Throughput over a real folder, whose note count is whatever the CLI reports. */
async function throughputCounted(dir, notes) {
  const times = [];
  for (let r = 0; r < 3; r++) {
    log(`corpus: run ${r + 1}/3`);
    times.push((await run(NODE, [CLI, "--format", "jsonl", dir], { label: "corpus", allowCodes: [0, 1, 2], expectLines: notes })).ms);
  }
  const ms = median(times);
  return { ms, rate: (notes / ms) * 1000 };
}

let finished = false;
process.on("exit", () => {
  // An emptied event loop with a promise still pending would otherwise look like success.
  if (!finished) {
    process.stderr.write("bench: stopped before finishing\n");
    process.exitCode = 1;
  }
});

main().then(
  (code) => {
    finished = true;
    process.exitCode = code;
  },
  (e) => {
    finished = true;
    process.stderr.write(`bench: ${e?.message ?? e}\n`);
    process.exitCode = 1;
  },
);
