/**
 * A one-line progress bar for long batches, on stderr so that stdout carries only the report. It
 * draws only on a terminal and for more than one note: a pipe, a file or a CI log gets nothing,
 * not even a newline.
 */

/** What the bar needs of a stream; process.stderr has it, and tests pass a fake. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface Progress {
  /** `done` notes of the total are finished; redraws at most every MIN_INTERVAL_MS, and always at the end. */
  tick(done: number): void;
  /**
   * Around a write of the report to the same terminal: `clear` erases the bar (when drawn) so that
   * the report's lines start at the line's beginning, `redraw` puts it back below them.
   */
  clear(): void;
  redraw(): void;
  /** Clears the line, leaving the terminal as it was. Safe to call more than once. */
  done(): void;
}

export interface ProgressOptions {
  /** Milliseconds clock; tests supply their own. */
  now?: () => number;
}

/** About 10 redraws a second: smooth to the eye, negligible cost. */
export const MIN_INTERVAL_MS = 100;
const BAR_WIDTH = 24;

const NOOP: Progress = { tick() {}, clear() {}, redraw() {}, done() {} };

export function createProgress(total: number, given?: ProgressStream, options: ProgressOptions = {}): Progress {
  // One note has no bar: process.stderr (a stream built on first use) is not even looked at.
  if (total <= 1) return NOOP;
  const stream = given ?? process.stderr;
  if (stream.isTTY !== true) return NOOP;
  const now = options.now ?? Date.now;
  const started = now();
  let lastDraw = -Infinity;
  let lastDone = 0;
  let drawn = false;
  let closed = false;

  const draw = (done: number): void => {
    const line = formatProgressLine(done, total, now() - started, stream.columns ?? 80);
    // \r and erase-to-end-of-line: a shorter line leaves no trailing characters of the last one.
    stream.write(`\r${line}\x1b[K`);
    drawn = true;
  };

  return {
    tick(done: number): void {
      if (closed) return;
      const t = now();
      if (done < total && t - lastDraw < MIN_INTERVAL_MS) return;
      lastDraw = t;
      lastDone = Math.min(Math.max(done, 0), total);
      draw(lastDone);
    },
    clear(): void {
      if (closed || !drawn) return;
      stream.write("\r\x1b[K");
      drawn = false;
    },
    redraw(): void {
      if (closed || lastDraw === -Infinity) return;
      draw(lastDone);
    },
    done(): void {
      if (closed) return;
      closed = true;
      if (drawn) stream.write("\r\x1b[K");
    },
  };
}

/**
 * `[#########---------------]  123/300  41%  87 notes/s`, cut to fit in `columns - 1` characters
 * (writing the last column makes some terminals wrap, which breaks the `\r` redraw).
 */
export function formatProgressLine(done: number, total: number, elapsedMs: number, columns: number): string {
  const ratio = total > 0 ? done / total : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
  const counts = `${String(done).padStart(String(total).length)}/${total}`;
  const percent = `${String(Math.floor(ratio * 100)).padStart(3)}%`;
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const rateText = `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)} notes/s`;
  const full = `${bar}  ${counts}  ${percent}  ${rateText}`;
  const max = Math.max(columns - 1, 1);
  if (full.length <= max) return full;
  // A narrow terminal: the counts matter more than the bar.
  const short = `${counts}  ${percent}  ${rateText}`;
  return short.slice(0, max);
}
