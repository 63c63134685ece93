/**
 * Keyword matcher: exact phrases, word-bounded (see phrase.ts for tolerance), case-insensitive
 * unless `matchCase` is set for abbreviations that collide with words ("PT" physical therapy vs
 * "Pt" patient). A note written in a single case carries no case information, so there
 * `matchCase` is ignored.
 */
import type { NoteDocument } from "../text/document.js";
import { tokenize } from "../text/tokenize.js";
import { WordFacts } from "../text/vocabulary.js";
import { dedupe, findPhrases, gapAllowed, toPhrases, type Phrase } from "./phrase.js";
import { mention, type Matcher, type Mention } from "./types.js";

/** A word of a phrase in the table: the matchers whose phrase ends here, the words that go on. */
interface TrieNode {
  slots: number[];
  next: Map<string, TrieNode> | null;
}

/**
 * The phrases of every case-insensitive keyword matcher of a pack, as a trie of words. A note is
 * searched for all of them at once, on its first keyword lookup: one table lookup per distinct
 * word of the note, then the words after each occurrence followed down the trie, instead of one
 * note-index lookup per phrase (a pack has a few thousand) and a check per phrase and occurrence.
 *
 * The trie is built for the second note a process checks: building it costs about what searching
 * one note phrase by phrase costs, so a one-note run (a pre-submission hook) searches the plain way.
 * Both ways find the same mentions (property-tested in test/matchers/keyword.test.ts).
 */
export class KeywordTable {
  private root: Map<string, TrieNode> | null = null;
  /** The trie's first level by word number (see vocabulary.ts), rebuilt with the trie. */
  private firstFacts: WordFacts<TrieNode | null> | null = null;
  /** Each registered matcher's terms, by slot, and their phrases once made (see `phrasesOf`). */
  private readonly terms: (readonly string[])[] = [];
  private readonly phrases: (readonly Phrase[] | undefined)[] = [];
  /** Notes searched so far (counted up to 2). */
  private notes = 0;

  /**
   * Adds one matcher's terms; the number returned names its mentions in `mentions`. Their phrases
   * are made when first needed: a one-note run searches only the matchers its rules reach (a
   * qualifier of a leaf that found nothing is never searched), so it never makes the others'.
   */
  register(terms: readonly string[]): number {
    this.terms.push(terms);
    this.phrases.push(undefined);
    this.root = null; // rebuilt with the new phrases when next needed
    this.firstFacts = null;
    return this.phrases.length - 1;
  }

  private phrasesOf(slot: number): readonly Phrase[] {
    return (this.phrases[slot] ??= toPhrases(this.terms[slot]!));
  }

  private build(): Map<string, TrieNode> {
    const root = new Map<string, TrieNode>();
    this.terms.forEach((_, slot) => {
      for (const p of this.phrasesOf(slot)) {
        let node = child(root, p.words[0]!);
        // A map of following words only where a phrase goes on: most trie nodes are leaves.
        for (let k = 1; k < p.words.length; k++) node = child((node.next ??= new Map()), p.words[k]!);
        if (!node.slots.includes(slot)) node.slots.push(slot);
      }
    });
    return root;
  }

  /** The mentions of one registered matcher's phrases, sorted, contained ones dropped (dedupe). */
  mentions(doc: NoteDocument, slot: number): Mention[] {
    let found = doc.scratch.get(this) as { plain: boolean; lists: (Mention[] | undefined)[] } | undefined;
    if (!found) {
      if (this.notes < 2) this.notes++;
      found = this.notes === 1 ? { plain: true, lists: [] } : { plain: false, lists: this.scan(doc) };
      doc.scratch.set(this, found);
    }
    if (found.plain) {
      // The first note: this matcher's phrases looked up one by one in the note's word index.
      const toks = doc.tokens;
      return (found.lists[slot] ??= findPhrases(doc, this.phrasesOf(slot), (w) => doc.words.positions(w), (i, w) => toks[i]!.norm === w));
    }
    return found.lists[slot]!;
  }

  private scan(doc: NoteDocument): Mention[][] {
    const root = (this.root ??= this.build());
    const firstFacts = (this.firstFacts ??= new WordFacts((w) => root.get(w) ?? null));
    const found: Mention[][] = [];
    for (let i = 0; i < this.phrases.length; i++) found.push([]);
    const toks = doc.tokens;
    const text = doc.text;
    const index = doc.words;
    const { words, order, start } = index;
    for (let w = 0; w < words.length; w++) {
      const first = firstFacts.of(index, w);
      if (!first) continue;
      for (let p = start[w]!; p < start[w + 1]!; p++) {
        const i = order[p]!;
        let node = first;
        let t = i;
        for (;;) {
          for (const slot of node.slots) found[slot]!.push(mention(toks[i]!.start, toks[t]!.end, i, t + 1));
          const next = node.next;
          if (next === null || t + 1 >= toks.length) break;
          const child = next.get(toks[t + 1]!.norm);
          if (!child || !gapAllowed(text, toks[t]!.end, toks[t + 1]!.start)) break;
          node = child;
          t++;
        }
      }
    }
    // Found word by word, not in text order: dedupe sorts them (ties are the same span).
    for (let s = 0; s < found.length; s++) found[s] = dedupe(found[s]!);
    return found;
  }
}

function child(level: Map<string, TrieNode>, word: string): TrieNode {
  let node = level.get(word);
  if (!node) level.set(word, (node = { slots: [], next: null }));
  return node;
}

export class KeywordMatcher implements Matcher {
  readonly kind = "keyword";
  /** The phrases, for a matcher whose case matters (the others' are the table's). */
  private readonly phrases: Phrase[];
  /** Lower-case word → the spellings that count when case matters. */
  private readonly spellings?: Map<string, Set<string>>;

  /** Where this matcher's phrases are found when case does not matter (see KeywordTable). */
  private readonly table: KeywordTable;
  private readonly slot: number;

  constructor(terms: readonly string[], opts: { matchCase?: boolean } = {}, table: KeywordTable = new KeywordTable()) {
    this.table = table;
    // A matcher whose case matters looks its phrases up itself (below); the table knows no case.
    this.slot = opts.matchCase ? -1 : table.register(terms);
    this.phrases = opts.matchCase ? toPhrases(terms) : [];
    if (opts.matchCase) {
      this.spellings = new Map();
      for (const term of terms) {
        for (const t of tokenize(term)) {
          const set = this.spellings.get(t.norm) ?? new Set();
          set.add(term.slice(t.start, t.end));
          this.spellings.set(t.norm, set);
        }
        const joined = tokenize(term).map((t) => term.slice(t.start, t.end)).join("");
        const set = this.spellings.get(joined.toLowerCase()) ?? new Set();
        set.add(joined);
        this.spellings.set(joined.toLowerCase(), set);
      }
    }
  }

  find(doc: NoteDocument): Mention[] {
    if (this.slot >= 0) return this.table.mentions(doc, this.slot);
    const idx = doc.words;
    const toks = doc.tokens;
    const spellings = this.spellings && doc.mixedCase ? this.spellings : undefined;
    const same = spellings
      ? (i: number, w: string) => toks[i]!.norm === w && spellings.get(w)?.has(doc.text.slice(toks[i]!.start, toks[i]!.end)) === true
      : (i: number, w: string) => toks[i]!.norm === w;
    const positions = spellings ? (w: string) => idx.positions(w)?.filter((i) => same(i, w)) : (w: string) => idx.positions(w);
    return findPhrases(doc, this.phrases, positions, same);
  }
}
