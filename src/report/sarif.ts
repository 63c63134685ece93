/**
 * SARIF 2.1.0, for code-scanning viewers (GitHub, VS Code SARIF viewer, Azure DevOps): one result
 * per failed rule of each note, located at its first evidence or ignored mention, and one
 * `input-error` result per note that could not be read.
 */
import {
  displayPath,
  ruleCatalog,
  type Collector,
  type FormatContext,
  type MaybeRedactedReport,
  type ReportEvidence,
  type ReportIgnored,
  type ReportRule,
} from "./format-context.js";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INPUT_ERROR = "input-error";

type Level = "error" | "warning";
interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

function level(severity: string): Level {
  return severity === "error" ? "error" : "warning";
}

/** A URI reference: relative paths stay relative (what viewers resolve against the repo root). */
export function fileUri(file: string, cwd?: string): string {
  const path = displayPath(file, cwd);
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  if (/^[A-Za-z]:\//.test(path)) return "file:///" + path.slice(0, 2) + encoded.slice(4);
  if (path.startsWith("/")) return "file://" + encoded;
  return encoded;
}

function region(span?: ReportEvidence | ReportIgnored): Region {
  if (!span) return { startLine: 1, startColumn: 1 };
  const startLine = Math.max(1, span.line);
  const startColumn = Math.max(1, span.column);
  // The end needs the quoted words; a redacted report locates the start only.
  if (span.text === undefined || span.text === "") return { startLine, startColumn };
  const lines = span.text.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1];
  return lines.length === 1
    ? { startLine, startColumn, endLine: startLine, endColumn: startColumn + last.length }
    : { startLine, startColumn, endLine: startLine + lines.length - 1, endColumn: last.length + 1 };
}

function physical(uri: string, span?: ReportEvidence | ReportIgnored) {
  return { physicalLocation: { artifactLocation: { uri }, region: region(span) } };
}

function ignoredMessage(mention: ReportIgnored): string {
  const why = mention.trigger ? `${mention.reason}: "${mention.trigger}"` : mention.reason;
  return `ignored (${why})`;
}

function ruleResult(rule: ReportRule, ruleIndex: number, uri: string) {
  const text = rule.message?.trim() || `${rule.title}: not documented.`;
  const where = rule.evidence[0] ?? rule.ignored[0];
  return {
    ruleId: rule.id,
    ruleIndex,
    level: level(rule.severity),
    message: { text },
    locations: [physical(uri, where)],
    // Why mentions did not count is what an auditor asks first; viewers list these beside the result.
    ...(rule.ignored.length > 0 && {
      relatedLocations: rule.ignored.map((mention, id) => ({
        id,
        ...physical(uri, mention),
        message: { text: ignoredMessage(mention) },
      })),
    }),
    ...(rule.missing && rule.missing.length > 0 && { properties: { missing: rule.missing } }),
  };
}

/** What SARIF needs of a note: its URI, and its failed rules or its error. */
interface NoteFailures {
  uri: string;
  error?: string;
  failed: ReportRule[];
}

/**
 * SARIF made from the notes one at a time: `add` keeps only what a note's results need (its
 * failed rules), so that a batch need not keep every full result until the end; `finish` writes
 * the document, with the rules taken from the report's results (outlines will do).
 */
export function sarifCollector(ctx?: FormatContext): Collector {
  const notes: NoteFailures[] = [];
  return {
    add(result) {
      const uri = fileUri(result.file, ctx?.cwd);
      if (result.status === "error") notes.push({ uri, error: result.error?.trim() || "The note could not be read.", failed: [] });
      else notes.push({ uri, failed: result.rules.filter((rule) => rule.status === "fail") });
    },
    finish(report) {
      return sarifDocument(report, notes);
    },
  };
}

export function formatSarif(report: MaybeRedactedReport, ctx?: FormatContext): string {
  const collector = sarifCollector(ctx);
  for (const result of report.results) collector.add(result);
  return collector.finish(report);
}

function sarifDocument(report: MaybeRedactedReport, notes: readonly NoteFailures[]): string {
  const catalog = ruleCatalog(report);
  const rules: object[] = [...catalog.values()].map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.title },
    defaultConfiguration: { level: level(rule.severity) },
  }));
  const index = new Map([...catalog.keys()].map((id, i) => [id, i]));
  // A pack could itself define "input-error"; the driver must not list an id twice.
  if (report.results.some((r) => r.status === "error") && !index.has(INPUT_ERROR)) {
    index.set(INPUT_ERROR, rules.length);
    rules.push({
      id: INPUT_ERROR,
      shortDescription: { text: "The note could not be read or decoded" },
      defaultConfiguration: { level: "error" },
    });
  }

  const results: object[] = [];
  for (const note of notes) {
    if (note.error !== undefined) {
      results.push({
        ruleId: INPUT_ERROR,
        ruleIndex: index.get(INPUT_ERROR),
        level: "error",
        message: { text: note.error },
        locations: [physical(note.uri)],
      });
      continue;
    }
    for (const rule of note.failed) results.push(ruleResult(rule, index.get(rule.id)!, note.uri));
  }

  const sarif = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: report.tool.name || "cpt-check", version: report.tool.version, rules },
        },
        // Our columns count UTF-16 code units (src/text/lines.ts); SARIF's default is the same,
        // but saying so keeps viewers from guessing.
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
