/**
 * Reports of patient notes are themselves patient data: a redacted report keeps every position,
 * section and reason but drops the quoted words (`text`) and the trigger words (`trigger`).
 */
import type { MaybeRedactedReport, ReportEvidence, ReportIgnored } from "./format-context.js";

export function redactReport(report: MaybeRedactedReport): MaybeRedactedReport {
  // structuredClone: the copy shares nothing with the input, so callers may keep both.
  const copy = structuredClone(report);
  for (const result of copy.results) stripResult(result);
  return copy;
}

/** One result without quoted words (a copy; the input is not changed). */
export function redactResult<T extends MaybeRedactedReport["results"][number]>(result: T): T {
  return stripResult(structuredClone(result));
}

function stripResult<T extends MaybeRedactedReport["results"][number]>(result: T): T {
  for (const rule of result.rules) {
    rule.evidence = rule.evidence.map(stripEvidence);
    rule.ignored = rule.ignored.map(stripIgnored);
  }
  return result;
}

function stripEvidence({ text: _text, ...rest }: ReportEvidence): ReportEvidence {
  return rest;
}

function stripIgnored({ text: _text, trigger: _trigger, ...rest }: ReportIgnored): ReportIgnored {
  return rest;
}
