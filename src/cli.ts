/**
 * The command line (SPEC.md, "Command line"). Exit codes: 0 every note passed, 1 a note failed a
 * required rule, 2 usage/configuration error or an unreadable input (2 wins over 1). User errors
 * are one line on stderr, never a stack trace. Modules a run does not need are loaded lazily:
 * hook authors call this once per note, so cold start matters.
 */
import { createRequire } from "node:module";
// CommonJS packages are loaded with require: importing them as ES modules makes Node parse them
// for named exports first, which costs a hook author's every run several milliseconds.
const require = createRequire(import.meta.url);
const { Command, CommanderError, Option } = require("commander") as typeof import("commander");
type Command = import("commander").Command;
import { readFileSync, statSync } from "node:fs";
import { PACKAGE_JSON } from "./paths.js";
import { parseConcurrency } from "./batch/concurrency.js";
import { deferOptimizer, enableOptimizer, expectOptimizerWork, OPTIMIZER_BUDGET_CHARS } from "./optimizer.js";
import { FORMATS } from "./report/index.js";
import { stdoutIsTerminal, writeOut } from "./report/stdout.js";
import { UserError, type FileResult, type Report } from "./types.js";
import type { FormatContext } from "./report/format-context.js";
import type { StreamFormat } from "./report/stream-format.js";
import type { InputEntry } from "./input/collect.js";
import type { RulePack } from "./rules/compile.js";

const PKG = JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { version: string };
export const VERSION = PKG.version;

interface CheckFlags {
  code: string;
  rules?: string;
  format: string;
  output?: string;
  quiet?: boolean;
  jsonl?: boolean;
  color?: boolean;
  redact?: boolean;
  explain?: boolean;
  ext: string[];
  ignorePattern: string[];
  maxSize: number;
  concurrency: "auto" | "off" | number;
  timeBudget: number;
}

function colorWanted(flags: { color?: boolean }, isTerminal: () => boolean): boolean {
  if (flags.color === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return isTerminal();
}

export function exitCodeFor(results: readonly Pick<FileResult, "status">[]): number {
  if (results.some((r) => r.status === "error")) return 2;
  if (results.some((r) => r.status === "fail")) return 1;
  return 0;
}

/** The files' sizes in bytes, added up until the sum reaches `atLeast` (a file that cannot be read counts 0). */
function sizeOfFiles(entries: readonly InputEntry[], atLeast: number): number {
  let sum = 0;
  for (let i = 0; i < entries.length && sum < atLeast; i++) {
    const e = entries[i]!;
    if (e.kind !== "file") continue;
    try {
      sum += statSync(e.abs).size;
    } catch {
      // reported when the note is read
    }
  }
  return sum;
}

async function runCheck(paths: string[], flags: CheckFlags): Promise<number> {
  const { loadRulePack } = await import("./rules/load.js");
  const pack = await loadRulePack(flags.rules ?? flags.code);
  if (flags.jsonl) {
    enableOptimizer(); // a stream is a pipeline's many records
    const { runStream } = await import("./stream.js");
    return runStream(pack, { redact: flags.redact === true, timeBudgetMs: flags.timeBudget });
  }
  if (paths.length === 0) throw new UserError("no input: give files, folders, glob patterns or - for standard input (see --help)");
  const { collectInputs } = await import("./input/collect.js");
  const entries = await collectInputs(paths, { cwd: process.cwd(), ext: flags.ext, ignorePatterns: flags.ignorePattern });
  expectOptimizerWork(sizeOfFiles(entries, OPTIMIZER_BUDGET_CHARS + 1));
  const { runBatch } = await import("./batch/run.js");
  const { createProgress } = await import("./batch/progress.js");
  // Text, JSON, JSON Lines and CSV are written as the batch runs, each result in input order as
  // soon as the ones before it are done; the batch then keeps only each result's outline, so memory
  // stays flat. SARIF and JUnit begin with what only the whole batch knows (rules, totals): each
  // note's part is made as it comes and kept, small, until the end. On a terminal each note's
  // part is written at once, with the progress bar cleared before it and drawn again below it.
  let terminal: boolean | undefined; // whether stdout is a terminal, asked once
  const onTerminal = (): boolean => (terminal ??= stdoutIsTerminal());
  const color = flags.format === "text" && !flags.output && colorWanted(flags, onTerminal);
  const textCtx = async () => {
    const styles = color ? await (await import("./report/styles.js")).chalkStyles() : undefined;
    return { color, quiet: flags.quiet === true, cwd: process.cwd(), explain: flags.explain === true, ...(styles ? { styles } : {}) };
  };
  const parts =
    flags.format === "text"
      ? await textParts(await textCtx(), flags.redact === true)
      : flags.format === "sarif" || flags.format === "junit"
        ? await collectedParts(flags.format, await textCtx(), flags.redact === true)
        : await streamingParts(flags.format, pack, flags.redact === true);
  const toTerminal = !flags.output && onTerminal();
  const { openSink } = await import("./report/sink.js");
  // Ctrl-C stops the batch cleanly: workers end, and no partial report file is written. The
  // handler is in place before the report's temporary file exists: until then Ctrl-C ends the
  // process at once (nothing to clean up), and from then on the handler removes the file.
  const { Stop } = await import("./batch/stop.js");
  const stop = new Stop();
  const onSigint = () => stop.abort();
  process.once("SIGINT", onSigint);
  // Kept until the report is complete: a Ctrl-C after the batch has no batch left to stop, and
  // the report is then finished (a whole file, renamed into place) rather than left half-written.
  try {
    let sink: ReturnType<typeof openSink> | undefined;
    let progress: ReturnType<typeof createProgress> | undefined;
    let written = 0;
    let results: FileResult[];
    try {
      const out = (sink = openSink(flags.output, undefined, { immediate: toTerminal }));
      out.write(parts.head);
      progress = createProgress(entries.length);
      const bar = progress;
      results = await runBatch(entries, {
        packRef: flags.rules ?? flags.code,
        pack,
        concurrency: flags.concurrency,
        maxSize: flags.maxSize,
        timeBudgetMs: flags.timeBudget,
        onResult: (done) => bar.tick(done),
        signal: stop.signal,
        // A slow reader of the report holds the batch back instead of its results piling up here.
        pause: out.backlog,
        // A worker's result comes formatted (`text`) in the formats workers write; one checked
        // here, or one of a format the main thread writes, is formatted here.
        onOrdered: (r: FileResult, _i: number, text?: string | Uint8Array) => {
          const first = written++ === 0;
          // A worker's bytes still need what goes before an item (json: a comma); text is joined here.
          const bytes = typeof text === "object" ? text : undefined;
          const piece = typeof text === "object" ? parts.join("", first) : parts.join(text ?? parts.item(r), first);
          if (piece === "" && bytes === undefined) return; // nothing to show (text --quiet, a passing note)
          if (toTerminal) bar.clear();
          if (piece !== "") out.write(piece);
          if (bytes !== undefined) out.write(bytes);
          if (toTerminal) bar.redraw();
        },
        slim: true,
        ...(parts.workers ? { stream: { format: parts.workers, redact: flags.redact === true } } : {}),
      });
    } catch (e) {
      sink?.abort();
      if ((e as Error)?.name === "AbortError") {
        const what =
          !sink || flags.output || flags.format === "sarif" || flags.format === "junit"
            ? "no report written"
            : flags.format === "json"
              ? "the report on standard output is incomplete (not valid JSON)"
              : "the results before the interruption were written";
        process.stderr.write(`cpt-check: interrupted; ${what}\n`);
        return 130;
      }
      throw e;
    } finally {
      progress?.done();
    }
    sink.write(parts.tail((await import("./report/build.js")).buildReport(pack.code, VERSION, results)));
    await sink.finish();
    return finishBatch(results, flags);
  } finally {
    process.off("SIGINT", onSigint);
  }
}

/**
 * A report written while the batch runs: a head, each result (joined in order), a tail made from
 * the report of the results' outlines. `workers`: the format batch workers write results in
 * themselves (see stream-format.ts); otherwise the main thread formats each one.
 */
interface ReportParts {
  head: string;
  item: (result: FileResult) => string;
  join: (text: string, first: boolean) => string;
  tail: (report: Report) => string;
  workers?: StreamFormat;
}

async function streamingParts(format: string, pack: RulePack, redact: boolean): Promise<ReportParts> {
  const { isStreamFormat, itemFormatter } = await import("./report/stream-format.js");
  if (!isStreamFormat(format)) throw new UserError(`unknown format "${format}"`);
  const ids = pack.rules.map((r) => r.id);
  const item = await itemFormatter(format, redact, ids);
  if (format === "jsonl" || format === "csv") {
    const head = format === "csv" ? (await import("./report/csv.js")).csvHeader(ids) : "";
    return { head, item, join: (text) => text, tail: () => "", workers: format };
  }
  const { jsonParts } = await import("./report/json.js");
  return {
    head: jsonParts.head(pack.code, VERSION),
    item,
    join: jsonParts.join,
    tail: (report) => jsonParts.tail(report.summary, report.results.length),
    workers: format,
  };
}

/** The text report, note by note, then its summary (of the outlines: see formatTextSummary). */
async function textParts(ctx: FormatContext, redact: boolean): Promise<ReportParts> {
  const { formatTextResult, formatTextSummary } = await import("./report/text.js");
  const redactResult = redact ? (await import("./report/redact.js")).redactResult : undefined;
  return {
    head: "",
    item: (r) => formatTextResult(redactResult ? redactResult(r) : r, ctx),
    join: (text) => text,
    tail: (report) => formatTextSummary(report, ctx),
  };
}

/** SARIF or JUnit: each note's part kept as it comes (see the collectors), the document at the end. */
async function collectedParts(format: "sarif" | "junit", ctx: FormatContext, redact: boolean): Promise<ReportParts> {
  const collector = format === "sarif" ? (await import("./report/sarif.js")).sarifCollector(ctx) : (await import("./report/junit.js")).junitCollector();
  const redactResult = redact ? (await import("./report/redact.js")).redactResult : undefined;
  return {
    head: "",
    item: (r) => {
      collector.add(redactResult ? redactResult(r) : r);
      return "";
    },
    join: (text) => text,
    tail: (report) => collector.finish(report),
  };
}

/** After the report: on a terminal, a batch in a machine format gets a human summary on stderr. */
async function finishBatch(results: FileResult[], flags: CheckFlags): Promise<number> {
  if (results.length > 1 && process.stderr.isTTY && (flags.format !== "text" || flags.output)) {
    process.stderr.write((await import("./batch/summary.js")).formatBatchSummary(results));
  }
  return exitCodeFor(results);
}


function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").map((v) => v.trim()).filter(Boolean)];
}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new UserError(`${name} must be a positive whole number of bytes, got "${value}"`);
    return n;
  };
}


export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name("cpt-check")
    .description("Check clinical notes for the documentation a CPT code needs (default: 64868, facial-hypoglossal nerve anastomosis).")
    .version(VERSION, "-v, --version")
    .argument("[paths...]", "files, folders (searched for *.txt), glob patterns, or - for standard input")
    .option("--code <cpt>", "rule pack to apply", "64868")
    .option("--rules <path>", "a rule file or folder to load instead of the built-in pack")
    .addOption(new Option("--format <name>", "report format").choices(FORMATS).default("text"))
    .option("-o, --output <file>", "write the report to a file (atomically) instead of stdout")
    .option("-q, --quiet", "text format: show failing notes only")
    .option("--jsonl", 'stream mode: read {"id","text"} lines on stdin, write one result per line')
    .option("--redact", "leave quoted note text out of every report (positions are kept)")
    .option("--explain", "text format: also show the ignored mentions of passing rules")
    .option("--no-color", "never colour the output")
    .option("--ext <list>", "extensions searched for in folders (comma-separated)", collect, [] as string[])
    .option("--ignore-pattern <pattern>", "skip files matching a gitignore-style pattern (repeatable)", collect, [] as string[])
    .option("--max-size <bytes>", "refuse notes larger than this", positiveInt("--max-size"), 10 * 1024 * 1024)
    .option("--time-budget <ms>", "give up on a note after this many milliseconds (reported as an error)", positiveInt("--time-budget"), 20_000)
    .option("--concurrency <n>", "worker threads: a number, auto (default) or off", parseConcurrency, "auto")
    .showHelpAfterError("(run cpt-check --help for usage)")
    .action(async (paths: string[], opts: CheckFlags) => {
      if (opts.ext.length === 0) opts.ext = ["txt"];
      setExit(await runCheck(paths, opts));
    });

  program
    .command("rules")
    .description("list the rules of a pack: id, severity, title")
    .option("--code <cpt>", "rule pack to list", "64868")
    .option("--rules <path>", "a rule file or folder")
    .action(async (opts: { code: string; rules?: string }) => {
      const { loadRulePack } = await import("./rules/load.js");
      const pack = await loadRulePack(opts.rules ?? opts.code);
      const width = Math.max(...pack.rules.map((r) => r.id.length));
      let out = `${pack.code}  ${pack.title}\n`;
      for (const r of pack.rules) out += `  ${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.title}\n`;
      await writeOut(out);
      setExit(0);
    });

  program
    .command("eval")
    .description("score the checker against a labelled corpus (labels.json)")
    .argument("<labels>", "labels.json: [{ file, expect: { rule: pass|fail }, verdict }]")
    .option("--code <cpt>", "rule pack to apply", "64868")
    .option("--rules <path>", "a rule file or folder")
    .option("--format <name>", "text or json", "text")
    .action(async (labels: string, opts: { code: string; rules?: string; format: string }) => {
      const { runEval } = await import("./eval.js");
      setExit(await runEval(labels, opts));
    });
  return program;
}

/** What bin/cpt-check.js gives the command line besides its arguments. */
export interface Runtime {
  /** Present when the process started with V8's optimising compiler off (see optimizer.ts). */
  enableOptimizer?: () => void;
}

export async function main(argv: string[], runtime: Runtime = {}): Promise<number> {
  if (runtime.enableOptimizer) deferOptimizer(runtime.enableOptimizer);
  let code = 0;
  const program = buildProgram((c) => (code = c));
  program.exitOverride();
  program.commands.forEach((c) => c.exitOverride());
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      return 2; // commander has already printed the message
    }
    if (e instanceof UserError) {
      process.stderr.write(`cpt-check: ${e.message}\n`);
      return e.exitCode;
    }
    // An unexpected failure: say so without a stack trace or any note text.
    process.stderr.write(`cpt-check: internal error: ${(e as Error)?.name ?? "Error"}; please report it (set CPT_CHECK_DEBUG=1 for details)\n`);
    if (process.env.CPT_CHECK_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}
