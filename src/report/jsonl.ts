/** JSON Lines: one compact results[] object per line, so line-oriented tools can split a batch. */
import type { FormatContext, MaybeRedactedReport, ReportFile } from "./format-context.js";
import { orderResult } from "./json.js";

/** One line of output for one result; the --jsonl stream mode writes these as results arrive. */
export function formatResultLine(result: ReportFile): string {
  // Raw newlines never survive JSON.stringify, but U+2028/U+2029 do, and some line readers (Python's
  // splitlines, several editors) break lines there: escape them, which is still the same JSON.
  return JSON.stringify(orderResult(result)).replace(/[\u2028\u2029]/g, escapeSeparator) + "\n";
}

function escapeSeparator(c: string): string {
  return c === "\u2028" ? "\\u2028" : "\\u2029";
}

export function formatJsonl(report: MaybeRedactedReport, _ctx?: FormatContext): string {
  return report.results.map(formatResultLine).join("");
}
