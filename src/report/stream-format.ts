/**
 * The report formats written while a batch runs (json, jsonl): how one result is formatted, so
 * that a batch worker can format its results itself and the main thread only writes them in order.
 */
import type { FileResult } from "../types.js";
import type { ReportFile } from "./format-context.js";

export type StreamFormat = "json" | "jsonl";

export const isStreamFormat = (format: string): format is StreamFormat => format === "json" || format === "jsonl";

/** The formatter of one result, redacting first when asked. */
export async function itemFormatter(format: StreamFormat, redact: boolean): Promise<(result: FileResult) => string> {
  const text: (r: ReportFile) => string =
    format === "jsonl" ? (await import("./jsonl.js")).formatResultLine : (await import("./json.js")).jsonItemText;
  if (!redact) return text;
  const { redactResult } = await import("./redact.js");
  return (r) => text(redactResult(r));
}
