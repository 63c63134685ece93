/**
 * The formats, listed explicitly. Each formatter is loaded on demand with its own dynamic import,
 * so a JSON run never loads the SARIF or text code (cold start matters to hook authors).
 */
import { UserError } from "../types.js";
import type { Formatter } from "./format-context.js";

export const FORMATS = ["text", "json", "jsonl", "csv", "sarif", "junit"] as const;
export type FormatName = (typeof FORMATS)[number];

export type { FormatContext, Formatter, MaybeRedactedReport } from "./format-context.js";

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export async function loadFormatter(name: string): Promise<Formatter> {
  // One literal import per case: bundlers and readers both see exactly what can be loaded.
  switch (name) {
    case "text":
      return (await import("./text.js")).formatText;
    case "json":
      return (await import("./json.js")).formatJson;
    case "jsonl":
      return (await import("./jsonl.js")).formatJsonl;
    case "csv":
      return (await import("./csv.js")).formatCsv;
    case "sarif":
      return (await import("./sarif.js")).formatSarif;
    case "junit":
      return (await import("./junit.js")).formatJunit;
    default:
      throw new UserError(
        `unknown format ${JSON.stringify(name)}; valid formats: ${FORMATS.join(", ")}`,
      );
  }
}
