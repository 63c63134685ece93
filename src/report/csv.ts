/**
 * CSV (RFC 4180): `file,status,<rule id>...,error`, one row per note, CRLF line ends. A rule
 * column holds pass or fail; it is empty for a note in error or one whose pack lacked the rule.
 */
import { ruleIds, type FormatContext, type MaybeRedactedReport, type ReportFile } from "./format-context.js";

const CRLF = "\r\n";

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR, per OWASP) as a formula; a file
 * name or error message must not be able to do that, so such a field gets a leading apostrophe.
 */
function defuse(field: string): string {
  return /^[=+\-@\t\r]/.test(field) ? "'" + field : field;
}

export function csvField(value: string): string {
  const field = defuse(value);
  return /[",\r\n]/.test(field) ? '"' + field.replace(/"/g, '""') + '"' : field;
}

/** The header row for these rule columns. */
export function csvHeader(ids: readonly string[]): string {
  return ["file", "status", ...ids, "error"].map(csvField).join(",") + CRLF;
}

/** One note's row: a column per rule id, pass or fail (empty when the note has no such rule). */
export function csvRow(result: ReportFile, ids: readonly string[]): string {
  const row = [result.file, result.status];
  for (const id of ids) row.push(result.rules.find((rule) => rule.id === id)?.status ?? "");
  row.push(result.error ?? "");
  return row.map(csvField).join(",") + CRLF;
}

export function formatCsv(report: MaybeRedactedReport, _ctx?: FormatContext): string {
  const ids = ruleIds(report);
  let out = csvHeader(ids);
  for (const result of report.results) out += csvRow(result, ids);
  return out;
}
