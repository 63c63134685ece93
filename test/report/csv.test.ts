import { describe, expect, it } from "vitest";
import { formatCsv } from "../../src/report/csv.ts";
import { REQUIRED } from "../cli-helpers.ts";
import { ERROR_MESSAGE, REPORTS, batchReport, failingNote } from "./sample-report.ts";

const ctx = { color: false, quiet: false };

/** A strict RFC 4180 reader: CRLF-terminated records, quoted fields with doubled quotes. */
function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < input.length) {
    let field = "";
    if (input[i] === '"') {
      i++;
      for (;;) {
        if (i >= input.length) throw new Error("unterminated quoted field");
        if (input[i] === '"') {
          if (input[i + 1] === '"') (field += '"'), (i += 2);
          else {
            i++;
            break;
          }
        } else field += input[i++];
      }
    } else {
      while (i < input.length && input[i] !== "," && input[i] !== "\r" && input[i] !== "\n") {
        if (input[i] === '"') throw new Error(`bare quote at ${i}`);
        field += input[i++];
      }
    }
    row.push(field);
    if (input[i] === ",") i++;
    else if (input.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(input[i])}`);
  }
  if (row.length > 0) throw new Error("last record lacks CRLF");
  return rows;
}

const RULES = [...REQUIRED, "laterality"];

describe("csv", () => {
  it.each(REPORTS)("%s: parses back into a header and one row per note", (_name, make) => {
    const report = make();
    const rows = parseCsv(formatCsv(report, ctx));
    expect(rows).toHaveLength(report.results.length + 1);
    const width = rows[0].length;
    for (const row of rows) expect(row).toHaveLength(width);
    expect(rows[0][0]).toBe("file");
    expect(rows[0][1]).toBe("status");
    expect(rows[0][width - 1]).toBe("error");
  });

  it("uses CRLF and nothing else between records", () => {
    const out = formatCsv(batchReport(), ctx);
    const unquoted = out.replace(/"(?:[^"]|"")*"/g, "");
    expect(unquoted).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    expect(out.endsWith("\r\n")).toBe(true);
  });

  it("writes the right cells, rule columns in pack order", () => {
    const rows = parseCsv(formatCsv(batchReport(), ctx));
    expect(rows[0]).toEqual(["file", "status", ...RULES, "error"]);
    const table: [number, string[]][] = [
      [1, ["notes/01-pass.txt", "pass", ...RULES.map(() => "pass"), ""]],
      [2, [failingNote.file, "fail", "pass", "pass", "pass", "fail", "fail", "pass", "fail", ""]],
      // formula-looking fields are defused with an apostrophe, then quoted as needed
      [3, ["'=cmd|' /C calc'!A0.txt", "error", ...RULES.map(() => ""), "'" + ERROR_MESSAGE]],
    ];
    for (const [i, expected] of table) expect(rows[i]).toEqual(expected);
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["a,b", "a,b"],
    ['say "hi"', 'say "hi"'],
    ["line\nbreak", "line\nbreak"],
    ["plain", "plain"],
  ])("field %j reads back as %j", (value, expected) => {
    const report = batchReport();
    report.results[2].error = value;
    expect(parseCsv(formatCsv(report, ctx))[3].at(-1)).toBe(expected);
  });

  it("leaves a rule cell empty when a note's pack lacks the rule", () => {
    const report = batchReport();
    report.results[0].rules.pop(); // no laterality
    const rows = parseCsv(formatCsv(report, ctx));
    expect(rows[0].at(-2)).toBe("laterality");
    expect(rows[1].at(-2)).toBe("");
  });
});
