/**
 * `cpt-check eval labels.json`: score the checker against a labelled corpus (SPEC.md). "Positive"
 * is a failed rule, since finding what is missing is the auditor's job: precision and recall are
 * of fail detection. Exits 1 while any disagreement remains.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { checkText } from "./check.js";
import { readNote } from "./input/read.js";
import { stdoutStream } from "./report/stdout.js";
import { loadRulePack } from "./rules/load.js";
import { UserError } from "./types.js";

interface Label {
  file: string;
  expect: Record<string, "pass" | "fail">;
  verdict?: "pass" | "fail";
}

export interface RuleScore {
  id: string;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number | null;
  recall: number | null;
  accuracy: number | null;
}

export interface EvalResult {
  rules: RuleScore[];
  verdict: { correct: number; total: number; accuracy: number | null };
  disagreements: { file: string; rule: string; expected: string; got: string }[];
  errors: { file: string; error: string }[];
}

function readLabels(path: string): Label[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code ? `${path}: cannot read (${code})` : `${path}: not valid JSON`);
  }
  if (!Array.isArray(data)) throw new UserError(`${path}: expected an array of labels`);
  data.forEach((l, i) => {
    if (typeof l !== "object" || l === null || typeof (l as Label).file !== "string" || typeof (l as Label).expect !== "object") {
      throw new UserError(`${path}: label ${i + 1} needs "file" and "expect"`);
    }
  });
  return data as Label[];
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export async function evaluateCorpus(labelsPath: string, packRef: string): Promise<EvalResult> {
  const labels = readLabels(labelsPath);
  const pack = await loadRulePack(packRef);
  const base = dirname(resolve(labelsPath));
  const counts = new Map<string, { tp: number; fp: number; fn: number; tn: number }>();
  const disagreements: EvalResult["disagreements"] = [];
  const errors: EvalResult["errors"] = [];
  let correct = 0;
  let total = 0;
  for (const label of labels) {
    const abs = resolve(base, label.file);
    const decoded = await readNote({ kind: "file", path: label.file, abs }, { maxSize: 10 * 1024 * 1024 });
    if ("error" in decoded) {
      errors.push({ file: label.file, error: decoded.error });
      continue;
    }
    const result = checkText(decoded.text, { pack, file: label.file });
    const got = new Map(result.rules.map((r) => [r.id, r.status]));
    for (const [rule, expected] of Object.entries(label.expect)) {
      const actual = got.get(rule);
      if (actual === undefined) throw new UserError(`${labelsPath}: rule "${rule}" (in ${label.file}) is not in pack ${pack.code}`);
      const c = counts.get(rule) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
      if (expected === "fail" && actual === "fail") c.tp++;
      else if (expected === "pass" && actual === "fail") c.fp++;
      else if (expected === "fail" && actual === "pass") c.fn++;
      else c.tn++;
      counts.set(rule, c);
      if (expected !== actual) disagreements.push({ file: label.file, rule, expected, got: actual });
    }
    const verdict = label.verdict ?? (Object.values(label.expect).every((v) => v === "pass") ? "pass" : "fail");
    const gotVerdict = [...Object.keys(label.expect)].every((r) => got.get(r) === "pass") ? "pass" : "fail";
    total++;
    if (verdict === gotVerdict) correct++;
  }
  const rules = [...counts].map(([id, c]) => ({
    id,
    ...c,
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    accuracy: ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
  }));
  return { rules, verdict: { correct, total, accuracy: ratio(correct, total) }, disagreements, errors };
}

const pct = (v: number | null) => (v === null ? "   -  " : `${(v * 100).toFixed(1).padStart(5)}%`);

export function formatEval(r: EvalResult): string {
  const width = Math.max(4, ...r.rules.map((s) => s.id.length));
  let out = `${"rule".padEnd(width)}   TP   FP   FN   TN  precision  recall  accuracy\n`;
  for (const s of r.rules) {
    out += `${s.id.padEnd(width)} ${[s.tp, s.fp, s.fn, s.tn].map((n) => String(n).padStart(4)).join(" ")}     ${pct(s.precision)}  ${pct(s.recall)}    ${pct(s.accuracy)}\n`;
  }
  out += `\nverdict accuracy: ${r.verdict.correct}/${r.verdict.total} (${pct(r.verdict.accuracy).trim()})\n`;
  if (r.disagreements.length > 0) {
    out += `\n${r.disagreements.length} disagreement${r.disagreements.length === 1 ? "" : "s"}:\n`;
    for (const d of r.disagreements) out += `  ${d.file}  ${d.rule}  expected ${d.expected}, got ${d.got}\n`;
  } else out += "no disagreements\n";
  for (const e of r.errors) out += `  error: ${e.file}: ${e.error}\n`;
  return out;
}

export async function runEval(labelsPath: string, opts: { code: string; rules?: string; format: string }): Promise<number> {
  const r = await evaluateCorpus(labelsPath, opts.rules ?? opts.code);
  stdoutStream().write(opts.format === "json" ? JSON.stringify(r, null, 2) + "\n" : formatEval(r));
  if (r.errors.length > 0) return 2;
  return r.disagreements.length > 0 ? 1 : 0;
}
