/**
 * Tables drawn with bars, as EHR exports and typed notes have them:
 *
 *   | Visit    | House-Brackmann | Sunnybrook composite |
 *   |----------|-----------------|----------------------|
 *   | Month 7  | IV              | 38                   |
 *
 * A table is a run of lines that each hold a bar; rule lines (bars, dashes, pluses, colons, equals
 * signs) are skipped; the first line is the header. Cells are counted from the left, so a row
 * that opens with a bar and one that does not ("House-Brackmann | I |") are read alike.
 */

export interface Cell {
  /** The cell's words: its text without the spaces around it. */
  start: number;
  end: number;
}

export interface Table {
  header: Cell[];
  rows: Cell[][];
}

/** The tables of a text (none when it has no bar). */
export function findTables(text: string): Table[] {
  const tables: Table[] = [];
  if (text.indexOf("|") < 0) return tables;
  // The header line's segments, whether it opened with a bar, and the rows so far.
  let header: { cells: Cell[]; opens: boolean } | null = null;
  let rows: Cell[][] = [];
  const close = () => {
    if (header && rows.length > 0) tables.push({ header: header.cells, rows });
    header = null;
    rows = [];
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const end = text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const bar = text.indexOf("|", lineStart);
    if (bar < 0 || bar >= end) {
      close();
    } else if (!isRule(text, lineStart, end)) {
      const opens = firstNonSpace(text, lineStart, end) === 124;
      const cells = segmentsOf(text, lineStart, end);
      if (header === null) {
        header = { cells, opens };
      } else {
        // A header that opens with a bar over rows that do not has an empty corner cell
        // ("        | RIGHT (unaffected) | LEFT (affected)" over "House-Brackmann | I |").
        if (rows.length === 0 && header.opens && opens) header.cells.shift();
        if (opens) cells.shift();
        rows.push(cells);
      }
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  close();
  return tables;
}

/** A line of bars, dashes, pluses, colons and equals signs only ("|-----|:---:|", "+----+"). */
function isRule(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 124 && c !== 45 && c !== 43 && c !== 58 && c !== 61 && c !== 32 && c !== 9 && c !== 0x2014 && c !== 0x2013) return false;
  }
  return true;
}

/** The segments of one line between its bars, trimmed; an empty one after the last bar is dropped. */
function segmentsOf(text: string, start: number, end: number): Cell[] {
  const cells: Cell[] = [];
  let a = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 124) {
      let s = a;
      let e = i;
      while (s < e && isSpace(text.charCodeAt(s))) s++;
      while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
      if (!(i === end && s === e && a !== start)) cells.push({ start: s, end: e });
      a = i + 1;
    }
  }
  return cells;
}

function firstNonSpace(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return text.charCodeAt(i);
  return -1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** The table, row and column of the cell that holds a position, in any of the tables. */
function cellAt(tables: readonly Table[], at: number): { table: Table; row: Cell[]; column: number } | undefined {
  for (const table of tables) {
    const first = table.rows[0]?.[0];
    const lastRow = table.rows[table.rows.length - 1];
    if (!first || !lastRow || at < first.start || at >= lastRow[lastRow.length - 1]!.end) continue;
    for (const row of table.rows) {
      for (let j = 0; j < row.length; j++) if (at >= row[j]!.start && at < row[j]!.end) return { table, row, column: j };
    }
  }
  return undefined;
}

/** The header cell of the column whose cell holds a position, in any of the tables; or undefined. */
export function columnHeaderAt(tables: readonly Table[], at: number): Cell | undefined {
  const c = cellAt(tables, at);
  return c && c.table.header[c.column];
}

/** The first cell of the row whose later cell holds a position (its label), in any of the tables. */
export function rowLabelAt(tables: readonly Table[], at: number): Cell | undefined {
  const c = cellAt(tables, at);
  return c && c.column > 0 ? c.row[0] : undefined;
}
