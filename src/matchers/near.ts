/**
 * Near matcher: every part matches within `within` tokens of the first part, in the same sentence,
 * in any order ("hypoglossal … stimulated", "stimulation of the hypoglossal"). The mention spans
 * all the parts.
 */
import type { NoteDocument } from "../text/document.js";
import { dedupe } from "./phrase.js";
import type { Matcher, Mention } from "./types.js";

export class NearMatcher implements Matcher {
  readonly kind = "near";

  constructor(
    private readonly parts: readonly Matcher[],
    private readonly within: number,
  ) {}

  find(doc: NoteDocument): Mention[] {
    const found = this.parts.map((p) => p.find(doc));
    if (found.some((f) => f.length === 0)) return [];
    const out: Mention[] = [];
    for (const anchor of found[0]!) {
      const sentence = doc.sentenceOf[anchor.from];
      let span: Mention | null = { ...anchor };
      for (let p = 1; p < found.length && span; p++) {
        let best: Mention | null = null;
        let bestGap = Infinity;
        for (const m of found[p]!) {
          if (m.from >= doc.tokens.length || doc.sentenceOf[m.from] !== sentence) continue;
          const gap = m.from >= anchor.to ? m.from - anchor.to : anchor.from >= m.to ? anchor.from - m.to : 0;
          if (gap <= this.within && gap < bestGap) {
            best = m;
            bestGap = gap;
          }
        }
        span = best
          ? {
              start: Math.min(span.start, best.start),
              end: Math.max(span.end, best.end),
              from: Math.min(span.from, best.from),
              to: Math.max(span.to, best.to),
            }
          : null;
      }
      if (span) out.push(span);
    }
    return dedupe(out);
  }
}
