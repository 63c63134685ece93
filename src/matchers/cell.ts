/**
 * A value in a table's column whose header names it: under "| Visit | House-Brackmann |
 * Sunnybrook composite |", the cells "VI", "V", "IV" of the House-Brackmann column. The header
 * and value patterns are the rule's (`cell: { header: [...], value: [...] }`); a value pattern is
 * tried against the whole cell (anchor it with ^ and $). The mention is the cell.
 */
import type { NoteDocument } from "../text/document.js";
import { findTables, type Table } from "../text/tables.js";
import { regexFlags } from "./regex.js";
import { mentionAt, type Matcher, type Mention } from "./types.js";

/** A note's tables, found once per note whatever the number of cell matchers. */
const TABLES = {};

export function tablesOf(doc: NoteDocument): Table[] {
  let t = doc.scratch.get(TABLES) as Table[] | undefined;
  if (!t) doc.scratch.set(TABLES, (t = findTables(doc.text)));
  return t;
}

export class TableCellMatcher implements Matcher {
  readonly kind = "cell";
  private readonly header: RegExp[];
  private readonly value: RegExp[];

  constructor(header: readonly string[], value: readonly string[]) {
    this.header = header.map((p) => new RegExp(p, regexFlags(p).replace("g", "")));
    this.value = value.map((p) => new RegExp(p, regexFlags(p).replace("g", "")));
  }

  find(doc: NoteDocument): Mention[] {
    const out: Mention[] = [];
    const text = doc.text;
    for (const table of tablesOf(doc)) {
      const columns: number[] = [];
      table.header.forEach((h, j) => {
        const words = text.slice(h.start, h.end);
        if (this.header.some((re) => re.test(words))) columns.push(j);
      });
      if (columns.length === 0) continue;
      for (const row of table.rows) {
        for (const j of columns) {
          const cell = row[j];
          if (!cell || cell.end === cell.start) continue;
          const words = text.slice(cell.start, cell.end);
          if (this.value.some((re) => re.test(words))) out.push(mentionAt(doc, cell.start, cell.end));
        }
      }
    }
    return out;
  }
}
