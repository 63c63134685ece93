/** The batch runner's stop signal (src/batch/stop.ts): AbortSignal's behaviour for what the runner uses. */
import { describe, expect, it, vi } from "vitest";
import { Stop, type StopSignal } from "../../src/batch/stop.ts";

describe("Stop", () => {
  it("calls each listener once, in the order added, and sets aborted", () => {
    const stop = new Stop();
    const calls: string[] = [];
    const a = () => calls.push("a");
    const b = () => calls.push("b");
    stop.signal.addEventListener("abort", a, { once: true });
    stop.signal.addEventListener("abort", b);
    stop.signal.addEventListener("abort", a); // added twice: called once, as on an AbortSignal
    expect(stop.aborted).toBe(false);
    stop.abort();
    stop.abort();
    expect(stop.aborted).toBe(true);
    expect(calls).toEqual(["a", "b"]);
  });

  it("a removed listener is not called, and none added after the abort is", () => {
    const stop = new Stop();
    const removed = vi.fn();
    const late = vi.fn();
    stop.addEventListener("abort", removed);
    stop.removeEventListener("abort", removed);
    stop.abort();
    stop.addEventListener("abort", late);
    expect(removed).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });

  it("behaves as an AbortSignal does for the same calls", () => {
    const script = (signal: StopSignal, abort: () => void) => {
      const seen: number[] = [];
      const one = () => seen.push(1);
      const two = () => seen.push(2);
      signal.addEventListener("abort", one, { once: true });
      signal.addEventListener("abort", two);
      signal.removeEventListener("abort", one);
      signal.addEventListener("abort", one);
      const before = signal.aborted;
      abort();
      abort();
      signal.addEventListener("abort", () => seen.push(3));
      return { before, after: signal.aborted, seen };
    };
    const ac = new AbortController();
    const stop = new Stop();
    expect(script(stop.signal, () => stop.abort())).toEqual(script(ac.signal, () => ac.abort()));
  });
});
