/**
 * Near matcher: every part matches within `within` tokens of the first part, in the same sentence,
 * in any order ("hypoglossal … stimulated", "stimulation of the hypoglossal"), or with `ordered`
 * each part after the one before it ("no … improvement", not "movements …, no forceful
 * exercises"). The mention spans all the parts. Candidates are found by binary search over each
 * part's mentions (sorted by token), so a note full of one term costs n log n, not n².
 */
import type { NoteDocument } from "../text/document.js";
import { dedupe } from "./phrase.js";
import { mention, mentionsOf, type Matcher, type Mention } from "./types.js";

export class NearMatcher implements Matcher {
  readonly kind = "near";

  constructor(
    private readonly parts: readonly Matcher[],
    private readonly within: number,
    private readonly ordered = false,
  ) {}

  find(doc: NoteDocument): Mention[] {
    const found: Mention[][] = [];
    for (const p of this.parts) {
      const list = mentionsOf(doc, p);
      if (list.length === 0) return [];
      found.push(inTokenOrder(list));
    }
    const out: Mention[] = [];
    const n = doc.tokens.length;
    for (const anchor of found[0]!) {
      if (anchor.from >= n) continue;
      const sentence = doc.sentenceOf[anchor.from];
      let span: Mention | null = mention(anchor.start, anchor.end, anchor.from, anchor.to, [...(anchor.parts ?? [anchor])]);
      for (let p = 1; p < found.length && span; p++) {
        const list = found[p]!;
        // Mentions starting in [anchor.from - within - 64, anchor.to + within]; 64 bounds a mention's length.
        let i = lowerBound(list, anchor.from - this.within - 64);
        let best: Mention | null = null;
        let bestGap = Infinity;
        for (; i < list.length && list[i]!.from <= anchor.to + this.within; i++) {
          const m = list[i]!;
          if (m.from >= n || doc.sentenceOf[m.from] !== sentence) continue;
          if (this.ordered && m.from < span.to) continue;
          const gap = m.from >= anchor.to ? m.from - anchor.to : anchor.from >= m.to ? anchor.from - m.to : 0;
          if (gap <= this.within && gap < bestGap) {
            best = m;
            bestGap = gap;
          }
        }
        span = best
          ? mention(
              Math.min(span.start, best.start),
              Math.max(span.end, best.end),
              Math.min(span.from, best.from),
              Math.max(span.to, best.to),
              [...span.parts!, ...(best.parts ?? [{ start: best.start, end: best.end }])],
            )
          : null;
      }
      if (span) {
        span.parts = span.parts!.map((p) => ({ start: p.start, end: p.end }));
        out.push(span);
      }
    }
    return dedupe(out);
  }
}

/** The mentions ordered by first token: as found (matchers return them in order) unless they are not. */
function inTokenOrder(list: Mention[]): Mention[] {
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1]!.from > list[i]!.from) return list.slice().sort((a, b) => a.from - b.from);
  }
  return list;
}

function lowerBound(list: readonly Mention[], from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.from < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
