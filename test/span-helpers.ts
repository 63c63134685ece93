/**
 * Checks every quoted span of a result against the decoded note, as SPEC.md promises:
 * `text === note.slice(start, end)`, and 1-based line/column computed independently of
 * src/text/lines.ts (a line ends at \n, \r\n or a lone \r; columns count UTF-16 code units).
 * Returns a list of problems rather than asserting, so that a failure names every bad span.
 */

export interface SpanLike {
  text?: string;
  line: number;
  column: number;
  start: number;
  end: number;
}

export interface ResultLike {
  rules: { id: string; evidence: SpanLike[]; ignored: SpanLike[] }[];
}

/**
 * Problems with the spans of `result` against `note`. With `redacted`, a span must carry no
 * `text`; otherwise it must equal the slice. Positions are checked either way.
 */
export function spanProblems(result: ResultLike, note: string, opts: { redacted?: boolean } = {}): string[] {
  const problems: string[] = [];
  // Positions are computed once per note: a 2 MB note has thousands of spans.
  const lineStarts = [0];
  for (let i = 0; i < note.length; i++) {
    if (note[i] === "\n" || (note[i] === "\r" && note[i + 1] !== "\n")) lineStarts.push(i + 1);
  }
  const pos = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  for (const rule of result.rules) {
    for (const [kind, spans] of [["evidence", rule.evidence], ["ignored", rule.ignored]] as const) {
      spans.forEach((s, i) => {
        const where = `${rule.id}.${kind}[${i}]`;
        if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || s.start < 0 || s.end < s.start || s.end > note.length) {
          problems.push(`${where}: bad offsets ${s.start}..${s.end} (note length ${note.length})`);
          return;
        }
        if (opts.redacted) {
          if (s.text !== undefined) problems.push(`${where}: text present in a redacted result`);
        } else if (s.text !== note.slice(s.start, s.end)) {
          problems.push(`${where}: text ${JSON.stringify(s.text)} != slice ${JSON.stringify(note.slice(s.start, s.end))}`);
        }
        const want = pos(s.start);
        if (s.line !== want.line || s.column !== want.column) {
          problems.push(`${where}: at ${s.line}:${s.column}, offset ${s.start} is ${want.line}:${want.column}`);
        }
      });
    }
  }
  return problems;
}
