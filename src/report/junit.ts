/**
 * JUnit XML, for CI systems that chart test results (Jenkins, GitLab, Azure DevOps): a testsuite
 * per note, a testcase per rule.
 *
 * Mapping:
 * - failed rule of severity error   -> <failure>, the note fails (exit code 1);
 * - failed rule of severity warning -> a passing testcase with the warning in <system-out>: a
 *   warning never fails a note, and <skipped> would claim the check did not run;
 * - note in error                   -> one testcase "input" holding an <error>.
 */
import type { Collector, FormatContext, MaybeRedactedReport, ReportFile, ReportRule } from "./format-context.js";

/** Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped. */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // In attribute values a parser would turn raw whitespace into spaces; keep it as references.
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

export function xmlAttr(value: string): string {
  return value.replace(INVALID_XML, "").replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c]);
}

export function xmlText(value: string): string {
  // "\r" as a reference too: parsers normalise a raw CR to LF.
  return value.replace(INVALID_XML, "").replace(/[&<>\r]/g, (c) => ENTITIES[c]);
}

function position(span: { line: number; column: number; text?: string; section: string | null }): string {
  const words = span.text === undefined ? "" : `  "${span.text}"`;
  const section = span.section ? `  (${span.section})` : "";
  return `${span.line}:${span.column}${words}${section}`;
}

/** The body of a failure or warning: what to add, then why the mentions found did not count. */
function details(rule: ReportRule): string {
  const lines: string[] = [];
  if (rule.message) lines.push(rule.message);
  if (rule.missing && rule.missing.length > 0) lines.push(`missing: ${rule.missing.join(", ")}`);
  for (const e of rule.evidence) lines.push(`evidence ${position(e)}`);
  for (const i of rule.ignored) {
    const why = i.trigger !== undefined ? `${i.reason}: "${i.trigger}"` : i.reason;
    lines.push(`ignored (${why}) ${position(i)}`);
  }
  return lines.join("\n");
}

function ruleCase(file: string, rule: ReportRule): string {
  const attrs = `classname="${xmlAttr(file)}" name="${xmlAttr(rule.id)}"`;
  if (rule.status === "pass") return `    <testcase ${attrs}/>`;
  const open = `    <testcase ${attrs}>`;
  const message = rule.message ?? `${rule.title}: not documented.`;
  if (rule.severity === "error") {
    return [
      open,
      `      <failure message="${xmlAttr(message)}" type="${xmlAttr(rule.id)}">${xmlText(details(rule))}</failure>`,
      `    </testcase>`,
    ].join("\n");
  }
  return [
    open,
    `      <system-out>${xmlText("warning: " + details(rule))}</system-out>`,
    `    </testcase>`,
  ].join("\n");
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
}

function suite(result: ReportFile): { xml: string; counts: Counts } {
  const file = result.file;
  if (result.status === "error") {
    const message = result.error ?? "The note could not be read.";
    const xml = [
      `  <testsuite name="${xmlAttr(file)}" tests="1" failures="0" errors="1" skipped="0">`,
      `    <testcase classname="${xmlAttr(file)}" name="input">`,
      `      <error message="${xmlAttr(message)}" type="input-error"/>`,
      `    </testcase>`,
      `  </testsuite>`,
    ].join("\n");
    return { xml, counts: { tests: 1, failures: 0, errors: 1 } };
  }
  const failures = result.rules.filter((r) => r.status === "fail" && r.severity === "error").length;
  const counts = { tests: result.rules.length, failures, errors: 0 };
  const xml = [
    `  <testsuite name="${xmlAttr(file)}" tests="${counts.tests}" failures="${failures}" errors="0" skipped="0">`,
    ...result.rules.map((rule) => ruleCase(file, rule)),
    `  </testsuite>`,
  ].join("\n");
  return { xml, counts };
}

/**
 * JUnit XML made from the notes one at a time: `add` keeps a note's testsuite as XML text, so that
 * a batch need not keep every full result until the end; `finish` writes the document, whose root
 * carries the totals.
 */
export function junitCollector(): Collector {
  const suites: string[] = [];
  const total: Counts = { tests: 0, failures: 0, errors: 0 };
  return {
    add(result) {
      const { xml, counts } = suite(result);
      suites.push(xml);
      total.tests += counts.tests;
      total.failures += counts.failures;
      total.errors += counts.errors;
    },
    finish(report) {
      return [
        `<?xml version="1.0" encoding="UTF-8"?>`,
        `<testsuites name="${xmlAttr(report.tool.name || "cpt-check")}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}">`,
        ...suites,
        `</testsuites>`,
        "",
      ].join("\n");
    },
  };
}

export function formatJunit(report: MaybeRedactedReport, _ctx?: FormatContext): string {
  const collector = junitCollector();
  for (const result of report.results) collector.add(result);
  return collector.finish(report);
}
