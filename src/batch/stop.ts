/**
 * Stopping a batch: what the batch runner needs of an AbortSignal (`aborted`, and listeners for
 * "abort"), so that the command line need not create one. Node.js's AbortController brings its
 * EventTarget machinery, whose functions V8 then compiles on every one-note run (~30 of them,
 * over a millisecond of a hook's start) for a Ctrl-C that almost never comes. An AbortSignal
 * fits `StopSignal` too, so library callers and tests may pass one.
 */
export interface StopSignal {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** A one-shot stop: `abort()` sets `aborted` and calls each listener once, in the order added. */
export class Stop implements StopSignal {
  aborted = false;
  private listeners: (() => void)[] = [];

  /** Itself, for code written against AbortController's `signal`. */
  get signal(): StopSignal {
    return this;
  }

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }

  /** As on an AbortSignal: a listener added twice is called once; none is called after the abort. */
  addEventListener(_type: "abort", listener: () => void): void {
    if (!this.aborted && !this.listeners.includes(listener)) this.listeners.push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const i = this.listeners.indexOf(listener);
    if (i !== -1) this.listeners.splice(i, 1);
  }
}
