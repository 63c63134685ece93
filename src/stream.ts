/**
 * Stream mode (`--jsonl`): one {"id","text"} object per input line, one result per output line, in
 * order, with memory bounded by one line however long the stream. A malformed line becomes an
 * error result for that line; the stream goes on.
 */
import { createRequire } from "node:module";
import { once } from "node:events";
import { checkText, TimeBudgetExceeded } from "./check.js";
import type { RulePack } from "./rules/compile.js";
import { formatResultLine } from "./report/jsonl.js";
import { redactReport } from "./report/redact.js";
import { stdoutStream } from "./report/stdout.js";
import type { FileResult } from "./types.js";

// Built-in modules only this mode needs are required here, not imported at the top: in the
// command line's bundle a top-level import of a built-in is loaded by every run.
const builtin = createRequire(import.meta.url); // not `require`: the bundler would hoist that

export interface StreamOptions {
  redact: boolean;
  timeBudgetMs?: number;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

type StreamResult = Omit<FileResult, "file"> & { id: string | number | null };

export function checkLine(line: string, lineNo: number, pack: RulePack, timeBudgetMs?: number): StreamResult {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return { id: null, status: "error", error: `line ${lineNo}: not valid JSON`, rules: [] };
  }
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { id: null, status: "error", error: `line ${lineNo}: expected an object {"id": ..., "text": ...}`, rules: [] };
  }
  const { id, text } = record as { id?: unknown; text?: unknown };
  const safeId = typeof id === "string" || typeof id === "number" ? id : null;
  if (typeof text !== "string") {
    return { id: safeId, status: "error", error: `line ${lineNo}: "text" must be a string`, rules: [] };
  }
  // The id names the record; a line number would differ when a splitter (GNU parallel --pipe)
  // hands the stream to several processes, and their joined output must equal one process's.
  if (text.trim().length === 0) return { id: safeId, status: "error", error: "empty note", rules: [] };
  try {
    const { file: _file, ...rest } = checkText(text, { pack, file: "", ...(timeBudgetMs ? { timeBudgetMs } : {}) });
    return { id: safeId, ...rest };
  } catch (e) {
    const error = e instanceof TimeBudgetExceeded ? e.message : "internal error while checking this note";
    return { id: safeId, status: "error", error, rules: [] };
  }
}

export async function runStream(pack: RulePack, opts: StreamOptions): Promise<number> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? stdoutStream();
  const { createInterface } = builtin("node:readline") as typeof import("node:readline");
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let worst = 0;
  for await (const raw of rl) {
    lineNo++;
    // A .jsonl file saved by Notepad or PowerShell starts with a byte order mark.
    const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim().length === 0) continue;
    let result = checkLine(line, lineNo, pack, opts.timeBudgetMs);
    if (opts.redact) {
      const red = redactReport({ tool: { name: "", version: "" }, code: "", results: [{ ...result, file: "" }], summary: { files: 1, passed: 0, failed: 0, errors: 0 } });
      const { file: _f, ...r } = red.results[0]!;
      result = { ...(r as Omit<StreamResult, "id">), id: result.id };
    }
    worst = Math.max(worst, result.status === "error" ? 2 : result.status === "fail" ? 1 : 0);
    const { id, ...body } = result;
    const out = formatResultLine({ id, ...body } as never);
    if (!output.write(out)) await once(output, "drain");
  }
  return worst;
}
