/**
 * Messages between the batch runner (main thread) and its worker threads, plus the one piece of
 * per-note work both sides share, so that a note checked in a worker and one checked in process
 * give the same result.
 */
import { checkText, TimeBudgetExceeded } from "../check.js";
import type { InputEntry } from "../input/collect.js";
import type { DecodeResult } from "../input/decode.js";
import type { RulePack } from "../rules/compile.js";
import type { FileResult, RuleResult } from "../types.js";
import type { StreamFormat } from "../report/stream-format.js";

/** Given to every worker at start: it loads the pack itself, once. */
export interface WorkerInit {
  packRef: string;
  maxSize: number;
  timeBudgetMs?: number;
  /** When the report is written as the batch runs: workers format each result themselves. */
  stream?: { format: StreamFormat; redact: boolean };
  /**
   * One Int32 shared with the main thread: the index of the note the worker is checking, or -1
   * between notes. Results are posted a message's worth at a time, so should the thread die, this
   * (not the order of answers) tells the main thread which note it died on.
   */
  current?: SharedArrayBuffer;
}

/** Main → worker: a few notes to check, in this order. Only `file` entries are ever sent. */
export interface WorkMessage {
  type: "work";
  items: { index: number; entry: InputEntry }[];
}

/** Worker → main. */
export type WorkerMessage =
  /** The pack is loaded; work may be sent. */
  | { type: "ready" }
  /**
   * The notes of one work message are done. One message per work message, not per note: each
   * message wakes the main thread, which on a machine with as many workers as cores takes a core
   * from a worker (10,000 notes on two cores: 16,000 -> 6,000 involuntary context switches). See
   * `ResultItem`.
   */
  | { type: "results"; items: ResultItem[]; bytes?: Uint8Array };

/**
 * One note's result. Workers send it as JSON text (`json`): copying one string between threads
 * costs far less than cloning the object graph of a result. `result` is accepted too. With
 * `stream`, `json` is the result's outline and the result formatted for the report is either
 * `text` or, from the batch worker, `size` bytes of UTF-8 in the message's `bytes`, which hold
 * the items' reports one after another in item order: one buffer per message, handed over
 * (transferred) rather than copied, and written as it is, where a string would be copied into
 * the main thread's heap and encoded there, on the thread every worker waits for.
 */
export type ResultItem =
  | { index: number; json: string; text?: string; size?: number }
  | { index: number; result: FileResult };

/** Reports (`texts`) as one UTF-8 buffer of their own, with each one's size in bytes. */
export function encodeTexts(texts: readonly string[]): { bytes: Uint8Array; sizes: number[] } {
  const sizes = texts.map((t) => Buffer.byteLength(t, "utf8"));
  // Not from Buffer's shared pool: the buffer's memory is transferred to the main thread.
  const bytes = Buffer.allocUnsafeSlow(sizes.reduce((a, b) => a + b, 0));
  let at = 0;
  texts.forEach((t, i) => (at += bytes.write(t, at, sizes[i], "utf8")));
  return { bytes, sizes };
}

/** Shown for a note whose check threw or whose worker died; never includes note text. */
export const INTERNAL_ERROR = "internal error while checking this note";

export function errorResult(file: string, error: string): FileResult {
  return { file, status: "error", error, rules: [] };
}

/**
 * The check of one decoded note. An exception (a bug, a stack overflow on a pathological note)
 * becomes an error result for that note only; the message names the error class, never its
 * message, which could quote the note.
 */
export function checkDecoded(decoded: DecodeResult, file: string, pack: RulePack, timeBudgetMs?: number): FileResult {
  if ("error" in decoded) return errorResult(file, decoded.error);
  try {
    return checkText(decoded.text, { pack, file, encoding: decoded.encoding, ...(timeBudgetMs ? { timeBudgetMs } : {}) });
  } catch (e) {
    if (e instanceof TimeBudgetExceeded) return errorResult(file, e.message);
    const name = e instanceof Error && /^\w{1,40}$/.test(e.name) ? e.name : undefined;
    return errorResult(file, name ? `${INTERNAL_ERROR} (${name})` : INTERNAL_ERROR);
  }
}

/**
 * An outline (see `outline`) whose rule entries are shared with earlier outlines of `table`: a
 * batch keeps one outline per note until it ends, and 10,000 notes with nine rules each made
 * ~100,000 small objects that every garbage collection on the main thread had to copy or mark.
 * Entries are shared only when they hold nothing but the rule and its status.
 */
export function shareRules(r: FileResult, table: Map<string, RuleResult>): FileResult {
  for (let i = 0; i < r.rules.length; i++) {
    const rule = r.rules[i]!;
    if (rule.evidence.length > 0 || rule.ignored.length > 0 || rule.message !== undefined || rule.missing !== undefined) continue;
    if (Object.keys(rule).length !== 6) continue; // a key an outline does not have
    const key = `${rule.id}\u0000${rule.title}\u0000${rule.severity}\u0000${rule.status}`;
    const known = table.get(key);
    if (known) r.rules[i] = known;
    else table.set(key, rule);
  }
  return r;
}

/** A result without its evidence: enough for the summary, the exit code and the closing table. */
export function outline(r: FileResult): FileResult {
  const o: FileResult = {
    file: r.file,
    status: r.status,
    rules: r.rules.map((rule) => ({ id: rule.id, title: rule.title, severity: rule.severity, status: rule.status, evidence: [], ignored: [] })),
  };
  if (r.error !== undefined) o.error = r.error;
  if (r.encoding !== undefined) o.encoding = r.encoding;
  return o;
}
