/**
 * The distinct words of a note and where each occurs, for the matchers' lookups. Flat typed
 * arrays rather than a map of arrays: a note of 1,000 tokens has ~500 distinct words, and an
 * array per word (grown by push) was the largest single allocation of a check (~140 KB a note).
 * Words are numbered by the process's vocabulary (see vocabulary.ts) as the tokenizer finds them,
 * so the index needs no map of its own, and facts about a word are kept across notes.
 */
import type { Token } from "./tokenize.js";
import { vocabulary, type NumberedWords } from "./vocabulary.js";

export class WordIndex implements NumberedWords {
  /**
   * The vocabulary generation the note's words are numbered in, or -1 when they are not (the
   * index then has its own map of words; see the constructor).
   */
  readonly generation: number;
  /** Word id (in order of first occurrence in the note) → normalised word. */
  readonly words: string[] = [];
  /** Word id → the vocabulary's number for the word (empty when not numbered). */
  readonly gids: Int32Array;
  /**
   * Token positions grouped by word, ascending within a word: word `w` occurs at
   * `order[start[w]]` … `order[start[w + 1] - 1]`.
   */
  readonly order: Int32Array;
  readonly start: Int32Array;
  /** Token position → word id. */
  readonly wordOf: Int32Array;
  /** This note's marks in the vocabulary (see `idOf`). */
  private readonly serial: number = 0;
  private readonly epoch: number = 0;
  /**
   * Word → word id: the index's own map when its tokens are not numbered, or made on demand when
   * the vocabulary started over since they were.
   */
  private byWord?: Map<string, number>;
  /** Vocabulary number → word id, made only if another note was numbered since this one. */
  private byGid?: Map<number, number>;

  /**
   * `generation` is the vocabulary generation the tokens were numbered in (see Token.gid). Tokens
   * that were not numbered (a process's first note, or tokens made by hand), or were numbered in
   * a generation since forgotten, are indexed with a map of the note's own words.
   */
  constructor(tokens: readonly Token[], generation = -1) {
    const n = tokens.length;
    const wordOf = new Int32Array(n);
    const words = this.words;
    const v = vocabulary;
    // The tokens of one tokenize call are all numbered or none (see Token.gid).
    if (generation >= 0 && generation === v.generation && (n === 0 || tokens[0]!.gid >= 0)) {
      this.generation = generation;
      const serial = (this.serial = v.nextSerial());
      this.epoch = v.epoch;
      const { mark, local } = v;
      const gidList: number[] = [];
      for (let i = 0; i < n; i++) {
        const g = tokens[i]!.gid;
        let id: number;
        if (mark[g] === serial) id = local[g]!;
        else {
          id = words.length;
          mark[g] = serial;
          local[g] = id;
          words.push(v.words[g]!);
          gidList.push(g);
        }
        wordOf[i] = id;
      }
      this.gids = Int32Array.from(gidList);
    } else {
      this.generation = -1;
      this.gids = new Int32Array(0);
      const ids = (this.byWord = new Map<string, number>());
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

  /** The note's id for a word; undefined when the note lacks it. */
  idOf(word: string): number | undefined {
    if (this.byWord) return this.byWord.get(word);
    const v = vocabulary;
    if (this.generation === v.generation) {
      const g = v.lookup(word);
      if (g < 0) return undefined;
      // The marks are this note's while no other note has been numbered since.
      if (v.epoch === this.epoch && v.lastSerial === this.serial) return v.mark[g] === this.serial ? v.local[g] : undefined;
      // Another note was numbered since this one (interleaved documents): this note's own map.
      if (!this.byGid) {
        const map = new Map<number, number>();
        this.gids.forEach((gid, w) => map.set(gid, w));
        this.byGid = map;
      }
      return this.byGid.get(g);
    }
    // The vocabulary started over since: the note's own map of its words, from now on.
    this.byWord = new Map(this.words.map((w, id) => [w, id]));
    return this.byWord.get(word);
  }

  /** The positions of a word, ascending, as a new array; undefined when the note lacks it. */
  positions(word: string): number[] | undefined {
    const id = this.idOf(word);
    if (id === undefined) return undefined;
    const out: number[] = [];
    for (let p = this.start[id]!; p < this.start[id + 1]!; p++) out.push(this.order[p]!);
    return out;
  }
}
