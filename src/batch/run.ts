/**
 * The batch runner: checks many inputs, in process or on worker threads, and returns the results
 * in input order whatever order they finish in. A bad note never stops the batch, and a worker
 * that dies costs at most the one note it was checking: every input gets exactly one result.
 */
export { parseConcurrency } from "./concurrency.js";
import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import { WORKER_URL } from "../paths.js";
import { applyWorkerFlags } from "./worker-flags.js";
import type { InputEntry } from "../input/collect.js";
import { readNote } from "../input/read.js";
import type { RulePack } from "../rules/compile.js";
import type { FileResult, RuleResult } from "../types.js";
import { checkDecoded, errorResult, INTERNAL_ERROR, outline, shareRules, type ResultItem, type WorkerInit, type WorkerMessage, type WorkMessage } from "./protocol.js";
import type { StreamFormat } from "../report/stream-format.js";
import { Stop, type StopSignal } from "./stop.js";

export type Concurrency = "auto" | "off" | number;
/** A result formatted for the report by a worker: text, or the same as UTF-8 bytes. */
export type ReportText = string | Uint8Array;

// Built-in modules only a batch on workers needs are required when used: in the command line's
// bundle a top-level import of a built-in is loaded by every run, one note or many.
const builtin = createRequire(import.meta.url); // not `require`: the bundler would hoist that
const availableParallelism = (): number => (builtin("node:os") as typeof import("node:os")).availableParallelism();

/** Below this many notes "auto" stays in process: starting a worker (~50 ms) costs more than it saves. */
export const AUTO_MIN_ENTRIES = 200;
/** "auto" never starts more workers than this; reading files and the main thread's bookkeeping cap the gain. */
export const AUTO_MAX_WORKERS = 4;
/** Notes per message to a worker: enough to amortise a round trip, small enough to balance the tail. */
export const MAX_ITEMS_PER_MESSAGE = 16;
/**
 * A worker is sent more notes while it has no more than this many in hand: a worker answers a
 * whole message at once, so it always holds the next message while it works on one and never
 * waits idle for the main thread between two.
 */
export const REFILL_AT_MOST = MAX_ITEMS_PER_MESSAGE;

export interface BatchOptions {
  /** The code or path the pack was loaded from; each worker loads it again from there. */
  packRef: string;
  /** The loaded pack, used for in-process checking (and standard input). */
  pack: RulePack;
  concurrency: Concurrency;
  maxSize: number;
  /** Per-note time budget in milliseconds (see check.ts). */
  timeBudgetMs?: number;
  /** Called once per input as it completes (completion order, not input order). */
  onResult?: (done: number, total: number, result: FileResult) => void;
  /**
   * Called once per input in input order, as soon as every earlier input has its result: a
   * report can be written while the batch runs. With `slim`, the returned list then keeps only
   * each result's outline (statuses, rule ids), so memory does not grow with the quoted evidence.
   */
  onOrdered?: (result: FileResult, index: number, text?: ReportText) => void;
  slim?: boolean;
  /**
   * With `onOrdered`: workers format each result in this format themselves and the result comes
   * as an outline with its `text`; results checked in process come without `text`.
   */
  stream?: { format: StreamFormat; redact: boolean };
  /**
   * Backpressure: asked before more notes are read and checked (in process) or handed to a worker.
   * While it returns a promise (the report's reader is behind), no more are, until it settles;
   * the notes workers already hold still finish. So memory does not grow with a slow reader.
   */
  pause?: () => Promise<void> | undefined;
  /** Aborting rejects with an AbortError and stops every worker. */
  signal?: StopSignal;
  /** @internal Tests substitute a worker script; defaults to the compiled worker.js beside this file. */
  workerUrl?: URL;
}

/**
 * How many worker threads to use for `n` notes; 0 means check in process. "off" and 1 are in
 * process; more workers than notes would only idle.
 */
/** `cpus` defaults to the machine's, looked up (node:os) only when a batch is large enough to use it. */
export function chooseWorkers(n: number, requested: Concurrency, cpus?: number): number {
  let workers: number;
  if (requested === "off") workers = 0;
  // auto leaves a core to the main thread (merging and writing) from three cores up; on two, the
  // main thread mostly waits (workers read their own notes and send results as JSON text), and
  // two workers measured about a fifth less wall time than one process.
  else if (requested === "auto") {
    if (n < AUTO_MIN_ENTRIES) workers = 0;
    else {
      const c = cpus ?? availableParallelism();
      workers = c < 2 ? 0 : Math.min(Math.max(c - 1, 2), AUTO_MAX_WORKERS);
    }
  } else workers = Math.min(requested, n);
  return workers > 1 ? workers : 0;
}

export function abortError(): DOMException {
  return new DOMException("the batch was aborted", "AbortError");
}

export async function runBatch(entries: InputEntry[], opts: BatchOptions): Promise<FileResult[]> {
  const { signal } = opts;
  if (signal?.aborted) throw abortError();
  const total = entries.length;
  const results: (FileResult | undefined)[] = new Array(total);
  let done = 0;
  const stop = new Stop(); // ends background work once the batch settles either way
  // The only way a result is stored: the first result for an index wins, so none is duplicated,
  // and nothing is reported once the batch has settled.
  let nextOrdered = 0;
  const texts = new Map<number, ReportText>(); // formatted by a worker, until written in order
  const sharedRules = new Map<string, RuleResult>(); // see shareRules
  const record = (index: number, result: FileResult, text?: ReportText): boolean => {
    if (stop.signal.aborted || results[index] !== undefined) return false;
    results[index] = result;
    if (text !== undefined) texts.set(index, text);
    done++;
    opts.onResult?.(done, total, result);
    if (opts.onOrdered) {
      for (let r = results[nextOrdered]; r !== undefined; r = results[nextOrdered]) {
        const t = texts.get(nextOrdered);
        if (t !== undefined) texts.delete(nextOrdered);
        opts.onOrdered(r, nextOrdered, t);
        // Kept: the outline (a worker's result that came with its text is one already).
        if (opts.slim) results[nextOrdered] = shareRules(t === undefined ? outline(r) : r, sharedRules);
        nextOrdered++;
      }
    }
    return true;
  };

  const files: number[] = [];
  const others: number[] = [];
  entries.forEach((e, i) => (e.kind === "file" ? files : others).push(i));
  const workers = chooseWorkers(files.length, opts.concurrency);

  const work: Promise<unknown> =
    workers === 0
      ? checkInProcess(entries.map((_, i) => i), entries, opts, record, stop.signal)
      : Promise.all([
          // Error entries and standard input (which only the main thread can read) stay here.
          checkInProcess(others, entries, opts, record, stop.signal),
          runPool(files, entries, workers, opts, record, stop.signal),
        ]);
  try {
    await raceAbort(work, signal);
  } finally {
    stop.abort();
  }
  if (done !== total) throw new Error(`batch runner: ${total - done} results missing`); // a bug, not a user error
  return results as FileResult[];
}

/** `work`, or an AbortError as soon as `signal` aborts (even while a read is pending). */
function raceAbort<T>(work: Promise<T>, signal: StopSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** Stores a result; the return value is ignored by in-process callers. */
type Store = (index: number, result: FileResult, text?: ReportText) => unknown;

async function checkInProcess(
  indices: number[],
  entries: InputEntry[],
  opts: BatchOptions,
  record: Store,
  stop: StopSignal,
): Promise<void> {
  let sinceYield = 0;
  for (const i of indices) {
    // Reading and checking are synchronous: give the event loop a turn now and then, so that
    // Ctrl-C (SIGINT) and the progress bar are handled during a long batch.
    if (++sinceYield >= 8) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (stop.aborted) return;
    const wait = opts.pause?.();
    if (wait) {
      await wait;
      if (stop.aborted) return;
    }
    const entry = entries[i]!;
    const decoded = await readNote(entry, { maxSize: opts.maxSize });
    record(i, checkDecoded(decoded, entry.path, opts.pack, opts.timeBudgetMs));
  }
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  /** Indices sent and not yet answered, in the order the worker handles them. */
  inflight: number[];
  /** Written by the worker: the index of the note it is checking, -1 between notes. */
  current: Int32Array;
}

/**
 * Hands out file entries to `size` workers, a few at a time, to whichever worker is idle. A worker
 * that dies after loading the pack: the note it was on becomes an error result, the other notes it
 * held (not started, or checked but not yet posted) go back to the queue, and a new worker takes
 * its place. Workers that cannot even
 * load the pack are not replaced; if none is left, the rest is checked in process.
 */
function runPool(
  indices: number[],
  entries: InputEntry[],
  size: number,
  opts: BatchOptions,
  record: (index: number, result: FileResult, text?: ReportText) => boolean,
  stop: StopSignal,
): Promise<void> {
  const url = opts.workerUrl ?? WORKER_URL;
  const init: WorkerInit = {
    packRef: opts.packRef,
    maxSize: opts.maxSize,
    ...(opts.timeBudgetMs ? { timeBudgetMs: opts.timeBudgetMs } : {}),
    ...(opts.stream && opts.onOrdered ? { stream: opts.stream } : {}),
  };
  const queue = [...indices];
  let head = 0; // queue[head..] are not handed out yet
  let left = indices.length;
  const live = new Set<Slot>();
  let settled = false;
  let fallback = false;

  return new Promise<void>((resolve, reject) => {
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      stop.removeEventListener("abort", onStop);
      for (const slot of live) void slot.worker.terminate();
      live.clear();
      if (err === undefined) resolve();
      else reject(err);
    };
    const onStop = (): void => finish();
    stop.addEventListener("abort", onStop, { once: true });
    // An exception in an event handler (from onResult, say) rejects the batch instead of escaping.
    const guard =
      <A extends unknown[]>(f: (...args: A) => void) =>
      (...args: A): void => {
        try {
          f(...args);
        } catch (e) {
          finish(e);
        }
      };

    const store = (index: number, result: FileResult, text?: ReportText): void => {
      if (record(index, result, text)) left--;
      if (left === 0) finish();
    };

    // Sends messages until the worker holds more than REFILL_AT_MOST notes: two messages' worth
    // once it is ready, and another each time it answers one, so that the next message is already
    // in its queue when it finishes one and it never waits for the main thread (which, with as
    // many workers as cores, first has to get a core back).
    let paused = false;
    const dispatch = (slot: Slot): void => {
      if (paused) return;
      const wait = opts.pause?.();
      if (wait) {
        // Every worker is sent more once the reader has caught up.
        paused = true;
        wait.then(guard(() => {
          paused = false;
          for (const s of live) dispatch(s);
        }), finish);
        return;
      }
      while (!settled && !slot.dead && slot.ready && slot.inflight.length <= REFILL_AT_MOST && head < queue.length) {
        // Smaller messages near the end, so that no worker sits on a backlog while others idle.
        const perWorker = Math.ceil((queue.length - head) / (live.size * 4));
        const take = Math.max(1, Math.min(MAX_ITEMS_PER_MESSAGE, perWorker));
        const items = queue.slice(head, head + take).map((index) => ({ index, entry: entries[index]! }));
        head += items.length;
        for (const it of items) slot.inflight.push(it.index);
        const message: WorkMessage = { type: "work", items };
        slot.worker.postMessage(message);
      }
    };

    const onDeath = (slot: Slot): void => {
      if (settled || slot.dead) return;
      slot.dead = true;
      live.delete(slot);
      const on = Atomics.load(slot.current, 0);
      const current = slot.inflight.includes(on) ? on : undefined;
      const unfinished = slot.inflight.filter((index) => index !== current);
      slot.inflight = [];
      if (unfinished.length > 0) {
        queue.splice(head, 0, ...unfinished);
      }
      if (current !== undefined) {
        store(current, errorResult(entries[current]!.path, INTERNAL_ERROR));
        // Replaced only when the death consumed a note: at most one new worker per note, no loop.
        if (!settled) spawn();
      }
      if (settled) return;
      if (live.size === 0) {
        checkRestInProcess();
        return;
      }
      for (const s of live) dispatch(s);
    };

    const checkRestInProcess = (): void => {
      if (fallback) return;
      fallback = true;
      const rest = queue.slice(head);
      head = queue.length;
      checkInProcess(rest, entries, opts, store, stop).then(() => finish(), finish);
    };

    const spawn = (): void => {
      if (fallback) return;
      let worker: Worker;
      const shared = new SharedArrayBuffer(4);
      const current = new Int32Array(shared);
      current[0] = -1;
      try {
        const { Worker } = builtin("node:worker_threads") as typeof import("node:worker_threads");
        applyWorkerFlags();
        worker = new Worker(url, { workerData: { ...init, current: shared } satisfies WorkerInit });
      } catch {
        if (live.size === 0) checkRestInProcess();
        return;
      }
      const slot: Slot = { worker, ready: false, dead: false, inflight: [], current };
      live.add(slot);
      worker.on("message", guard((m: WorkerMessage) => {
        if (settled || slot.dead) return;
        if (m.type === "ready") {
          slot.ready = true;
          dispatch(slot);
          return;
        }
        // The worker's next notes go out before its results are stored (and written).
        const answered = m.items.map((item) => {
          const at = slot.inflight.indexOf(item.index);
          if (at < 0) return false; // not this worker's note: ignore rather than duplicate
          slot.inflight.splice(at, 1);
          return true;
        });
        dispatch(slot);
        let offset = 0; // of the item's report in m.bytes
        for (let i = 0; i < m.items.length; i++) {
          if (settled) return;
          const item = m.items[i]!;
          const size = ("size" in item ? item.size : undefined) ?? 0;
          if (answered[i]) {
            const [result, text] = received(item, entries, m.bytes?.subarray(offset, offset + size), init.stream !== undefined);
            store(item.index, result, text);
          }
          offset += size;
        }
      }));
      // Either event may come first, or alone; onDeath handles a slot once.
      worker.on("error", guard(() => onDeath(slot)));
      worker.on("exit", guard(() => onDeath(slot)));
    };

    if (left === 0) return finish();
    for (let i = 0; i < size; i++) spawn();
  });
}

/**
 * A result as a worker sent it, with its report (`bytes`: the item's part of the message's
 * buffer); text that does not parse becomes an error for that note only.
 */
function received(
  item: ResultItem,
  entries: InputEntry[],
  bytes: Uint8Array | undefined,
  expectText: boolean,
): [FileResult, ReportText | undefined] {
  try {
    if ("result" in item) return [item.result, undefined];
    const result = JSON.parse(item.json) as FileResult;
    const text = item.size === undefined ? item.text : bytes !== undefined && bytes.length === item.size ? bytes : undefined;
    // An outline without its report (or with part of it) cannot be written: an error for that note.
    if (expectText && text === undefined) throw new Error("a worker's report is missing");
    return [result, text];
  } catch {
    return [errorResult(entries[item.index]!.path, INTERNAL_ERROR), undefined];
  }
}
