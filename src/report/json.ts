/**
 * JSON report v1 (SPEC.md). Keys are written in the order the spec shows them, whatever order the
 * engine built them in, so that reports diff cleanly; keys the spec does not name (encoding, part,
 * trigger, missing...) follow, and undefined values are dropped by JSON.stringify.
 */
import type { Summary } from "../types.js";
import type { FormatContext, MaybeRedactedReport, ReportFile } from "./format-context.js";

const RESULT_KEYS = ["id", "file", "status", "error", "encoding", "rules"];
const RULE_KEYS = ["id", "title", "severity", "status", "message", "missing", "evidence", "ignored"];
const EVIDENCE_KEYS = ["text", "line", "column", "start", "end", "section", "part"];
const IGNORED_KEYS = ["text", "line", "column", "start", "end", "reason", "trigger", "section", "part"];

function ordered<T extends object>(value: T, keys: readonly string[]): T {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  for (const key of Object.keys(source))
    if (!(key in out) && source[key] !== undefined) out[key] = source[key];
  return out as T;
}

const rankOf = (keys: readonly string[]) => new Map(keys.map((k, i) => [k, i]));
const RESULT_RANK = rankOf(RESULT_KEYS);
const RULE_RANK = rankOf(RULE_KEYS);
const EVIDENCE_RANK = rankOf(EVIDENCE_KEYS);
const IGNORED_RANK = rankOf(IGNORED_KEYS);

/** Whether `ordered` would give the same JSON: named keys in their order, any others after them. */
function inOrder(value: object, rank: ReadonlyMap<string, number>): boolean {
  let last = -1;
  let other = false;
  for (const key in value) {
    const r = rank.get(key);
    if (r === undefined) other = true;
    else if (other || r < last) return false;
    else last = r;
  }
  return true;
}

function allInOrder(result: ReportFile): boolean {
  if (!inOrder(result, RESULT_RANK)) return false;
  for (const rule of result.rules) {
    if (!inOrder(rule, RULE_RANK)) return false;
    for (const e of rule.evidence) if (!inOrder(e, EVIDENCE_RANK)) return false;
    for (const i of rule.ignored) if (!inOrder(i, IGNORED_RANK)) return false;
  }
  return true;
}

/** Results that checkText built, in spec order (see `builtInOrder`). */
const BUILT_IN_ORDER = new WeakSet<object>();

/**
 * Marks a result as built in spec order by the engine (check.ts, evaluate.ts build every object
 * field by field in that order; test/report/json.test.ts checks it for every fixture note), so
 * that formatting it need not look at each of its keys again (~10 µs of a note's ~45 µs of JSON).
 */
export function builtInOrder<T extends object>(result: T): T {
  BUILT_IN_ORDER.add(result);
  return result;
}

/**
 * One results[] object with its keys in spec order (also used by the jsonl formatter). The engine
 * builds its results in that order already (evaluate.ts), so usually this only checks: copying
 * every object of every result was a tenth of a batch's formatting time.
 */
export function orderResult(result: ReportFile): ReportFile {
  if (BUILT_IN_ORDER.has(result) || allInOrder(result)) return result;
  const rules = result.rules.map((rule) =>
    ordered(
      {
        ...rule,
        evidence: rule.evidence.map((e) => ordered(e, EVIDENCE_KEYS)),
        ignored: rule.ignored.map((i) => ordered(i, IGNORED_KEYS)),
      },
      RULE_KEYS,
    ),
  );
  return ordered({ ...result, rules }, RESULT_KEYS);
}

/** `json` with every line after the first indented by `depth` levels, as it sits inside the report. */
function nested(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);
}

/** One result as it stands in the report's results list (without the separator before it). */
export function jsonItemText(result: ReportFile): string {
  return nested(orderResult(result), 2);
}

/**
 * The JSON report in three parts, so that a batch can write it while it runs (one result at a
 * time, never the whole report in memory): exactly what JSON.stringify(report, null, 2) writes.
 */
export const jsonParts = {
  head(code: string, version: string): string {
    return `{\n  "tool": ${nested({ name: "cpt-check", version }, 1)},\n  "code": ${JSON.stringify(code)},\n  "results": [`;
  },
  item(result: ReportFile, first: boolean): string {
    return jsonParts.join(jsonItemText(result), first);
  },
  /** An item formatted elsewhere (by a batch worker), put in its place. */
  join(text: string, first: boolean): string {
    return `${first ? "" : ","}\n    ${text}`;
  },
  tail(summary: Summary, count: number): string {
    return `${count === 0 ? "" : "\n  "}],\n  "summary": ${nested(ordered(summary, SUMMARY_KEYS), 1)}\n}\n`;
  },
};

const SUMMARY_KEYS = ["files", "passed", "failed", "errors"];

export function formatJson(report: MaybeRedactedReport, _ctx?: FormatContext): string {
  let out = jsonParts.head(report.code, report.tool.version);
  report.results.forEach((r, i) => (out += jsonParts.item(r, i === 0)));
  return out + jsonParts.tail(report.summary, report.results.length);
}
