/**
 * A ConText engine (Harkema et al. 2009, after medspaCy): triggers found in a sentence open a scope
 * forward, backward or both, limited by the trigger's maximum scope, the sentence, a terminator
 * ("but", "however") or a conflicting trigger; pseudo-triggers ("no change") only occupy their
 * words so that the shorter trigger inside them ("no") does not fire. A mention in a trigger's
 * scope takes the trigger's category, unless the trigger lies inside the mention itself (the
 * failure signal "no recovery" is not a negated recovery).
 */
import type { Token } from "../text/tokenize.js";
import { tokenAt } from "../text/tokenize.js";
import type { ContextLexicon, ContextTrigger } from "./lexicon.js";

export interface TriggerHit {
  trigger: ContextTrigger;
  /** Token range of the trigger words, [from, to). */
  from: number;
  to: number;
  /** Character span of the trigger words. */
  start: number;
  end: number;
  /** Token range of the scope, [scopeFrom, scopeTo). */
  scopeFrom: number;
  scopeTo: number;
}

/** Find the triggers of one sentence (tokens [from, to)) and compute their scopes. */
export function analyzeSentence(
  lex: ContextLexicon,
  text: string,
  tokens: readonly Token[],
  from: number,
  to: number,
  sentenceStart: number,
  sentenceEnd: number,
  /**
   * The triggers starting with each token's word, by word id (`wordOf` maps a token to its word):
   * a note looks each distinct word up once instead of each token of each sentence.
   */
  byWord?: { wordOf: Int32Array; triggers: readonly (ContextTrigger[] | null)[] },
): TriggerHit[] {
  // The longest trigger at each word, then overlaps resolved longest first, so that "is negative
  // for" is not cut into "is negative" + "for" just because it starts earlier.
  const candidates: TriggerHit[] = [];
  for (let i = from; i < to; i++) {
    const cands = byWord ? byWord.triggers[byWord.wordOf[i]!] : lex.byFirstToken.get(tokens[i]!.norm);
    if (!cands) continue;
    for (const c of cands) {
      if (i + c.tokens.length > to) continue;
      let ok = true;
      for (let k = 1; k < c.tokens.length; k++) {
        if (tokens[i + k]!.norm !== c.tokens[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        const j = i + c.tokens.length;
        candidates.push({ trigger: c, from: i, to: j, start: tokens[i]!.start, end: tokens[j - 1]!.end, scopeFrom: j, scopeTo: j });
        break; // sorted longest first
      }
    }
  }
  let hits: TriggerHit[] = candidates;
  // Found left to right: only a candidate that starts inside the one before it can overlap.
  let overlap = false;
  for (let k = 1; k < candidates.length && !overlap; k++) overlap = candidates[k]!.from < candidates[k - 1]!.to;
  if (overlap) {
    const byLength = [...candidates].sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
    const taken = new Uint8Array(to - from);
    hits = [];
    for (const h of byLength) {
      let free = true;
      for (let k = h.from; k < h.to; k++) if (taken[k - from]) free = false;
      if (!free) continue;
      for (let k = h.from; k < h.to; k++) taken[k - from] = 1;
      hits.push(h);
    }
    hits.sort((a, b) => a.from - b.from);
  }

  if (lex.patterns.length > 0) {
    const sentence = text.slice(sentenceStart, sentenceEnd);
    // Each screen once; a pattern whose screen found nothing has nothing to find. The patterns are
    // still tried in the lexicon's order: which of two equally long overlapping matches is kept
    // depends on it.
    const screens = lex.screens;
    let found = 0;
    for (let k = 0; k < screens.length; k++) if (screens[k]!.test(sentence)) found |= 1 << k;
    let added = false;
    for (const p of lex.patterns) {
      if (p.screen >= 0 && (found & (1 << p.screen)) === 0) continue;
      p.pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = p.pattern.exec(sentence)) !== null) {
        if (m[0].length === 0) {
          p.pattern.lastIndex++;
          continue;
        }
        const start = sentenceStart + m.index;
        const end = start + m[0].length;
        // A pattern (checkbox glyphs, blanks) may match no word: it sits between tokens.
        const tFrom = Math.max(from, tokenAt(tokens, start));
        let tTo = tFrom;
        while (tTo < to && tokens[tTo]!.start < end) tTo++;
        // Longest match wins, measured in characters: "☒ no" beats the word "no" inside it.
        const overlapping = hits.filter((h) => h.start < end && start < h.end);
        if (overlapping.some((h) => h.end - h.start >= end - start)) continue;
        for (const h of overlapping) hits.splice(hits.indexOf(h), 1);
        hits.push({ trigger: p, from: tFrom, to: tTo, start, end, scopeFrom: tTo, scopeTo: tTo });
        added = true;
      }
    }
    // The word triggers are in text order already; sorting allocates, so only after a pattern's.
    if (added) hits.sort((a, b) => a.start - b.start);
  }

  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    const { direction, category, maxScope } = hit.trigger;
    if (direction === "pseudo" || direction === "terminate" || category === null) continue;
    const stops = lex.terminatedBy.get(category);
    // A scope to the sentence's end gives way only to a terminator of every category ("but").
    const whole = hit.trigger.toSentenceEnd;
    const ends = (other: TriggerHit, scope: "forward" | "backward") =>
      other !== hit &&
      ((other.trigger.direction === "terminate" &&
        (!other.trigger.terminates || (!whole && other.trigger.terminates.has(category))) &&
        (other.trigger.stops === undefined || other.trigger.stops === scope)) ||
        (!whole &&
          other.trigger.category !== null &&
          other.trigger.direction !== "pseudo" &&
          stops?.has(other.trigger.category) === true));
    if (direction === "forward" || direction === "bidirectional") {
      let end = Math.min(to, hit.to + maxScope);
      let stopped = false;
      for (let k = h + 1; k < hits.length; k++) {
        const o = hits[k]!;
        if (o.from >= end) break;
        // A colon with no word between it and the trigger ("Denies: fever") ends nothing; a
        // closing bracket ends an aside the trigger is in, not one opened after it ("Goal of
        // surgery (counselled): House-Brackmann III").
        if (
          o.from >= hit.to &&
          ends(o, "forward") &&
          (o.trigger.endsAdjacent || o.from > hit.to || o.to > o.from) &&
          !(o.trigger.closesAside && opensBetween(text, hit.end, o.start))
        ) {
          end = o.from;
          stopped = true;
          break;
        }
      }
      if (!stopped && end < to && hit.trigger.throughLists && lex.listCoordinators.size > 0) {
        // Cut short by its maximum scope: a list it was in the middle of is still its own.
        // A list may run on for twice a scope's words: "denies h/o head trauma, ear infection, ear surgery,
        // parotid surgery, otalgia, rash/vesicles, tick bite, or recent travel".
        let limit = Math.min(to, end + 2 * maxScope);
        for (let k = h + 1; k < hits.length; k++) {
          const o = hits[k]!;
          if (o.from >= limit) break;
          if (o.from >= end && ends(o, "forward")) {
            limit = o.from;
            break;
          }
        }
        end = listEnd(text, tokens, lex.listCoordinators, hit.to, end, limit);
      }
      hit.scopeTo = end;
    }
    if (direction === "backward" || direction === "bidirectional") {
      let begin = Math.max(from, hit.from - maxScope);
      for (let k = h - 1; k >= 0; k--) {
        const o = hits[k]!;
        if (o.to <= begin) break;
        if (o.to <= hit.from && ends(o, "backward")) {
          begin = o.to;
          break;
        }
      }
      hit.scopeFrom = begin;
    }
    if (direction === "forward") hit.scopeFrom = hit.to;
    if (direction === "backward") hit.scopeTo = hit.from;
  }
  return hits;
}

/**
 * Where a list that a scope [from, end) was cut short in ends: the end of the item after the last
 * coordinator ("or", "nor") before `limit`, when the scope holds a list already (a comma between
 * its words, or a coordinator) and only spaces, line breaks, commas, hyphens and slashes separate
 * the words on the way. Otherwise `end` as it was: "denies any head injury, ear infection or
 * previous ear, parotid or skull base surgery" reaches "skull base surgery".
 */
function listEnd(text: string, tokens: readonly Token[], coordinators: ReadonlySet<string>, from: number, end: number, limit: number): number {
  let inList = false;
  for (let k = from; k < end && !inList; k++) {
    inList = coordinators.has(tokens[k]!.norm) || (k > from && gapHas(text, tokens[k - 1]!.end, tokens[k]!.start, 44));
  }
  if (!inList) return end;
  // The scope may end on the coordinator itself ("... ear surgery, parotid or | skull base surgery").
  let last = coordinators.has(tokens[end - 1]!.norm) ? end - 1 : -1;
  let k = end;
  for (; k < limit; k++) {
    if (!plainGap(text, tokens[k - 1]!.end, tokens[k]!.start)) break;
    if (coordinators.has(tokens[k]!.norm)) last = k;
  }
  if (last < 0 || last + 1 >= k) return end;
  // The last item: its words up to the next comma.
  let itemEnd = last + 2;
  while (itemEnd < k && !gapHas(text, tokens[itemEnd - 1]!.end, tokens[itemEnd]!.start, 44)) itemEnd++;
  return itemEnd;
}

/** Whether a bracket opens in text[a, b) whose close is at b: the aside began after a. */
function opensBetween(text: string, a: number, b: number): boolean {
  return gapHas(text, a, b, 40);
}

function gapHas(text: string, a: number, b: number, code: number): boolean {
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

/** Only spaces, line breaks, commas, hyphens and slashes between two words of a list. */
function plainGap(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 44 && c !== 45 && c !== 47) return false;
  }
  return true;
}

function insideAny(h: TriggerHit, parts: readonly { start: number; end: number }[]): boolean {
  for (let i = 0; i < parts.length; i++) if (h.start >= parts[i]!.start && h.end <= parts[i]!.end) return true;
  return false;
}

/** The triggers whose scope covers the mention (tokens [mFrom, mTo)). */
export function triggersFor(
  hits: readonly TriggerHit[],
  mFrom: number,
  mTo: number,
  span?: { start: number; end: number; parts?: { start: number; end: number }[] },
): TriggerHit[] {
  const out: TriggerHit[] = [];
  // The trigger's own words inside the mention do not modify it ("no recovery" is a finding,
  // a ticked box inside a template row is part of it). The span and its parts are read in two
  // plain loops, not through one array of both: mentions and parts are objects of different
  // shapes, and a site that sees both is slower to optimise and easier to throw away.
  const parts = span?.parts;
  for (const h of hits) {
    if (h.trigger.category === null || h.trigger.direction === "pseudo" || h.trigger.direction === "terminate") continue;
    if (parts) {
      if (insideAny(h, parts)) continue;
    } else if (span) {
      if (h.start >= span.start && h.end <= span.end) continue;
    } else if (h.from < mTo && mFrom < h.to && h.to > h.from) continue;
    const inForward = h.scopeTo > h.to && mFrom < h.scopeTo && mTo > h.to;
    const inBackward = h.scopeFrom < h.from && mFrom < h.from && mTo > h.scopeFrom;
    if (inForward || inBackward) out.push(h);
  }
  return out;
}
