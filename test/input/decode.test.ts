import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeNote } from "../../src/input/decode.ts";

const utf8 = (s: string) => Buffer.from(s, "utf8");
const utf16le = (s: string) => Buffer.from(s, "utf16le");
const utf16be = (s: string) => Buffer.from(s, "utf16le").swap16();
const bytes = (...parts: (number[] | Buffer | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

/** Deterministic pseudo-random bytes (a linear congruential generator), so failures reproduce. */
function randomBytes(n: number, seed: number, { withoutNul = false } = {}): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const b = x >>> 24;
    out[i] = withoutNul && b === 0 ? 1 : b;
  }
  return out;
}

const NOTE = "Pt s/p résection of vestibular schwannoma — House–Brackmann VI.\r\n";

type Case = { name: string; input: Uint8Array; text?: string; encoding?: string; error?: string | RegExp };

const cases: Case[] = [
  { name: "UTF-8", input: utf8(NOTE), text: NOTE, encoding: "utf-8" },
  { name: "ASCII is UTF-8", input: utf8("plain note\n"), text: "plain note\n", encoding: "utf-8" },
  { name: "UTF-8 with BOM (stripped)", input: bytes([0xef, 0xbb, 0xbf], utf8(NOTE)), text: NOTE, encoding: "utf-8-bom" },
  { name: "a second U+FEFF after the BOM is content", input: bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], "x"), text: "\uFEFFx", encoding: "utf-8-bom" },
  { name: "UTF-16LE with BOM", input: bytes([0xff, 0xfe], utf16le(NOTE)), text: NOTE, encoding: "utf-16le-bom" },
  { name: "UTF-16BE with BOM", input: bytes([0xfe, 0xff], utf16be(NOTE)), text: NOTE, encoding: "utf-16be-bom" },
  { name: "UTF-16LE astral characters", input: bytes([0xff, 0xfe], utf16le("note 🩺 ok")), text: "note 🩺 ok", encoding: "utf-16le-bom" },
  {
    name: "Windows-1252: é and curly quotes",
    input: bytes("Caf", [0xe9], " ", [0x93], "quoted", [0x94], " ", [0x96], " 5", [0x80], "\r\n"),
    text: "Café “quoted” – 5€\r\n",
    encoding: "windows-1252",
  },
  {
    // The 0x80-0x9F range is where Windows-1252 differs from Latin-1 (and where Node's fast path errs).
    name: "Windows-1252: 0x80-0x9F follow the WHATWG table",
    input: bytes("Seen in clinic today, see attached: ", [0x80, 0x82, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f, 0x81, 0x9d], " end.\r\n"),
    text: "Seen in clinic today, see attached: €‚…‘’“”–—™Ÿ\u0081\u009d end.\r\n",
    encoding: "windows-1252",
  },
  { name: "Windows-1252: a lone 0xE9 is not UTF-8", input: bytes("Pt ", [0xe9], "valuated"), text: "Pt évaluated", encoding: "windows-1252" },
  { name: "NUL in the middle", input: bytes("Pt seen ", [0], " today"), error: "binary file (contains NUL bytes)" },
  { name: "NUL in UTF-16 text", input: bytes([0xff, 0xfe], utf16le("a\0b")), error: "binary file (contains NUL bytes)" },
  { name: "BOM-less UTF-16 is refused as binary", input: utf16le("a note"), error: "binary file (contains NUL bytes)" },
  { name: "random binary", input: randomBytes(4096, 42), error: /^binary file/ },
  { name: "random binary without NUL bytes", input: randomBytes(4096, 7, { withoutNul: true }), error: "binary file" },
  { name: "valid UTF-8 made of control characters", input: utf8("\x01\x02\x03\x04\x1b[0m\x07\x08ab"), error: "binary file" },
  { name: "a few control characters are fine", input: utf8("Page 1\fPage 2\x0b end of note\n"), text: "Page 1\fPage 2\x0b end of note\n", encoding: "utf-8" },
  { name: "empty", input: new Uint8Array(0), error: "empty note" },
  { name: "whitespace only", input: utf8(" \r\n\t \n\u00a0"), error: "empty note" },
  { name: "BOM only", input: bytes([0xef, 0xbb, 0xbf]), error: "empty note" },
  { name: "UTF-16 BOM and spaces", input: bytes([0xff, 0xfe], utf16le("  \r\n")), error: "empty note" },
  { name: "invalid UTF-8 after a UTF-8 BOM", input: bytes([0xef, 0xbb, 0xbf], "Caf", [0xe9]), error: /^not valid UTF-8/ },
  { name: "odd length UTF-16", input: bytes([0xff, 0xfe], utf16le("note"), [0x41]), error: /^not valid UTF-16LE/ },
  { name: "unpaired surrogate in UTF-16BE", input: bytes([0xfe, 0xff], [0xd8, 0x00, 0x00, 0x41]), error: /^not valid UTF-16BE/ },
  { name: "UTF-32LE BOM", input: bytes([0xff, 0xfe, 0, 0], [0x41, 0, 0, 0]), error: "unsupported encoding (UTF-32)" },
];

describe("decodeNote", () => {
  it.each(cases)("$name", ({ input, text, encoding, error }) => {
    const result = decodeNote(input);
    if (error !== undefined) {
      expect(result).not.toHaveProperty("text");
      expect((result as { error: string }).error).toMatch(error);
    } else {
      expect(result).toEqual({ text, encoding });
    }
  });

  it("never throws, and an error never quotes the input", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.constantFrom("Schwannoma", "hypoglossal"), (raw, word) => {
        const input = Buffer.concat([Buffer.from(raw), Buffer.from(word)]);
        const result = decodeNote(input);
        if ("error" in result) expect(result.error).not.toContain(word);
        else expect(typeof result.text).toBe("string");
      }),
    );
  });
});

describe("decodeNote, one note after another", () => {
  // Decoders are kept between notes: a note that fails to decode must leave nothing behind for
  // the next (a multi-byte character cut at the end, a stray continuation byte).
  it("decodes each note the same whatever came before it", () => {
    const notes: Uint8Array[] = [
      Buffer.from("Bell’s palsy, House–Brackmann IV.", "utf8"),
      Buffer.concat([Buffer.from("cut at the end ", "utf8"), Buffer.from([0xe2, 0x80])]),
      Buffer.from("Caf\xe9 au lait.", "latin1"),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("BOM, then a cut ", "utf8"), Buffer.from([0xf0, 0x9f])]),
      Buffer.from("ok ✓ again", "utf8"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("utf-16 ✓", "utf16le")]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("odd", "utf16le"), Buffer.from([0x41])]),
      Buffer.from("last ✓", "utf8"),
    ];
    const first = notes.map((n) => JSON.stringify(decodeNote(n)));
    // Then in the other order, and each failing note followed by every other note.
    for (let i = notes.length - 1; i >= 0; i--) expect(JSON.stringify(decodeNote(notes[i]!)), `note ${i}`).toBe(first[i]);
    for (let i = 0; i < notes.length; i++) {
      for (let j = 0; j < notes.length; j++) {
        decodeNote(notes[i]!);
        expect(JSON.stringify(decodeNote(notes[j]!)), `note ${j} after note ${i}`).toBe(first[j]);
      }
    }
    expect(decodeNote(notes[0]!)).toEqual({ text: "Bell’s palsy, House–Brackmann IV.", encoding: "utf-8" });
    expect(decodeNote(notes[2]!)).toEqual({ text: "Café au lait.", encoding: "windows-1252" });
    expect(decodeNote(notes[4]!)).toEqual({ text: "ok ✓ again", encoding: "utf-8" });
    expect(decodeNote(notes[5]!)).toEqual({ text: "utf-16 ✓", encoding: "utf-16le-bom" });
    expect(decodeNote(notes[7]!)).toEqual({ text: "last ✓", encoding: "utf-8" });
  });
});
