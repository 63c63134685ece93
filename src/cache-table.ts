/**
 * Values worked out from a pack's text (a term's words, a pattern's shape) that the build cache
 * keeps, so that loading a pack need not work them out again (see rules/load.ts). Values worked
 * out in this process are kept in a map; tables read from the build cache are looked up as they
 * are, because copying them into the map cost start-up time.
 */
export class CacheTable<V> {
  private readonly own = new Map<string, V>();
  private readonly primed: Record<string, V>[] = [];

  constructor(private readonly compute: (key: string) => V) {}

  get(key: string): V {
    let value = this.own.get(key);
    if (value === undefined) {
      for (const table of this.primed) if (Object.hasOwn(table, key)) return table[key]!;
      value = this.compute(key);
      this.own.set(key, value);
    }
    return value;
  }

  /** Everything known so far, primed or worked out, for the build cache. */
  known(): Record<string, V> {
    return Object.assign({}, ...this.primed, Object.fromEntries(this.own)) as Record<string, V>;
  }

  /**
   * Adds a table from the build cache. Bounded: a process that loads packs again and again keeps
   * only the latest few tables (an older table's keys are then worked out again, alike).
   */
  prime(table: Record<string, V>): void {
    if (this.primed.length >= 4) this.primed.shift();
    this.primed.push(table);
  }
}
