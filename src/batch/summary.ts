/**
 * The closing summary of a batch, plain text for stderr: when the report went to a file or is in a
 * machine format, this is what the person at the terminal reads. No colour, no note text.
 */
import type { FileResult, Severity } from "../types.js";

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function formatBatchSummary(results: readonly FileResult[]): string {
  let passed = 0;
  let failed = 0;
  let errors = 0;
  // Map keeps insertion order: rules are listed in the order they first appear.
  const rules = new Map<string, { severity: Severity; failed: number }>();
  for (const r of results) {
    if (r.status === "pass") passed++;
    else if (r.status === "fail") failed++;
    else errors++;
    for (const rule of r.rules) {
      let row = rules.get(rule.id);
      if (!row) rules.set(rule.id, (row = { severity: rule.severity, failed: 0 }));
      if (rule.status === "fail") row.failed++;
    }
  }

  const lines = [
    `${plural(results.length, "note", "notes")} checked: ${passed} passed, ${failed} failed, ${plural(errors, "error", "errors")}`,
  ];
  if (rules.size > 0) {
    lines.push("Notes failing each rule:");
    const label = (id: string, severity: Severity) => (severity === "warning" ? `${id} (warning)` : id);
    const width = Math.max(...[...rules].map(([id, row]) => label(id, row.severity).length));
    const countWidth = Math.max(...[...rules.values()].map((row) => String(row.failed).length));
    for (const [id, row] of rules) {
      lines.push(`  ${label(id, row.severity).padEnd(width)}  ${String(row.failed).padStart(countWidth)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
