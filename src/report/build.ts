/** The JSON report v1 around a list of results (SPEC.md): the summary is derived, never kept. */
import type { FileResult, Report } from "../types.js";

export function buildReport(code: string, version: string, results: FileResult[]): Report {
  const count = (status: FileResult["status"]) => results.filter((r) => r.status === status).length;
  return {
    tool: { name: "cpt-check", version },
    code,
    results,
    summary: { files: results.length, passed: count("pass"), failed: count("fail"), errors: count("error") },
  };
}
