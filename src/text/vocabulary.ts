/**
 * The words this process has seen, each with a number. A batch's notes share most of their words,
 * so the tokenizer numbers each word as it scans it (hashing its characters on the way, with no
 * string cut out of the note for a word it knows), a note's word index needs no map of its own,
 * and what a pack needs to know about a word (its stem, the context triggers and keyword phrases
 * it starts, the terms it misspells) is worked out once per process and read back by number (see
 * `WordFacts`).
 *
 * Bounded: names, dates and record numbers make the vocabulary of a long stream grow without end,
 * so once it holds `limit` words it starts over (a new `generation`) before the next note, and
 * every `WordFacts` forgets what it knew. Numbers are only compared within one generation.
 */

/** The hash of one character code added to a running hash (FNV-1a, 32 bits). */
function hashStep(h: number, c: number): number {
  return Math.imul(h ^ (c | 32), 0x01000193);
}

const HASH_START = 0x811c9dc5 | 0;

/**
 * The hash of `s.slice(from, to)`. Characters are hashed with bit 5 set (`c | 32`), which leaves
 * lower-case ASCII letters and digits as they are, so the tokenizer can hash an ASCII word from
 * the note's own characters, capitals included (see tokenize).
 */
export function hashRange(s: string, from: number, to: number): number {
  let h = HASH_START;
  for (let i = from; i < to; i++) h = hashStep(h, s.charCodeAt(i));
  return h;
}

export class Vocabulary {
  /** Word number → the word (its own copy, so that it keeps no note alive). */
  readonly words: string[] = [];
  /**
   * The same numbers by string, for words that come as strings (a pack's terms, joined or
   * normalised words, every word of a process's first note): the engine's own string hashing
   * beats hashing characters in JavaScript before the code is optimised.
   */
  private readonly ids = new Map<string, number>();
  /** Bumped each time the vocabulary starts over. */
  generation = 0;
  /**
   * Whether the table of characters below is kept, so that `idOfRange` can be used: from a
   * process's second note on (see `beginNote`). A one-note run (a pre-submission hook) runs
   * before V8 optimises anything, where hashing every character in JavaScript costs more than
   * cutting each word out of the note.
   */
  hashing = false;
  private notes = 0;
  /** Open addressing, linear probing: slot → word number + 1 (0 = empty). */
  private table = new Int32Array(0);
  private hashes = new Int32Array(1 << 11);
  /** Whether a word is in the table (a word whose slot was too crowded is in `ids` only). */
  private stored = new Uint8Array(1 << 11);
  /** How many words are in `ids` only: while there are any, a word not in the table is looked for there. */
  private crowded = 0;
  /** The words' characters, one after another: compared without reading the strings. */
  private chars = new Uint16Array(0);
  private offsets = new Int32Array(1 << 11);
  private used = 0;
  /**
   * Marks for numbering one note's distinct words (see `WordIndex`): `mark[id] === serial` when
   * the word was seen in the note being numbered, whose own number for it is `local[id]`.
   */
  mark = new Int32Array(1 << 11);
  local = new Int32Array(1 << 11);
  private serial = 0;
  /** Bumped when serials start again from 1 (after about 2^30 notes). */
  epoch = 0;

  constructor(readonly limit: number) {}

  get size(): number {
    return this.words.length;
  }

  /** Called before a note is tokenized: a full vocabulary starts over; the second note starts hashing. */
  beginNote(): void {
    if (this.words.length >= this.limit) this.clear();
    if (++this.notes === 2) this.startHashing();
  }

  /** Forgets every word (a new generation). */
  clear(): void {
    this.words.length = 0;
    this.ids.clear();
    this.crowded = 0;
    this.table.fill(0);
    this.used = 0;
    this.mark.fill(0);
    this.generation++;
  }

  /** Keeps the table of characters from now on, with every word known so far in it. */
  startHashing(): void {
    if (this.hashing) return;
    this.hashing = true;
    let size = 1 << 12;
    while (size < this.words.length * 2) size *= 2;
    this.table = new Int32Array(size);
    let total = 0;
    for (const w of this.words) total += w.length;
    this.chars = new Uint16Array(Math.max(1 << 14, total * 2));
    this.used = 0;
    this.crowded = 0;
    this.stored.fill(0);
    for (let g = 0; g < this.words.length; g++) {
      const w = this.words[g]!;
      const hash = hashRange(w, 0, w.length);
      const slot = this.freeSlot(hash);
      if (slot < 0) {
        this.crowded++; // found through `ids` (see idOfRange)
        continue;
      }
      this.storeChars(g, w, 0, w.length, hash);
      this.table[slot] = g + 1;
    }
  }

  /** Drops the table of characters (words are then numbered by string only). */
  stopHashing(): void {
    this.hashing = false;
    this.table = new Int32Array(0);
    this.chars = new Uint16Array(0);
    this.used = 0;
  }

  /** The serial of the note numbered last: its marks are the ones in `mark`. */
  get lastSerial(): number {
    return this.serial;
  }

  /** A serial for numbering one note's words (see `mark`). */
  nextSerial(): number {
    if (this.serial >= 0x3fffffff) {
      this.serial = 0;
      this.mark.fill(0);
      this.epoch++;
    }
    return ++this.serial;
  }

  /**
   * The number of the word `s.slice(from, to)`, whose hash (`hashRange`) is `hash`; added when
   * new. Only while `hashing`.
   */
  idOfRange(s: string, from: number, to: number, hash: number): number {
    const table = this.table;
    const mask = table.length - 1;
    const len = to - from;
    let slot = hash & mask;
    for (let probes = 0; ; probes++) {
      const e = table[slot]!;
      if (e === 0) break;
      const g = e - 1;
      if (this.hashes[g] === hash && this.offsets[g + 1]! - this.offsets[g]! === len && this.sameChars(g, s, from, len)) return g;
      if (probes === MAX_PROBES) {
        // Words whose hashes collide (a note written to make them collide, say) go to the string
        // map, whose hashing V8 seeds at random: a crowded slot never makes numbering quadratic.
        const word = s.slice(from, to);
        const known = this.ids.get(word);
        if (known !== undefined) return known;
        this.crowded++;
        return this.push(len < 13 ? word : (word + " ").slice(0, -1));
      }
      slot = (slot + 1) & mask;
    }
    // A copy, never a view of the note (see detach in tokenize.ts).
    const word = len < 13 ? s.slice(from, to) : (s.slice(from, to) + " ").slice(0, -1);
    if (this.crowded > 0) {
      // Not in the table, but perhaps one of the words kept out of it.
      const known = this.ids.get(word);
      if (known !== undefined) return known;
    }
    const g = this.push(word);
    this.storeChars(g, s, from, to, hash);
    this.table[slot] = g + 1;
    // At most half full, so that probes stay short.
    if ((g + 1) * 2 > table.length) this.rehash();
    return g;
  }

  /** The number of a word; added when new. */
  id(word: string): number {
    const known = this.ids.get(word);
    if (known !== undefined) return known;
    if (this.hashing) return this.idOfRange(word, 0, word.length, hashRange(word, 0, word.length));
    return this.push(word.length < 13 ? word : (word + " ").slice(0, -1));
  }

  /** The number of a word, or -1 when it has none. */
  lookup(word: string): number {
    return this.ids.get(word) ?? -1;
  }

  private push(word: string): number {
    const g = this.words.length;
    if (g + 2 > this.hashes.length) this.growWords();
    this.stored[g] = 0;
    this.words.push(word);
    this.ids.set(word, g);
    return g;
  }

  private sameChars(g: number, s: string, from: number, len: number): boolean {
    const chars = this.chars;
    const o = this.offsets[g]!;
    for (let k = 0; k < len; k++) if (chars[o + k] !== s.charCodeAt(from + k)) return false;
    return true;
  }

  private storeChars(g: number, s: string, from: number, to: number, hash: number): void {
    const len = to - from;
    if (this.used + len > this.chars.length) this.chars = grown(this.chars, this.used + len);
    const chars = this.chars;
    for (let k = 0; k < len; k++) chars[this.used + k] = s.charCodeAt(from + k);
    this.offsets[g] = this.used;
    this.used += len;
    this.offsets[g + 1] = this.used;
    this.hashes[g] = hash;
    this.stored[g] = 1;
  }

  /** The first empty slot for a hash, or -1 beyond MAX_PROBES (only when adding a known word). */
  private freeSlot(hash: number, bounded = true): number {
    const mask = this.table.length - 1;
    let slot = hash & mask;
    for (let probes = 0; this.table[slot] !== 0; probes++) {
      if (bounded && probes === MAX_PROBES) return -1;
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private growWords(): void {
    const n = this.hashes.length * 2;
    this.hashes = grown(this.hashes, n);
    this.stored = grown(this.stored, n);
    this.offsets = grown(this.offsets, n + 1);
    this.mark = grown(this.mark, n);
    this.local = grown(this.local, n);
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let g = 0; g < this.words.length; g++) if (this.stored[g]) this.table[this.freeSlot(this.hashes[g]!, false)] = g + 1;
  }
}

function grown<A extends Int32Array | Uint16Array | Uint8Array>(a: A, atLeast: number): A {
  let n = a.length * 2;
  while (n < atLeast) n *= 2;
  const b = new (a.constructor as new (n: number) => A)(n);
  b.set(a);
  return b;
}

/** Slots looked at for one word before the table gives up on it (see idOfRange). */
const MAX_PROBES = 32;

/** Big enough for the words of tens of thousands of notes; at the limit, with the facts kept by
 * number, ~17 MB (measured with 100,000 words and four facts). */
const VOCABULARY_LIMIT = 100_000;

/** The process's vocabulary: one for every pack, since words do not depend on the pack. */
export const vocabulary = new Vocabulary(VOCABULARY_LIMIT);

/** A note's words as its index numbers them: its own numbers, and the vocabulary's. */
export interface NumberedWords {
  /** The vocabulary generation the note's words were numbered in (-1 when they were not). */
  readonly generation: number;
  /** The note's word number → the word. */
  readonly words: readonly string[];
  /** The note's word number → the vocabulary's number. */
  readonly gids: Int32Array;
}

const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * One fact about words (a stem, a trigger list), computed on first need and kept by word number
 * for the rest of the vocabulary's generation. `compute` must depend on the word only.
 */
export class WordFacts<T> {
  private generation = -1;
  private values: (T | typeof UNKNOWN)[] = [];

  constructor(private readonly compute: (word: string) => T) {}

  /** The fact for word `w` of a note's index. */
  of(index: NumberedWords, w: number): T {
    // Words not numbered, or numbered in a generation since forgotten: computed, not kept.
    if (index.generation !== vocabulary.generation) return this.compute(index.words[w]!);
    if (this.generation !== index.generation) {
      this.values = [];
      this.generation = index.generation;
    }
    const g = index.gids[w]!;
    const values = this.values;
    if (g < values.length) {
      const v = values[g]!;
      if (v !== UNKNOWN) return v;
    } else {
      // Kept dense (no holes), so that the array stays a fast array.
      while (values.length <= g) values.push(UNKNOWN);
    }
    const v = this.compute(index.words[w]!);
    values[g] = v;
    return v;
  }

  /** Forgets every fact (the pack's terms changed). */
  clear(): void {
    this.values = [];
  }
}
