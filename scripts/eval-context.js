#!/usr/bin/env node
/**
 * Measures `assessContext` on annotated sentences (run `npm run build` first).
 *
 *   node scripts/eval-context.js [FILE] [--negex] [--errors N]
 *
 * FILE is JSONL (default fixtures/context/sentences.jsonl), one object a line:
 *   {"text", "target", "negated", "possible", "hypothetical", "historical", "family"}
 * With --negex, FILE is a TSV in the NegEx test-set layout `id<TAB>concept<TAB>sentence<TAB>label`
 * (label Affirmed/Negated; a header line and extra columns are ignored), and only negation is scored.
 *
 * The mention judged is the first case-insensitive occurrence of the target. Prints, per category,
 * TP/FP/FN/TN, precision, recall and F1, then the first N disagreements (default 40).
 * Exit 0 whatever the scores (this is a measurement); exit 2 on unreadable or malformed input.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const CATEGORIES = ["negated", "possible", "hypothetical", "historical", "family"];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_FILE = join(ROOT, "fixtures", "context", "sentences.jsonl");
const USAGE = "usage: node scripts/eval-context.js [FILE] [--negex] [--errors N]\n";

/** Bad input: reported as one line (a line number, never sentence text) and exit 2. */
export class InputError extends Error {}

/**
 * Offsets of the first case-insensitive occurrence of `target` in `text`; whitespace inside the
 * target matches any run of whitespace, because published sets are not always spaced alike.
 */
export function findTarget(text, target) {
  const i = text.toLowerCase().indexOf(target.toLowerCase());
  if (i >= 0) return { start: i, end: i + target.length };
  const words = target.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+"), "i");
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** Cases from the JSONL format; every category label defaults to false when absent. */
export function parseJsonl(source) {
  const cases = [];
  source.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let o;
    try {
      o = JSON.parse(line);
    } catch {
      throw new InputError(`line ${i + 1}: not valid JSON`);
    }
    if (!o || typeof o.text !== "string" || typeof o.target !== "string" || !o.target.trim()) {
      throw new InputError(`line ${i + 1}: needs string "text" and non-empty "target"`);
    }
    const expected = {};
    for (const c of CATEGORIES) {
      if (o[c] !== undefined && typeof o[c] !== "boolean") throw new InputError(`line ${i + 1}: "${c}" must be a boolean`);
      expected[c] = o[c] === true;
    }
    cases.push({ line: i + 1, text: o.text, target: o.target, expected, categories: CATEGORIES });
  });
  return cases;
}

/** Cases from a NegEx-layout TSV; only the `negated` category is labelled. */
export function parseNegexTsv(source) {
  const cases = [];
  const unquote = (s) => {
    const t = s.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
  };
  source.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const cols = line.split("\t");
    const label = cols.length >= 4 ? unquote(cols[3]).toLowerCase() : "";
    if (label !== "affirmed" && label !== "negated") {
      if (cases.length === 0 && i === firstNonBlank(source)) return; // a header line
      throw new InputError(`line ${i + 1}: expected id<TAB>concept<TAB>sentence<TAB>Affirmed|Negated`);
    }
    const target = unquote(cols[1]);
    if (!target) throw new InputError(`line ${i + 1}: empty concept`);
    cases.push({
      line: i + 1,
      id: unquote(cols[0]),
      text: unquote(cols[2]),
      target,
      expected: { negated: label === "negated" },
      categories: ["negated"],
    });
  });
  return cases;
}

function firstNonBlank(source) {
  return source.split(/\r?\n/).findIndex((l) => l.trim() !== "");
}

const ratio = (a, b) => (b === 0 ? null : a / b);

/**
 * Runs `assess(text, {start, end})` on every case and scores each labelled category.
 * A case whose target is absent is skipped (and counted) when `skipMissing`, else bad input.
 */
export function evaluate(cases, assess, { skipMissing = false } = {}) {
  const counts = {};
  const errors = [];
  let skipped = 0;
  let scored = 0;
  let exact = 0;
  for (const k of cases) {
    const span = findTarget(k.text, k.target);
    if (!span) {
      if (skipMissing) {
        skipped++;
        continue;
      }
      throw new InputError(`line ${k.line}: target not found in its sentence`);
    }
    const ctx = assess(k.text, span);
    scored++;
    const wrong = [];
    for (const c of k.categories) {
      const m = (counts[c] ??= { tp: 0, fp: 0, fn: 0, tn: 0 });
      const want = k.expected[c] === true;
      const got = ctx[c] === true;
      if (want && got) m.tp++;
      else if (!want && got) m.fp++;
      else if (want && !got) m.fn++;
      else m.tn++;
      if (want !== got) wrong.push(c);
    }
    if (wrong.length === 0) exact++;
    else {
      errors.push({
        line: k.line,
        text: k.text,
        target: k.target,
        wrong,
        expected: k.categories.filter((c) => k.expected[c]),
        got: k.categories.filter((c) => ctx[c] === true),
        triggers: (ctx.triggers ?? []).map((t) => `${t.text}:${t.category}`),
      });
    }
  }
  const categories = {};
  for (const c of CATEGORIES) {
    const m = counts[c];
    if (!m) continue;
    const precision = ratio(m.tp, m.tp + m.fp);
    const recall = ratio(m.tp, m.tp + m.fn);
    const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    categories[c] = { ...m, precision, recall, f1 };
  }
  return { scored, skipped, exact, categories, errors };
}

const fmt = (x) => (x === null ? "n/a" : x.toFixed(3));
const labels = (xs) => (xs.length ? xs.join(",") : "affirmed");

export function formatReport(result, maxErrors = 40) {
  const out = [];
  out.push(`sentences scored: ${result.scored}` + (result.skipped ? `  (skipped, target not found: ${result.skipped})` : ""));
  out.push(`all categories right: ${result.exact}/${result.scored}`);
  out.push("");
  out.push("category      TP    FP    FN    TN  precision  recall     F1");
  for (const [c, m] of Object.entries(result.categories)) {
    out.push(
      `${c.padEnd(12)} ${String(m.tp).padStart(3)}   ${String(m.fp).padStart(3)}   ${String(m.fn).padStart(3)}   ${String(m.tn).padStart(3)}` +
        `  ${fmt(m.precision).padStart(9)}  ${fmt(m.recall).padStart(6)}  ${fmt(m.f1).padStart(5)}`,
    );
  }
  out.push("");
  out.push(`errors: ${result.errors.length}` + (result.errors.length > maxErrors ? ` (first ${maxErrors} shown)` : ""));
  for (const e of result.errors.slice(0, maxErrors)) {
    out.push(`- line ${e.line} [${e.wrong.join(",")}] target "${e.target}"`);
    out.push(`    ${e.text}`);
    out.push(`    expected: ${labels(e.expected)}  got: ${labels(e.got)}  triggers: ${e.triggers.join(" | ") || "none"}`);
  }
  return out.join("\n") + "\n";
}

function parseArgs(argv) {
  const a = { file: undefined, negex: false, errors: 40 };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--negex") a.negex = true;
    else if (x === "--errors") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new InputError("--errors needs a whole number");
      a.errors = n;
    } else if (x === "-h" || x === "--help") a.help = true;
    else if (x.startsWith("-")) throw new InputError(`unknown option ${x}`);
    else if (a.file === undefined) a.file = x;
    else throw new InputError("only one input file");
  }
  return a;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`eval-context: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const file = args.file ? resolve(args.file) : DEFAULT_FILE;
  let source;
  try {
    source = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    process.stderr.write(`eval-context: cannot read ${file} (${e.code ?? "error"})\n`);
    return 2;
  }
  let dist;
  try {
    dist = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
  } catch {
    process.stderr.write("eval-context: dist/index.js not loadable; run `npm run build` first\n");
    return 2;
  }
  try {
    const cases = args.negex ? parseNegexTsv(source) : parseJsonl(source);
    if (cases.length === 0) throw new InputError("no sentences in input");
    const result = evaluate(cases, dist.assessContext, { skipMissing: args.negex });
    if (result.scored === 0) throw new InputError("no target was found in its sentence");
    process.stdout.write(formatReport(result, args.errors));
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`eval-context: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main();
}
