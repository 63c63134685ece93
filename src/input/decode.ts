/**
 * Bytes of a note to text. Notes come from EHR exports, Word "Save as text" and Notepad, so the
 * encodings that occur are UTF-8 (with or without BOM), UTF-16 with BOM, and legacy Windows-1252.
 * Decoding uses the platform's WHATWG TextDecoder (ICU) rather than hand-written tables.
 * Error messages describe the bytes, never quote them: a note is patient data.
 */

export type DecodeResult = { text: string; encoding: string } | { error: string };

/** Only the start of a file is sampled for the binary heuristic; enough to see what it is. */
const SAMPLE_CHARS = 8 * 1024;
/** Above this share of control characters a file is not a note. */
const MAX_CONTROL_RATIO = 0.3;
/**
 * Windows-1252 is only a guess for bytes that are not UTF-8, and every byte decodes to something,
 * so it is trusted only when the sample is mostly ASCII text: a real note in a Latin language is
 * far above this, random binary (about 37% printable ASCII) far below.
 */
const MIN_ASCII_TEXT_RATIO_1252 = 0.7;

export function decodeNote(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { error: "empty note" };

  // UTF-32 BOMs are checked first because the UTF-32LE BOM starts with the UTF-16LE one.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { error: "unsupported encoding (UTF-32)" };
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return strictDecode(bytes.subarray(3), "utf-8", "utf-8-bom", "not valid UTF-8 despite its byte order mark");
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return strictDecode(bytes.subarray(2), "utf-16le", "utf-16le-bom", "not valid UTF-16LE despite its byte order mark");
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return strictDecode(bytes.subarray(2), "utf-16be", "utf-16be-bom", "not valid UTF-16BE despite its byte order mark");
  }

  // Without a BOM, a NUL byte means binary (or BOM-less UTF-16, which no common editor writes).
  if (bytes.includes(0)) return { error: "binary file (contains NUL bytes)" };

  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== undefined) return judge(utf8, "utf-8");

  if (asciiTextRatio(bytes) < MIN_ASCII_TEXT_RATIO_1252) return { error: "binary file" };
  return judge(decodeWindows1252(bytes), "windows-1252");
}

/**
 * Node.js 20.18.3+ and 22.13+ decode "windows-1252" in one call with a Latin-1 fast path that
 * maps 0x80-0x9F to C1 controls instead of € “ ” – and the rest (nodejs/node#60888, #56542).
 * A streaming call skips that fast path and goes through ICU, which follows the WHATWG table; for
 * a single-byte encoding it carries no state, so the result is the same as a one-shot decode.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const decoder = new TextDecoder("windows-1252");
  return decoder.decode(bytes, { stream: true }) + decoder.decode();
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * One decoder per encoding, made on first use: a decode without `stream` keeps no state between
 * calls, and a fatal error resets the decoder, so a batch need not make one per note.
 */
const decoders = new Map<string, TextDecoder>();

function tryDecode(bytes: Uint8Array, label: string): string | undefined {
  let decoder = decoders.get(label);
  // ignoreBOM: the caller has already removed the BOM; a second U+FEFF is content.
  if (!decoder) decoders.set(label, (decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true })));
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function strictDecode(body: Uint8Array, label: string, encoding: string, invalid: string): DecodeResult {
  const text = tryDecode(body, label);
  return text === undefined ? { error: invalid } : judge(text, encoding);
}

/** Checks every decoded note goes through, whatever its encoding. */
function judge(text: string, encoding: string): DecodeResult {
  if (text.includes("\0")) return { error: "binary file (contains NUL bytes)" };
  if (controlRatio(text) > MAX_CONTROL_RATIO) return { error: "binary file" };
  if (/^\s*$/u.test(text)) return { error: "empty note" };
  return { text, encoding };
}

/** Share of C0/C1 control characters other than tab, CR, LF and form feed in the sample. */
const ANY_CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]/;

function controlRatio(text: string): number {
  const n = Math.min(text.length, SAMPLE_CHARS);
  if (n === 0) return 0;
  // Most notes have none: one native scan answers that without the loop below.
  if (!ANY_CONTROL.test(n === text.length ? text : text.slice(0, n))) return 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const isControl = c < 0x20 || (c >= 0x7f && c <= 0x9f);
    if (isControl && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) controls++;
  }
  return controls / n;
}

/** Share of printable ASCII and ordinary whitespace bytes in the sample. */
function asciiTextRatio(bytes: Uint8Array): number {
  const n = Math.min(bytes.length, SAMPLE_CHARS);
  let text = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c) text++;
  }
  return text / n;
}
