import { describe, expect, it } from "vitest";
import { TableCellMatcher } from "../../src/matchers/cell.ts";
import { loadLexicons } from "../../src/rules/load.ts";
import { NoteDocument } from "../../src/text/document.ts";

const lex = loadLexicons();
const found = (m: TableCellMatcher, text: string) => m.find(new NoteDocument(text, lex)).map((x) => text.slice(x.start, x.end));

describe("TableCellMatcher", () => {
  const hb = new TableCellMatcher(["\\bhouse-brackmann\\b"], ["^(?:vi|v|iv|iii|ii|[2-6])$"]);
  const table = "| Visit | House-Brackmann | Comment |\n|---|---|---|\n| Month 1 | VI | flaccid |\n| Month 4 | V | flicker |\n| Month 9 | I | recovered |\n";
  it("finds the values of the column its header names, whole cells only", () => {
    expect(found(hb, table)).toEqual(["VI", "V"]);
  });
  it("finds nothing under another column, or where no header matches", () => {
    expect(found(new TableCellMatcher(["\\bcomment\\b"], ["^(?:vi|v)$"]), table)).toEqual([]);
    expect(found(new TableCellMatcher(["\\bsunnybrook\\b"], ["^\\d+$"]), table)).toEqual([]);
    expect(found(hb, "House-Brackmann VI in prose, no table.\n")).toEqual([]);
  });
});
