/**
 * The report formats written while a batch runs (json, jsonl, csv): how one result is formatted,
 * so that a batch worker can format its results itself and the main thread only writes them in
 * order.
 */
import type { FileResult } from "../types.js";
import type { ReportFile } from "./format-context.js";

export type StreamFormat = "json" | "jsonl" | "csv";

export const isStreamFormat = (format: string): format is StreamFormat => format === "json" || format === "jsonl" || format === "csv";

/**
 * The formatter of one result, redacting first when asked. `ruleIds` are the pack's, in its
 * order: the columns of a CSV row.
 */
export async function itemFormatter(format: StreamFormat, redact: boolean, ruleIds: readonly string[]): Promise<(result: FileResult) => string> {
  let text: (r: ReportFile) => string;
  if (format === "jsonl") text = (await import("./jsonl.js")).formatResultLine;
  else if (format === "json") text = (await import("./json.js")).jsonItemText;
  else {
    const { csvRow } = await import("./csv.js");
    text = (r) => csvRow(r, ruleIds);
  }
  if (!redact) return text;
  const { redactResult } = await import("./redact.js");
  return (r) => text(redactResult(r));
}
