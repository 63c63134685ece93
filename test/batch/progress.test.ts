import { describe, expect, it } from "vitest";
import { createProgress, formatProgressLine, MIN_INTERVAL_MS } from "../../src/batch/progress.ts";

function fakeStream(isTTY: boolean, columns = 80) {
  const writes: string[] = [];
  return { stream: { isTTY, columns, write: (s: string) => writes.push(s) }, writes };
}

describe("createProgress", () => {
  it("writes nothing to a stream that is not a terminal", () => {
    const { stream, writes } = fakeStream(false);
    const p = createProgress(300, stream);
    for (let i = 1; i <= 300; i++) p.tick(i);
    p.done();
    expect(writes).toEqual([]);
  });

  it("writes nothing for a single note, even on a terminal", () => {
    const { stream, writes } = fakeStream(true);
    const p = createProgress(1, stream);
    p.tick(1);
    p.done();
    expect(writes).toEqual([]);
  });

  it("clear erases a drawn bar and redraw puts the last counts back; neither writes before a draw or after done", () => {
    const { stream, writes } = fakeStream(true);
    let t = 0;
    const p = createProgress(300, stream, { now: () => t });
    p.clear();
    p.redraw();
    expect(writes).toEqual([]); // nothing drawn yet
    p.tick(120);
    p.clear();
    p.clear(); // already clear: nothing more
    expect(writes.slice(1)).toEqual(["\r\x1b[K"]);
    t += 1;
    p.redraw(); // at once, not throttled
    expect(writes[2]).toContain("120/300");
    p.done();
    const count = writes.length;
    p.clear();
    p.redraw();
    expect(writes).toHaveLength(count);
  });

  it("draws the counts on a terminal, throttled, always the last one, then clears the line", () => {
    const { stream, writes } = fakeStream(true);
    let t = 0;
    const p = createProgress(300, stream, { now: () => t });
    p.tick(1);
    t += 10;
    p.tick(2); // too soon: skipped
    t += MIN_INTERVAL_MS;
    p.tick(150);
    t += 1;
    p.tick(300); // the end is always drawn
    expect(writes).toHaveLength(3);
    expect(writes[0]).toContain("1/300");
    expect(writes[1]).toContain("150/300");
    expect(writes[1]).toContain("50%");
    expect(writes[2]).toContain("300/300");
    expect(writes[2]).toContain("notes/s");
    for (const w of writes) {
      expect(w.startsWith("\r")).toBe(true);
      expect(w).not.toContain("\n");
    }
    p.done();
    expect(writes[3]).toBe("\r\x1b[K");
    p.done();
    p.tick(300);
    expect(writes).toHaveLength(4);
  });

  it("does not clear a line it never drew", () => {
    const { stream, writes } = fakeStream(true);
    createProgress(5, stream).done();
    expect(writes).toEqual([]);
  });
});

describe("formatProgressLine", () => {
  it.each([
    [0, 300, 0, "[------------------------]    0/300    0%  0.0 notes/s"],
    [150, 300, 2000, "[############------------]  150/300   50%  75 notes/s"],
    [300, 300, 60_000, "[########################]  300/300  100%  5.0 notes/s"],
  ])("%i of %i after %i ms", (done, total, ms, expected) => {
    expect(formatProgressLine(done, total, ms, 80)).toBe(expected);
  });

  it("fits a narrow terminal, keeping the counts", () => {
    const line = formatProgressLine(12, 300, 1000, 30);
    expect(line.length).toBeLessThanOrEqual(29);
    expect(line).toContain("12/300");
  });
});
