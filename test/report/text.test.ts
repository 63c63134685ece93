import { describe, expect, it } from "vitest";
import { formatText, formatTextResult, formatTextSummary } from "../../src/report/text.ts";
import { outline } from "../../src/batch/protocol.ts";
import { redactReport } from "../../src/report/redact.ts";
import { chalkStyles, plainStyles } from "../../src/report/styles.ts";
import { batchReport, emptyReport, singleFailReport, singlePassReport, REPORTS } from "./sample-report.ts";

const plain = { color: false, quiet: false };
const ESC = "\u001b";

describe("text", () => {
  it.each(REPORTS)("%s: no escape characters without colour", async (_name, make) => {
    expect(formatText(make(), plain)).not.toContain(ESC);
    // colour on but no styles loaded: still plain
    expect(formatText(make(), { color: true, quiet: false })).not.toContain(ESC);
    // chalk styles given but colour off: plain
    expect(formatText(make(), { ...plain, styles: await chalkStyles(3) })).not.toContain(ESC);
    expect(formatText(make(), { color: true, quiet: false, styles: plainStyles })).not.toContain(ESC);
  });

  it("colours only when asked, and the words survive colouring", async () => {
    const styles = await chalkStyles(1);
    const coloured = formatText(batchReport(), { color: true, quiet: false, styles });
    expect(coloured).toContain(ESC);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, "")).toBe(formatText(batchReport(), plain));
  });

  it.each(REPORTS)("%s: note by note, then the summary of the outlines, is the whole report (as a batch writes it)", async (_name, make) => {
    const styles = await chalkStyles(1);
    for (const ctx of [plain, { ...plain, quiet: true }, { ...plain, explain: true }, { color: true, quiet: false, styles }]) {
      const report = make();
      const outlines = { ...report, results: report.results.map((r) => outline(r)) };
      const streamed = report.results.map((r) => formatTextResult(r, ctx)).join("") + formatTextSummary(outlines, ctx);
      expect(streamed).toBe(formatText(report, ctx));
    }
  });

  it("shows the expected lines for a batch", () => {
    const lines = formatText(batchReport(), plain).split("\n");
    const expected = [
      "notes/01-pass.txt  PASS",
      "  ✓ paralysis-cause                Cause of the facial paralysis",
      '    3:1  "evidence for paralysis-cause"  (HPI)',
      "  ✓ laterality                     Side of the paralysis  (warning)",
      'notes/op, "17" <&>.txt  FAIL',
      // the note's ESC and newline are folded to spaces
      '    12:5  "left "vestibular" schwannoma, <resected> & =cmd 🧠 removed [2J"  (INDICATIONS)',
      "  ✗ conservative-treatment-failed  Conservative treatment failed",
      '    Document that conservative treatment (e.g. "physical therapy", eye care) was tried and failed.',
      '    15:1  ignored (negated: "no"): "no prior physiotherapy"  (HPI)',
      '    16:7  ignored (hypothetical): "declined, will consider"',
      "  ✗ procedure-details              Details of the procedure",
      "    missing: nerves-coapted, magnification",
      '    30:2  "hypoglossal nerve was identified"  (PROCEDURE)  [hypoglossal-identified]',
      "  ! laterality                     Side of the paralysis  (warning)",
      "    State which side is paralysed (left or right).",
      "=cmd|' /C calc'!A0.txt  ERROR",
      "3 notes: 1 passed, 1 failed, 1 error",
      "Failed, by rule:",
      "  conservative-treatment-failed  1 of 2 notes",
      "  laterality                     1 of 2 notes  (warning)",
      "  paralysis-cause                0 of 2 notes",
    ];
    for (const line of expected) expect(lines).toContain(line);
    expect(lines.some((l) => l.startsWith("  ✗ =HYPERLINK"))).toBe(true);
    // a passing rule hides its ignored mentions unless explaining
    expect(lines.join("\n")).not.toContain("grandmother");
  });

  it("explain shows the ignored mentions of passing rules", () => {
    const out = formatText(batchReport(), { ...plain, explain: true });
    expect(out).toContain('    20:3  ignored (family: "her grandmother"): "her grandmother had Bell\'s palsy"  (FAMILY HISTORY)');
  });

  it.each([
    ["single pass", singlePassReport, ["notes/01-pass.txt  PASS", "1 note: 1 passed, 0 failed, 0 errors"]],
    ["single fail", singleFailReport, ["1 note: 0 passed, 1 failed, 0 errors"]],
    ["empty", emptyReport, ["0 notes: 0 passed, 0 failed, 0 errors"]],
  ] as const)("%s: summary, and no per-rule lines for one note", (_name, make, wanted) => {
    const out = formatText(make(), plain);
    for (const line of wanted) expect(out.split("\n")).toContain(line);
    expect(out).not.toContain("Failed, by rule:");
    expect(out.endsWith("\n")).toBe(true);
  });

  it("quiet hides passing notes but keeps the summary", () => {
    const out = formatText(batchReport(), { ...plain, quiet: true });
    expect(out).not.toContain("notes/01-pass.txt");
    expect(out).toContain("FAIL");
    expect(out).toContain("ERROR");
    expect(out).toContain("3 notes: 1 passed, 1 failed, 1 error");
    expect(formatText(singlePassReport(), { ...plain, quiet: true })).toBe(
      "1 note: 1 passed, 0 failed, 0 errors\n",
    );
  });

  it("prints positions and sections of a redacted report", () => {
    const lines = formatText(redactReport(batchReport()), { ...plain, explain: true }).split("\n");
    expect(lines).toContain("    12:5  (INDICATIONS)");
    expect(lines).toContain("    15:1  ignored (negated)  (HPI)");
    expect(lines).toContain("    16:7  ignored (hypothetical)");
    expect(lines).toContain("    13:1");
  });

  it("shows absolute paths under cwd relative to it", () => {
    const report = singlePassReport();
    report.results[0].file = "/home/auditor/notes/01-pass.txt";
    const out = formatText(report, { ...plain, cwd: "/home/auditor" });
    expect(out.split("\n")[0]).toBe("notes/01-pass.txt  PASS");
  });
});
