/** Shapes shared by the engine, the formatters and the library API (SPEC.md, JSON report v1). */

export type Severity = "error" | "warning";
export type ContextCategory = "negated" | "possible" | "hypothetical" | "historical" | "family";
export const CONTEXT_CATEGORIES: readonly ContextCategory[] = [
  "negated",
  "possible",
  "hypothetical",
  "historical",
  "family",
];

/** A span of the decoded note: `text === note.slice(start, end)`; line/column are 1-based. */
export interface Span {
  text: string;
  line: number;
  column: number;
  start: number;
  end: number;
}

export interface Evidence extends Span {
  section: string | null;
  /** Name of the check part this evidence satisfies (for rules with several parts). */
  part?: string;
}

export interface IgnoredMention extends Span {
  /** negated | possible | hypothetical | historical | family | section | a rule-defined reason */
  reason: string;
  /** The words that caused the mention to be ignored, when there are some. */
  trigger?: string;
  section: string | null;
  part?: string;
}

export interface RuleResult {
  id: string;
  title: string;
  severity: Severity;
  status: "pass" | "fail";
  message?: string;
  /** Names of the parts of an `all` check that were not documented. */
  missing?: string[];
  evidence: Evidence[];
  ignored: IgnoredMention[];
}

export interface FileResult {
  file: string;
  status: "pass" | "fail" | "error";
  error?: string;
  encoding?: string;
  rules: RuleResult[];
}

export interface Summary {
  files: number;
  passed: number;
  failed: number;
  errors: number;
}

export interface Report {
  tool: { name: string; version: string };
  code: string;
  results: FileResult[];
  summary: Summary;
}

/** Context of one mention, as `assessContext` returns it (SPEC.md, Library API). */
export interface ContextAssessment {
  negated: boolean;
  possible: boolean;
  hypothetical: boolean;
  historical: boolean;
  family: boolean;
  triggers: { text: string; category: ContextCategory | "section"; start: number; end: number }[];
  section?: string | null;
}

/** A user-facing error: printed as one line, never with a stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
    this.name = "UserError";
  }
}
