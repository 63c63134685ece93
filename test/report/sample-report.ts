/** Reports for the formatter tests: a pass, a fail with evidence and ignored mentions, an error. */
import type { FileResult, Report, RuleResult } from "../../src/types.ts";
import { buildReport } from "../../src/report/build.ts";

/** Words that occur only in note text (evidence/ignored text and triggers): redaction must drop them. */
export const NOTE_WORDS = ["schwannoma", "Brackmann", "physiotherapy", "lagophthalmos", "declined", "grandmother"];

/** Evidence text with everything a formatter must escape: , " newline <&> =cmd emoji and an ESC. */
export const TRICKY_EVIDENCE = 'left "vestibular" schwannoma, <resected> & =cmd 🧠\nremoved\u001b[2J';

export const ERROR_MESSAGE = '=HYPERLINK("http://x"), bad <&> byte\u0007 at 12;\r\nnot UTF-8 \'x\'';

const pass = (id: string, title: string, severity: "error" | "warning" = "error"): RuleResult => ({
  id,
  title,
  severity,
  status: "pass",
  evidence: [{ text: `evidence for ${id}`, line: 3, column: 1, start: 40, end: 40 + 13 + id.length, section: "HPI" }],
  ignored: [],
});

export const passingNote: FileResult = {
  file: "notes/01-pass.txt",
  status: "pass",
  rules: [
    pass("paralysis-cause", "Cause of the facial paralysis"),
    pass("paralysis-extent", "Severity or extent of the paralysis"),
    pass("functional-impact", "Functional impact"),
    pass("conservative-treatment-failed", "Conservative treatment failed"),
    pass("procedure-details", "Details of the procedure"),
    pass("postop-progress", "Post-operative progress"),
    pass("laterality", "Side of the paralysis", "warning"),
  ],
};

export const failingNote: FileResult = {
  file: 'notes/op, "17" <&>.txt',
  status: "fail",
  encoding: "utf-16le-bom",
  rules: [
    {
      id: "paralysis-cause",
      title: "Cause of the facial paralysis",
      severity: "error",
      status: "pass",
      evidence: [
        { text: TRICKY_EVIDENCE, line: 12, column: 5, start: 340, end: 340 + TRICKY_EVIDENCE.length, section: "INDICATIONS" },
      ],
      ignored: [
        // key order scrambled on purpose: json must write it in spec order
        { reason: "family", trigger: "her grandmother", text: "her grandmother had Bell's palsy", section: "FAMILY HISTORY", line: 20, column: 3, start: 600, end: 632 },
      ],
    },
    {
      id: "paralysis-extent",
      title: "Severity or extent of the paralysis",
      severity: "error",
      status: "pass",
      evidence: [{ text: "House-Brackmann grade VI", line: 13, column: 1, start: 400, end: 424, section: null }],
      ignored: [],
    },
    {
      id: "functional-impact",
      title: "Functional impact",
      severity: "error",
      status: "pass",
      evidence: [{ text: "lagophthalmos 🙈 with exposure", line: 14, column: 9, start: 430, end: 460, section: "HPI" }],
      ignored: [],
    },
    {
      status: "fail",
      id: "conservative-treatment-failed",
      title: "Conservative treatment failed",
      severity: "error",
      message: 'Document that conservative treatment (e.g. "physical therapy", eye care) was tried and failed.',
      evidence: [],
      ignored: [
        { text: "no prior physiotherapy", line: 15, column: 1, start: 470, end: 492, reason: "negated", trigger: "no", section: "HPI" },
        { text: "declined, will consider", line: 16, column: 7, start: 500, end: 523, reason: "hypothetical", section: null },
      ],
    },
    {
      id: "procedure-details",
      title: "Details of the procedure",
      severity: "error",
      status: "fail",
      message: "Describe the coaptation of the hypoglossal and facial nerves.",
      missing: ["nerves-coapted", "magnification"],
      evidence: [
        { text: "hypoglossal nerve was identified", line: 30, column: 2, start: 900, end: 932, section: "PROCEDURE", part: "hypoglossal-identified" },
      ],
      ignored: [],
    },
    {
      id: "postop-progress",
      title: "Post-operative progress",
      severity: "error",
      status: "pass",
      evidence: [{ text: "tolerated the procedure well", line: 40, column: 1, start: 1000, end: 1028, section: "DISPOSITION" }],
      ignored: [],
    },
    {
      id: "laterality",
      title: "Side of the paralysis",
      severity: "warning",
      status: "fail",
      message: "State which side is paralysed (left or right).",
      evidence: [],
      ignored: [],
    },
  ],
};

export const errorNote: FileResult = {
  file: "=cmd|' /C calc'!A0.txt",
  status: "error",
  error: ERROR_MESSAGE,
  rules: [],
};

function summarise(results: FileResult[]): Report {
  return buildReport("64868", "0.1.0", results);
}

export const batchReport = (): Report => summarise(structuredClone([passingNote, failingNote, errorNote]));
export const singlePassReport = (): Report => summarise(structuredClone([passingNote]));
export const singleFailReport = (): Report => summarise(structuredClone([failingNote]));
export const emptyReport = (): Report => summarise([]);

/** Every report the format-agnostic tests run over. */
export const REPORTS: [string, () => Report][] = [
  ["batch", batchReport],
  ["single pass", singlePassReport],
  ["single fail", singleFailReport],
  ["empty", emptyReport],
];

/** Failed rules (any severity) of notes that were checked, and notes in error. */
export function failureCounts(report: Report): { failedRules: number; failedErrorRules: number; errors: number; rules: number } {
  let failedRules = 0;
  let failedErrorRules = 0;
  let rules = 0;
  for (const r of report.results) {
    for (const rule of r.rules) {
      rules++;
      if (rule.status === "fail") {
        failedRules++;
        if (rule.severity === "error") failedErrorRules++;
      }
    }
  }
  return { failedRules, failedErrorRules, errors: report.results.filter((r) => r.status === "error").length, rules };
}
