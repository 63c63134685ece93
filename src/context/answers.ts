/**
 * A form's answers on the line of its item: "Do you drool or spill drinks?   ☐ Yes   ☒ No",
 * "Lagophthalmos | N | cornea clear". The sentence splitter ends a sentence at the question mark,
 * at the box and at the table's bar, so the context engine, which reads one sentence at a time,
 * never sees such an answer beside its item. Here the first answer after a mention on its own
 * line decides: one that says no (a ticked "no", an unticked "yes", an "N" cell) negates the
 * mention; one that says yes leaves it as it is. The patterns are the lexicon's
 * (`line_answers` in rules/common/context.yaml).
 */
import { regexFlags } from "../matchers/regex.js";
import { alternation } from "../matchers/regex-source.js";

export interface LineAnswersSpec {
  negative: string[];
  positive?: string[];
  /** A pattern every note with an answer has (its boxes and bars): a note without it is not searched. */
  screen?: string;
}

export interface LineAnswers {
  /** One global pattern: group 1 is a negative answer, any other match a positive one. */
  pattern: RegExp;
  screen: RegExp | null;
}

export interface Answer {
  start: number;
  end: number;
  negative: boolean;
}

export function compileLineAnswers(spec: LineAnswersSpec): LineAnswers {
  const negative = alternation(spec.negative);
  const positive = alternation(spec.positive ?? []);
  const source = positive ? `(${negative})|${positive}` : `(${negative})`;
  // Multiline: a cell's "$" is its line's end.
  return {
    pattern: new RegExp(source, `${regexFlags(source)}m`),
    screen: spec.screen ? new RegExp(spec.screen, regexFlags(spec.screen).replace("g", "")) : null,
  };
}

/** Every answer in the text, in text order (found once per note). */
export function findAnswers(text: string, answers: LineAnswers): Answer[] {
  const out: Answer[] = [];
  if (answers.screen && !answers.screen.test(text)) return out;
  for (const m of text.matchAll(answers.pattern)) {
    if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length, negative: m[1] !== undefined });
  }
  return out;
}

/**
 * The first answer that starts at or after `offset` on the same line (no line break between), or
 * null. `answers` are in text order.
 */
export function answerAfter(text: string, answers: readonly Answer[], offset: number): Answer | null {
  let lo = 0;
  let hi = answers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (answers[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  const a = answers[lo];
  if (a === undefined) return null;
  for (let i = offset; i < a.start; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return null;
  }
  return a;
}
