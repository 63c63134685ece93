/**
 * 1-based line and column for offsets of the decoded note. A line ends at "\n", "\r\n" or a lone
 * "\r"; columns count UTF-16 code units from the line start, as editors and SARIF viewers do.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    // Most notes end their lines with "\n" alone: indexOf finds those faster than a character loop.
    if (text.indexOf("\r") < 0) {
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; column: number } {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - s[lo]! + 1 };
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? 0;
  }
}
