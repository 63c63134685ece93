/**
 * The human report, in the manner of ESLint's "stylish" and Vale: a heading per note, a line per
 * rule, the evidence under it, and a summary. Symbols and words (✓ ✗ !, PASS FAIL ERROR) carry the
 * meaning; colour only repeats it.
 *
 * Passing rules show their evidence; failing rules also show what to add and every ignored
 * mention with its reason. `ctx.explain` shows the ignored mentions of passing rules too.
 */
import {
  displayPath,
  ruleCatalog,
  type FormatContext,
  type MaybeRedactedReport,
  type ReportEvidence,
  type ReportFile,
  type ReportIgnored,
  type ReportRule,
} from "./format-context.js";
import { plainStyles, type Styles } from "./styles.js";

const MAX_QUOTE = 200;

/**
 * Note text, file names and messages go to a terminal: control characters (an ESC could rewrite
 * the screen) and bidirectional overrides (they can reorder what is shown) become spaces, and
 * line breaks are folded so that a quote stays on its line.
 */
export function oneLine(value: string): string {
  return value
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]+/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

function quote(text: string): string {
  const flat = oneLine(text);
  const chars = [...flat];
  return '"' + (chars.length > MAX_QUOTE ? chars.slice(0, MAX_QUOTE).join("") + "…" : flat) + '"';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

class TextWriter {
  readonly lines: string[] = [];
  constructor(
    private readonly s: Styles,
    private readonly ctx: FormatContext,
  ) {}

  file(result: ReportFile): void {
    const s = this.s;
    const path = s.bold(oneLine(displayPath(result.file, this.ctx.cwd)));
    const status =
      result.status === "pass"
        ? s.green("PASS")
        : result.status === "fail"
          ? s.red("FAIL")
          : s.bold(s.red("ERROR"));
    this.lines.push(`${path}  ${status}`);
    if (result.status === "error") {
      this.lines.push(`  ${s.red("✗")} ${oneLine(result.error ?? "the note could not be read")}`);
      return;
    }
    const width = Math.max(0, ...result.rules.map((r) => r.id.length));
    for (const rule of result.rules) this.rule(rule, width);
  }

  private rule(rule: ReportRule, width: number): void {
    const s = this.s;
    const warning = rule.severity === "warning";
    const mark = rule.status === "pass" ? s.green("✓") : warning ? s.yellow("!") : s.red("✗");
    const tag = warning ? s.dim("  (warning)") : "";
    this.lines.push(`  ${mark} ${rule.id.padEnd(width)}  ${oneLine(rule.title)}${tag}`);

    const failed = rule.status === "fail";
    if (failed && rule.message) {
      const message = oneLine(rule.message);
      this.lines.push(`    ${warning ? s.yellow(message) : message}`);
    }
    if (failed && rule.missing && rule.missing.length > 0)
      this.lines.push(`    missing: ${rule.missing.map(oneLine).join(", ")}`);

    const showIgnored = failed || this.ctx.explain === true;
    const spans = [...rule.evidence, ...(showIgnored ? rule.ignored : [])];
    const posWidth = Math.max(0, ...spans.map((x) => `${x.line}:${x.column}`.length));
    for (const e of rule.evidence) this.evidence(e, posWidth);
    if (showIgnored) for (const i of rule.ignored) this.ignored(i, posWidth);
  }

  private evidence(e: ReportEvidence, posWidth: number): void {
    const s = this.s;
    const parts = [s.dim(`${e.line}:${e.column}`.padEnd(posWidth))];
    // A redacted report has no quoted words: the position and section still say where to look.
    if (e.text !== undefined) parts.push(s.cyan(quote(e.text)));
    if (e.section) parts.push(s.dim(`(${oneLine(e.section)})`));
    if (e.part) parts.push(s.dim(`[${oneLine(e.part)}]`));
    this.lines.push(`    ${parts.join("  ")}`);
  }

  private ignored(i: ReportIgnored, posWidth: number): void {
    const why = i.trigger !== undefined ? `${oneLine(i.reason)}: ${quote(i.trigger)}` : oneLine(i.reason);
    let line = `${`${i.line}:${i.column}`.padEnd(posWidth)}  ignored (${why})`;
    if (i.text !== undefined) line += `: ${quote(i.text)}`;
    if (i.section) line += `  (${oneLine(i.section)})`;
    this.lines.push(`    ${this.s.dim(line)}`);
  }

  summary(report: MaybeRedactedReport): void {
    const s = this.s;
    const results = report.results;
    const passed = results.filter((r) => r.status === "pass").length;
    const failed = results.filter((r) => r.status === "fail").length;
    const errors = results.filter((r) => r.status === "error").length;
    const counts = [
      passed > 0 ? s.green(`${passed} passed`) : `${passed} passed`,
      failed > 0 ? s.red(`${failed} failed`) : `${failed} failed`,
      errors > 0 ? s.red(plural(errors, "error", "errors")) : plural(errors, "error", "errors"),
    ];
    this.lines.push(s.bold(`${plural(results.length, "note", "notes")}:`) + ` ${counts.join(", ")}`);
    if (results.length <= 1) return;

    // Which rules a batch fails most is what a batch author looks at first.
    const checked = results.length - errors;
    const catalog = ruleCatalog(report);
    const width = Math.max(0, ...[...catalog.keys()].map((id) => id.length));
    if (catalog.size > 0) this.lines.push("Failed, by rule:");
    for (const [id, rule] of catalog) {
      const n = results.filter((r) => r.rules.some((x) => x.id === id && x.status === "fail")).length;
      const count = `${n} of ${plural(checked, "note", "notes")}`;
      const tag = rule.severity === "warning" ? "  (warning)" : "";
      const shown = n === 0 ? s.dim(count) : rule.severity === "warning" ? s.yellow(count) : s.red(count);
      this.lines.push(`  ${id.padEnd(width)}  ${shown}${s.dim(tag)}`);
    }
  }
}

function stylesOf(ctx: FormatContext): Styles {
  return ctx.color && ctx.styles ? ctx.styles : plainStyles;
}

/**
 * One note's part of the report, with the blank line after it ("" for a passing note under
 * `quiet`): a batch writes each as soon as the notes before it are done (see cli.ts).
 */
export function formatTextResult(result: ReportFile, ctx: FormatContext): string {
  if (ctx.quiet && result.status === "pass") return "";
  const writer = new TextWriter(stylesOf(ctx), ctx);
  writer.file(result);
  return writer.lines.join("\n") + "\n\n";
}

/** The closing summary; it reads only statuses and rule ids, so outlines of the results do. */
export function formatTextSummary(report: MaybeRedactedReport, ctx: FormatContext): string {
  const writer = new TextWriter(stylesOf(ctx), ctx);
  writer.summary(report);
  return writer.lines.join("\n") + "\n";
}

export function formatText(report: MaybeRedactedReport, ctx: FormatContext): string {
  let out = "";
  for (const result of report.results) out += formatTextResult(result, ctx);
  return out + formatTextSummary(report, ctx);
}
