/**
 * `assessContext`: the context of one mention, judged exactly as inside a rule (same sentence
 * splitter, sections and triggers), for callers who want the context engine alone.
 */
import { tokenRange } from "../matchers/types.js";
import { judge } from "../evaluate.js";
import { loadLexicons } from "../rules/load.js";
import { NoteDocument, type TextLexicons } from "../text/document.js";
import type { ContextAssessment } from "../types.js";

export interface AssessOptions {
  /** Lexicons to use; the built-in ones by default. */
  lexicons?: TextLexicons;
}

export function assessContext(text: string, span: { start: number; end: number }, opts: AssessOptions = {}): ContextAssessment {
  const start = Math.max(0, Math.min(span.start, text.length));
  const end = Math.max(start, Math.min(span.end, text.length));
  const doc = new NoteDocument(text, opts.lexicons ?? loadLexicons());
  const range = tokenRange(doc, start, end);
  return judge(doc, { start, end, ...range }).context;
}
