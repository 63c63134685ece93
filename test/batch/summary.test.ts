import { describe, expect, it } from "vitest";
import { formatBatchSummary } from "../../src/batch/summary.ts";
import type { FileResult, RuleResult } from "../../src/types.ts";

const rule = (id: string, status: "pass" | "fail", severity: "error" | "warning" = "error"): RuleResult => ({
  id,
  title: id,
  severity,
  status,
  evidence: [],
  ignored: [],
});

describe("formatBatchSummary", () => {
  it("counts notes and, per rule, the notes that failed it, in order of first appearance", () => {
    const results: FileResult[] = [
      { file: "a.txt", status: "pass", rules: [rule("paralysis-cause", "pass"), rule("laterality", "fail", "warning")] },
      { file: "b.txt", status: "fail", rules: [rule("paralysis-cause", "fail"), rule("laterality", "pass", "warning"), rule("postop-progress", "fail")] },
      { file: "c.txt", status: "error", error: "empty note", rules: [] },
      { file: "d.txt", status: "fail", rules: [rule("postop-progress", "fail"), rule("paralysis-cause", "pass")] },
    ];
    expect(formatBatchSummary(results)).toBe(
      [
        "4 notes checked: 1 passed, 2 failed, 1 error",
        "Notes failing each rule:",
        "  paralysis-cause       1",
        "  laterality (warning)  1",
        "  postop-progress       2",
        "",
      ].join("\n"),
    );
  });

  it("handles one note and no rules", () => {
    expect(formatBatchSummary([{ file: "x", status: "error", error: "binary file", rules: [] }])).toBe(
      "1 note checked: 0 passed, 0 failed, 1 error\n",
    );
  });

  it("handles an empty batch", () => {
    expect(formatBatchSummary([])).toBe("0 notes checked: 0 passed, 0 failed, 0 errors\n");
  });

  it("never includes note text", () => {
    const out = formatBatchSummary([
      {
        file: "n.txt",
        status: "fail",
        rules: [{ ...rule("procedure-details", "fail"), evidence: [{ text: "SECRET PATIENT WORDS", line: 1, column: 1, start: 0, end: 5, section: null }] }],
      },
    ]);
    expect(out).not.toContain("SECRET");
  });
});
