/** Checking one decoded note against a compiled pack. */
import { evaluateRule } from "./evaluate.js";
import type { RulePack } from "./rules/compile.js";
import { NoteDocument } from "./text/document.js";
import type { FileResult } from "./types.js";

export interface CheckOptions {
  pack: RulePack;
  /** Shown as `file` in the result (the input id in stream mode). */
  file?: string;
  encoding?: string;
}

export function checkText(text: string, opts: CheckOptions): FileResult {
  const doc = new NoteDocument(text, opts.pack.lexicons);
  const cache = new Map();
  const rules = opts.pack.rules.map((r) => evaluateRule(doc, r, cache));
  const failed = rules.some((r) => r.status === "fail" && r.severity === "error");
  return {
    file: opts.file ?? "-",
    status: failed ? "fail" : "pass",
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    rules,
  };
}
