/**
 * Union matcher: the mentions of any of its matchers, in text order. It lets one part of a near
 * match be found in several ways ("hypoglossal" near a verb of finding it *or* a landmark of the
 * neck), which the pack writes as an `any` of matchers inside `near`.
 */
import type { NoteDocument } from "../text/document.js";
import { dedupe } from "./phrase.js";
import { mentionsOf, type Matcher, type Mention } from "./types.js";

export class UnionMatcher implements Matcher {
  readonly kind = "union";

  constructor(private readonly members: readonly Matcher[]) {}

  find(doc: NoteDocument): Mention[] {
    const all: Mention[] = [];
    for (const m of this.members) {
      const list = mentionsOf(doc, m);
      for (let i = 0; i < list.length; i++) all.push(list[i]!);
    }
    // In text order; a mention inside an earlier, longer one adds nothing.
    return dedupe(all);
  }
}
