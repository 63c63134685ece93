/**
 * JSON report v1 (SPEC.md). Keys are written in the order the spec shows them, whatever order the
 * engine built them in, so that reports diff cleanly; keys the spec does not name (encoding, part,
 * trigger, missing...) follow, and undefined values are dropped by JSON.stringify.
 */
import type { FormatContext, MaybeRedactedReport, ReportFile } from "./format-context.js";

const REPORT_KEYS = ["tool", "code", "results", "summary"];
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

/** One results[] object with its keys in spec order (also used by the jsonl formatter). */
export function orderResult(result: ReportFile): ReportFile {
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

export function formatJson(report: MaybeRedactedReport, _ctx?: FormatContext): string {
  const out = ordered({ ...report, results: report.results.map(orderResult) }, REPORT_KEYS);
  return JSON.stringify(out, null, 2) + "\n";
}
