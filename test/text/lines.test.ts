import { describe, expect, it } from "vitest";
import { LineIndex } from "../../src/text/lines.ts";

/** Reference: walk the text and count, the slow obvious way. */
function reference(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

describe("LineIndex.position: 1-based line and UTF-16 column", () => {
  it.each([
    { name: "LF", text: "ab\ncd\nef", cases: [[0, 1, 1], [1, 1, 2], [2, 1, 3], [3, 2, 1], [4, 2, 2], [6, 3, 1], [8, 3, 3]] },
    // The "\n" of a CRLF belongs to the line it ends: the next line starts after both characters.
    { name: "CRLF", text: "ab\r\ncd\r\nef", cases: [[2, 1, 3], [3, 1, 4], [4, 2, 1], [5, 2, 2], [8, 3, 1]] },
    { name: "lone CR (old Mac exports)", text: "ab\rcd\ref", cases: [[2, 1, 3], [3, 2, 1], [6, 3, 1], [7, 3, 2]] },
    { name: "mixed line ends", text: "a\nb\r\nc\rd", cases: [[2, 2, 1], [5, 3, 1], [7, 4, 1]] },
    { name: "blank lines count", text: "a\n\n\nb", cases: [[2, 2, 1], [3, 3, 1], [4, 4, 1]] },
    { name: "CR CR LF is two line ends", text: "a\r\r\nb", cases: [[2, 2, 1], [4, 3, 1]] },
    { name: "astral character takes two columns", text: "😀x\n😀y", cases: [[2, 1, 3], [4, 2, 1], [6, 2, 3]] },
    { name: "text starting with a line break", text: "\nPLAN", cases: [[0, 1, 1], [1, 2, 1], [4, 2, 4]] },
    { name: "empty text", text: "", cases: [[0, 1, 1]] },
  ])("$name", ({ text, cases }) => {
    const idx = new LineIndex(text);
    for (const [offset, line, column] of cases) {
      expect({ offset, ...idx.position(offset!) }).toEqual({ offset, line, column });
    }
  });

  it("agrees with a character-by-character count at every offset of a messy note", () => {
    const text = "OPERATIVE NOTE\r\n\r\nIndication:\tRight HB VI\rhypo-\nglossal 😀 nerve\n\nPLAN\r\nFollow-up.";
    const idx = new LineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      expect(idx.position(o)).toEqual(reference(text, o));
    }
  });
});

describe("LineIndex.lineCount and lineStart", () => {
  it.each([
    ["one line", "abc", 1, [0]],
    ["trailing LF opens an empty last line", "abc\n", 2, [0, 4]],
    ["CRLF", "a\r\nb\r\nc", 3, [0, 3, 6]],
    ["lone CR", "a\rb", 2, [0, 2]],
  ] as const)("%s", (_name, text, count, starts) => {
    const idx = new LineIndex(text);
    expect(idx.lineCount).toBe(count);
    expect(starts.map((_, i) => idx.lineStart(i + 1))).toEqual(starts);
    // lineStart and position agree: the start of line n is column 1 of line n.
    starts.forEach((s, i) => expect(idx.position(s)).toEqual({ line: i + 1, column: 1 }));
  });
});
