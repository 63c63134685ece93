/**
 * The distinct words of a note and where each occurs, for the matchers' lookups. Flat typed
 * arrays rather than a map of arrays: a note of 1,000 tokens has ~500 distinct words, and an
 * array per word (grown by push) was the largest single allocation of a check (~140 KB a note).
 */
import type { Token } from "./tokenize.js";

export class WordIndex {
  /** Normalised word → word id; ids in order of first occurrence. */
  readonly ids = new Map<string, number>();
  /** Word id → normalised word. */
  readonly words: string[] = [];
  /**
   * Token positions grouped by word, ascending within a word: word `w` occurs at
   * `order[start[w]]` … `order[start[w + 1] - 1]`.
   */
  readonly order: Int32Array;
  readonly start: Int32Array;
  /** Token position → word id. */
  readonly wordOf: Int32Array;

  constructor(tokens: readonly Token[]) {
    const n = tokens.length;
    const wordOf = new Int32Array(n);
    const ids = this.ids;
    const words = this.words;
    for (let i = 0; i < n; i++) {
      const norm = tokens[i]!.norm;
      let id = ids.get(norm);
      if (id === undefined) {
        id = words.length;
        ids.set(norm, id);
        words.push(norm);
      }
      wordOf[i] = id;
    }
    // Counting sort of the token positions by word.
    const start = new Int32Array(words.length + 1);
    for (let i = 0; i < n; i++) start[wordOf[i]! + 1]!++;
    for (let w = 0; w < words.length; w++) start[w + 1]! += start[w]!;
    const fill = start.slice(0, words.length);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[fill[wordOf[i]!]!++] = i;
    this.order = order;
    this.start = start;
    this.wordOf = wordOf;
  }

  /** The positions of a word, ascending, as a new array; undefined when the note lacks it. */
  positions(word: string): number[] | undefined {
    const id = this.ids.get(word);
    if (id === undefined) return undefined;
    const out: number[] = [];
    for (let p = this.start[id]!; p < this.start[id + 1]!; p++) out.push(this.order[p]!);
    return out;
  }
}
