/**
 * CSV (RFC 4180): `file,status,<rule id>...,error`, one row per note, CRLF line ends. A rule
 * column holds pass or fail; it is empty for a note in error or one whose pack lacked the rule.
 */
import { ruleIds, type FormatContext, type MaybeRedactedReport } from "./format-context.js";

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

export function formatCsv(report: MaybeRedactedReport, _ctx?: FormatContext): string {
  const ids = ruleIds(report);
  const rows: string[][] = [["file", "status", ...ids, "error"]];
  for (const result of report.results) {
    const status = new Map(result.rules.map((rule) => [rule.id, rule.status]));
    rows.push([
      result.file,
      result.status,
      ...ids.map((id) => status.get(id) ?? ""),
      result.error ?? "",
    ]);
  }
  return rows.map((row) => row.map(csvField).join(",") + CRLF).join("");
}
