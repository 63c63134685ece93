import { describe, expect, it } from "vitest";
import { redactReport } from "../../src/report/redact.ts";
import { formatCsv } from "../../src/report/csv.ts";
import { formatJson } from "../../src/report/json.ts";
import { formatJsonl } from "../../src/report/jsonl.ts";
import { formatJunit } from "../../src/report/junit.ts";
import { formatSarif } from "../../src/report/sarif.ts";
import { formatText } from "../../src/report/text.ts";
import { NOTE_WORDS, batchReport } from "./sample-report.ts";

const FORMATTERS = [
  ["json", formatJson],
  ["jsonl", formatJsonl],
  ["csv", formatCsv],
  ["sarif", formatSarif],
  ["junit", formatJunit],
  ["text", formatText],
] as const;

describe("redactReport", () => {
  it("drops text and trigger, keeps positions, and leaves the input alone", () => {
    const report = batchReport();
    const before = structuredClone(report);
    const redacted = redactReport(report);
    expect(report).toEqual(before);
    const rule = redacted.results[1].rules[3];
    expect(rule.ignored[0]).toEqual({ line: 15, column: 1, start: 470, end: 492, reason: "negated", section: "HPI" });
    expect(redacted.results[1].rules[4].evidence[0]).toEqual({
      line: 30, column: 2, start: 900, end: 932, section: "PROCEDURE", part: "hypoglossal-identified",
    });
    for (const r of redacted.results)
      for (const x of r.rules)
        for (const span of [...x.evidence, ...x.ignored]) {
          expect("text" in span).toBe(false);
          expect("trigger" in span).toBe(false);
        }
    expect(redacted.summary).toEqual(report.summary);
  });

  it.each(FORMATTERS)("%s: the unredacted report does show the note words (control)", (_name, format) => {
    const out = format(batchReport(), { color: false, quiet: false, explain: true });
    if (_name === "csv" || _name === "sarif") return; // these carry no quoted words at all
    expect(NOTE_WORDS.some((w) => out.includes(w))).toBe(true);
  });

  it.each(FORMATTERS)("%s: a redacted report shows none of the note words", (_name, format) => {
    const out = format(redactReport(batchReport()), { color: false, quiet: false, explain: true });
    for (const word of NOTE_WORDS) expect(out).not.toContain(word);
  });
});
