/**
 * Phrase matching over tokens, shared by the keyword, stem and fuzzy matchers. A phrase is a
 * sequence of normalised tokens; between two of its words the note may have only spaces, line
 * breaks, hyphens, dashes or slashes ("House-Brackmann", "House–Brackmann", "House\nBrackmann").
 * A multi-word phrase also matches its words written together ("CN XII" / "CNXII").
 */
import type { NoteDocument } from "../text/document.js";
import { TwinRegExp } from "../text/chars.js";
import { termWords } from "../text/tokenize.js";
import { mention, type Mention } from "./types.js";

export const GAP = new TwinRegExp(String.raw`^[\s\p{Pd}\/\u00ad]{0,8}$`, "u", /^[\s\-\/]{0,8}$/);

/** Whether the text between two words may lie inside a phrase; a single space needs no regex. */
export function gapAllowed(text: string, from: number, to: number): boolean {
  if (to - from === 1 && text.charCodeAt(from) === 32) return true;
  if (to - from > 8) return false;
  const gap = text.slice(from, to);
  return GAP.for(gap).test(gap);
}

export interface Phrase {
  words: string[];
}

export function toPhrases(terms: readonly string[], mapWord: (w: string) => string = (w) => w): Phrase[] {
  const out: Phrase[] = [];
  const seen = new Set<string>();
  const add = (words: string[]) => {
    const key = words.join(" ");
    if (words.length > 0 && !seen.has(key)) {
      seen.add(key);
      out.push({ words });
    }
  };
  for (const term of terms) {
    const norms = termWords(term);
    const words = norms.map(mapWord);
    add(words);
    if (words.length > 1) add([mapWord(norms.join(""))]);
  }
  return out;
}

/**
 * Find every occurrence of the phrases. `positions(word)` gives the candidate token positions of a
 * phrase's first word; `same(tokenIndex, word)` tells whether a token stands for a phrase word.
 */
export function findPhrases(
  doc: NoteDocument,
  phrases: readonly Phrase[],
  positions: (word: string) => readonly number[] | undefined,
  same: (tokenIndex: number, word: string) => boolean,
): Mention[] {
  const toks = doc.tokens;
  const text = doc.text;
  const out: Mention[] = [];
  // Indexed loops: before V8 optimises this (a one-note run), `for…of` allocates an iterator
  // result for every step (~120 KB a note).
  for (let q = 0; q < phrases.length; q++) {
    const p = phrases[q]!;
    const starts = positions(p.words[0]!);
    if (!starts) continue;
    next: for (let j = 0; j < starts.length; j++) {
      const i = starts[j]!;
      const last = i + p.words.length - 1;
      if (last >= toks.length) continue;
      for (let k = 1; k < p.words.length; k++) {
        const t = i + k;
        if (!same(t, p.words[k]!)) continue next;
        if (!gapAllowed(text, toks[t - 1]!.end, toks[t]!.start)) continue next;
      }
      out.push(mention(toks[i]!.start, toks[last]!.end, i, last + 1));
    }
  }
  return dedupe(out);
}

const byPosition = (a: Mention, b: Mention): number => a.start - b.start || b.end - a.end;

/** Sort by position and drop mentions contained in a longer one. */
export function dedupe(mentions: Mention[]): Mention[] {
  if (mentions.length < 2) return mentions;
  // Usually found in order already; sorting allocates, checking does not.
  for (let i = 1; i < mentions.length; i++) {
    if (byPosition(mentions[i - 1]!, mentions[i]!) > 0) {
      mentions.sort(byPosition);
      break;
    }
  }
  const out: Mention[] = [];
  let reach = -1;
  for (const m of mentions) {
    if (m.end <= reach) continue;
    out.push(m);
    reach = m.end;
  }
  return out;
}
