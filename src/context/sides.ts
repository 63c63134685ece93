/**
 * The side of the body a note's condition is on, and whether a clause speaks of the other side
 * (a pack's `sides`, a rule's `other_side`: see SidesSpec in rules/spec.ts). The words are found
 * by the pack's matchers; these functions only weigh them.
 */
import type { Mention } from "../matchers/types.js";
import type { Sentence } from "../text/sentences.js";

export const LEFT = 1;
export const RIGHT = 2;

/** A side word: where it starts and which side it names. */
export interface SideWord {
  start: number;
  side: number;
}

/** Mentions in text order, one for each place ("right" and "right-sided" at one word are one). */
export function byStart(list: Mention[]): Mention[] {
  list.sort((a, b) => a.start - b.start);
  let n = 0;
  for (const m of list) if (n === 0 || list[n - 1]!.start !== m.start) list[n++] = m;
  list.length = n;
  return list;
}

/**
 * The note's side: the one whose words stand within `within` words of the condition's affirmed
 * mentions (in one sentence) at least three times as often as the other's; 0 when neither does.
 * `sentenceOf` maps a token to its sentence.
 */
export function noteSide(
  left: readonly Mention[],
  right: readonly Mention[],
  affected: readonly Mention[],
  within: number,
  sentenceOf: Int32Array,
): number {
  const tokens = sentenceOf.length;
  const covered = new Uint8Array(tokens);
  for (const a of affected) for (let t = a.from; t < a.to && t < tokens; t++) covered[t] = 1;
  const beside = (m: Mention): boolean => {
    const s = m.from < tokens ? sentenceOf[m.from] : -1;
    const lo = Math.max(0, m.from - within - 1);
    const hi = Math.min(tokens, m.to + within + 1);
    for (let t = lo; t < hi; t++) if (covered[t] === 1 && sentenceOf[t] === s) return true;
    return false;
  };
  let l = 0;
  let r = 0;
  for (const m of left) if (beside(m)) l++;
  for (const m of right) if (beside(m)) r++;
  if (l > 0 && l >= 3 * r) return LEFT;
  if (r > 0 && r >= 3 * l) return RIGHT;
  return 0;
}

/**
 * The sides a mention's clause names: its sentence cut at semicolons ("prednisolone at onset; 12
 * months of physiotherapy with no recovery; botulinum to the right side" is three clauses), and
 * in a table the header of the mention's column. `words` are in text order.
 */
export function clauseSides(
  text: string,
  sentence: Sentence,
  m: Mention,
  words: readonly SideWord[],
  header: { start: number; end: number } | undefined,
): number {
  let from = m.start;
  while (from > sentence.start && text.charCodeAt(from - 1) !== 59) from--;
  let to = m.end;
  while (to < sentence.end && text.charCodeAt(to) !== 59) to++;
  let named = 0;
  for (const w of words) {
    if (header && w.start >= header.start && w.start < header.end) named |= w.side;
    if (w.start >= from && w.start < to) named |= w.side;
  }
  return named;
}

/** The other side than `side` (LEFT or RIGHT). */
export function otherThan(side: number): number {
  return side === LEFT ? RIGHT : LEFT;
}
