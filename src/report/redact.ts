/**
 * Reports of patient notes are themselves patient data: a redacted report keeps every position,
 * section and reason but drops the quoted words (`text`) and the trigger words (`trigger`).
 */
import type { MaybeRedactedReport, ReportEvidence, ReportIgnored } from "./format-context.js";

export function redactReport(report: MaybeRedactedReport): MaybeRedactedReport {
  // structuredClone: the copy shares nothing with the input, so callers may keep both.
  const copy = structuredClone(report);
  for (const result of copy.results) {
    for (const rule of result.rules) {
      rule.evidence = rule.evidence.map(stripEvidence);
      rule.ignored = rule.ignored.map(stripIgnored);
    }
  }
  return copy;
}

function stripEvidence({ text: _text, ...rest }: ReportEvidence): ReportEvidence {
  return rest;
}

function stripIgnored({ text: _text, trigger: _trigger, ...rest }: ReportIgnored): ReportIgnored {
  return rest;
}
