import { describe, expect, it } from "vitest";
import { findTables } from "../../src/text/tables.ts";

/** Each table as its header's words and its rows' words. */
function read(text: string) {
  return findTables(text).map((t) => ({
    header: t.header.map((c) => text.slice(c.start, c.end)),
    rows: t.rows.map((r) => r.map((c) => text.slice(c.start, c.end))),
  }));
}

describe("findTables", () => {
  it("reads a table drawn with bars, its rule line skipped", () => {
    const text = "Grading\n| Visit | House-Brackmann | Sunnybrook |\n|-------|-----------------|------------|\n| Month 1 | VI | 0 |\n| Month 7 | IV | 38 |\nAfter it.\n";
    expect(read(text)).toEqual([{ header: ["Visit", "House-Brackmann", "Sunnybrook"], rows: [["Month 1", "VI", "0"], ["Month 7", "IV", "38"]] }]);
  });
  it("keeps an empty corner cell when the header opens with a bar over rows that do not", () => {
    const text = "                | RIGHT (unaffected) | LEFT (affected)\n----------------|--------------------|----------------\nHouse-Brackmann | I                  |\nSunnybrook      | 100                | 12\n";
    expect(read(text)).toEqual([
      { header: ["", "RIGHT (unaffected)", "LEFT (affected)"], rows: [["House-Brackmann", "I"], ["Sunnybrook", "100", "12"]] },
    ]);
  });
  it("reads CRLF lines and ends a table at a line without a bar", () => {
    const text = "a | b\r\n1 | 2\r\n\r\nc | d\r\n3 | 4\r\n";
    expect(read(text)).toEqual([
      { header: ["a", "b"], rows: [["1", "2"]] },
      { header: ["c", "d"], rows: [["3", "4"]] },
    ]);
  });
  it("finds nothing in prose, nor in a single line with a bar", () => {
    expect(read("No table here.\nNor here.\n")).toEqual([]);
    expect(read("Plan: review | discharge\nNext line.\n")).toEqual([]);
  });
});

describe("columnHeaderAt", () => {
  it("is the header cell of the column a position's cell is in", async () => {
    const { columnHeaderAt } = await import("../../src/text/tables.ts");
    const text = "| Side | HB |\n|---|---|\n| right | I |\n";
    const tables = findTables(text);
    const h = columnHeaderAt(tables, text.indexOf("I |"));
    expect(h && text.slice(h.start, h.end)).toBe("HB");
    expect(columnHeaderAt(tables, text.indexOf("Side"))).toBeUndefined();
  });
});
