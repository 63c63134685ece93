/**
 * Unicode character classes without Unicode regular expressions where the text does not need
 * them. V8 parses a regular expression when it is created, and a `\p{...}` class costs a lookup in
 * ICU's tables each time: the layout code's classes were a large part of a one-note run's start
 * (callgrind). Here each class is answered from a per-code-unit table, filled for ASCII at once and
 * for other characters on first sight; text with surrogate pairs (characters beyond the Basic
 * Multilingual Plane) is handed to the regular expression itself, so answers never differ.
 */

const UPPER = 1; // \p{Lu}
const LOWER = 2; // \p{Ll}
const LETTER = 4; // \p{L}
const NUMBER = 8; // \p{N}
const MARK = 16; // \p{M}
const KNOWN = 128;

const BITS = new Uint8Array(65536);
for (let c = 0; c < 128; c++) BITS[c] = KNOWN;
for (let c = 65; c <= 90; c++) BITS[c] = KNOWN | UPPER | LETTER;
for (let c = 97; c <= 122; c++) BITS[c] = KNOWN | LOWER | LETTER;
for (let c = 48; c <= 57; c++) BITS[c] = KNOWN | NUMBER;

let classes: { upper: RegExp; lower: RegExp; letter: RegExp; number: RegExp; mark: RegExp } | undefined;

function bits(c: number): number {
  let b = BITS[c]!;
  if (b === 0) {
    classes ??= { upper: /\p{Lu}/u, lower: /\p{Ll}/u, letter: /\p{L}/u, number: /\p{N}/u, mark: /\p{M}/u };
    const ch = String.fromCharCode(c);
    b = KNOWN;
    if (classes.upper.test(ch)) b |= UPPER;
    if (classes.lower.test(ch)) b |= LOWER;
    if (classes.letter.test(ch)) b |= LETTER;
    if (classes.number.test(ch)) b |= NUMBER;
    if (classes.mark.test(ch)) b |= MARK;
    BITS[c] = b;
  }
  return b;
}

const isSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdfff;

/** Whether any character of `s` has one of the classes in `mask`; `regex` answers for astral text. */
function any(s: string, mask: number, regex: () => RegExp): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSurrogate(c)) return regex().test(s);
    if (bits(c) & mask) return true;
  }
  return false;
}

let upperRe: RegExp | undefined;
let lowerRe: RegExp | undefined;

/** /\p{Lu}/u.test(s) */
export const hasUpper = (s: string): boolean => any(s, UPPER, () => (upperRe ??= /\p{Lu}/u));
/** /\p{Ll}/u.test(s) */
export const hasLower = (s: string): boolean => any(s, LOWER, () => (lowerRe ??= /\p{Ll}/u));

/** Whether the code unit at `i` is in \p{Lu}, \p{Ll}, \p{L}, \p{N} (a lone code unit: BMP only). */
export const isUpperAt = (s: string, i: number): boolean => (bits(s.charCodeAt(i)) & UPPER) !== 0;
export const isLowerAt = (s: string, i: number): boolean => (bits(s.charCodeAt(i)) & LOWER) !== 0;
export const isLetterAt = (s: string, i: number): boolean => (bits(s.charCodeAt(i)) & LETTER) !== 0;
export const isNumberAt = (s: string, i: number): boolean => (bits(s.charCodeAt(i)) & NUMBER) !== 0;
export const isMarkAt = (s: string, i: number): boolean => (bits(s.charCodeAt(i)) & MARK) !== 0;
export { isSurrogate };

/** Index of the first character of a line after its spaces and tabs (its length when it has none). */
export function indentEnd(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}

/** Index just after a line's last character that is not a space or tab, at least `from`. */
export function textEnd(line: string, from = 0): number {
  let b = line.length;
  while (b > from && (line.charCodeAt(b - 1) === 32 || line.charCodeAt(b - 1) === 9)) b--;
  return b;
}

/** `line.trim().length === 0` without the copy: only white space (\s, the set trim removes). */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128 || !/\s/.test(line[i]!)) return false;
  }
  return true;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
export const isAscii = (s: string): boolean => ASCII_ONLY.test(s);

/**
 * A pattern with Unicode classes and its ASCII twin, which must give the same answers on ASCII
 * text (there \p{L} is [A-Za-z], \p{N} is [0-9], \p{Pd} is "-"). The Unicode pattern is created
 * only when a text that is not ASCII comes along.
 */
export class TwinRegExp {
  private unicode?: RegExp;

  constructor(
    private readonly unicodeSource: string,
    private readonly unicodeFlags: string,
    private readonly ascii: RegExp,
  ) {}

  /** The pattern to run on `s`. */
  for(s: string): RegExp {
    return this.pick(isAscii(s));
  }

  /** The pattern for a text known to be ASCII or not (one check for a whole note, not per line). */
  pick(ascii: boolean): RegExp {
    return ascii ? this.ascii : (this.unicode ??= new RegExp(this.unicodeSource, this.unicodeFlags));
  }

  /** The Unicode pattern itself (for tests). */
  get full(): RegExp {
    return (this.unicode ??= new RegExp(this.unicodeSource, this.unicodeFlags));
  }
}
