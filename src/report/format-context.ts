/**
 * The formatter contract (after ESLint: a formatter is a pure function of the report) and the few
 * helpers every formatter shares.
 */
import type { Evidence, FileResult, IgnoredMention, Report, RuleResult } from "../types.js";
import type { Styles } from "./styles.js";

export interface FormatContext {
  /** Colour is applied only when true and `styles` is given (chalk is loaded by the caller). */
  color: boolean;
  /** Text format: show only the notes that did not pass. */
  quiet: boolean;
  /** Absolute file paths under cwd are shown relative to it. */
  cwd?: string;
  /** Text format: also show the ignored mentions of passing rules. */
  explain?: boolean;
  styles?: Styles;
}

/*
 * A redacted report (redact.ts) has no `text`/`trigger` on evidence and ignored mentions, so the
 * formatters accept this wider shape; a plain Report is assignable to it.
 */
export type ReportEvidence = Omit<Evidence, "text"> & { text?: string };
export type ReportIgnored = Omit<IgnoredMention, "text" | "trigger"> & {
  text?: string;
  trigger?: string;
};
export type ReportRule = Omit<RuleResult, "evidence" | "ignored"> & {
  evidence: ReportEvidence[];
  ignored: ReportIgnored[];
};
export type ReportFile = Omit<FileResult, "rules"> & { rules: ReportRule[] };
export type MaybeRedactedReport = Omit<Report, "results"> & { results: ReportFile[] };

export type Formatter = (report: MaybeRedactedReport, ctx: FormatContext) => string;

/**
 * A format made note by note, for a document that starts with what only the whole batch knows:
 * `add` keeps what the document needs of each result, `finish` writes it from the report of the
 * results (their outlines will do).
 */
export interface Collector {
  add(result: ReportFile): void;
  finish(report: MaybeRedactedReport): string;
}

/** Rule ids in first-seen order over all results: the pack order when every note ran the pack. */
export function ruleIds(report: MaybeRedactedReport): string[] {
  const seen = new Set<string>();
  for (const result of report.results) for (const rule of result.rules) seen.add(rule.id);
  return [...seen];
}

/** First-seen rule of each id, for its title and severity. */
export function ruleCatalog(report: MaybeRedactedReport): Map<string, ReportRule> {
  const rules = new Map<string, ReportRule>();
  for (const result of report.results)
    for (const rule of result.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  return rules;
}

/**
 * Forward-slash path, relative to cwd when it is absolute and lies under cwd. Done by hand rather
 * than with node:path so that Windows-style paths behave the same on every platform.
 */
export function displayPath(file: string, cwd?: string): string {
  const slashed = file.replace(/\\/g, "/");
  if (!cwd) return slashed;
  const base = cwd.replace(/\\/g, "/").replace(/\/+$/, "");
  if (base !== "" && slashed.startsWith(base + "/")) return slashed.slice(base.length + 1);
  return slashed;
}
