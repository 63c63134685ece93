/**
 * Standard output without `process.stdout` where it can be done: Node.js builds that stream on
 * first use (for a pipe, a socket with the net and stream modules behind it), about 3 ms of a
 * one-note run whose whole report is one write. A report is written with `writeSync` on file
 * descriptor 1; the stream takes over for good (so that writes stay in order) when the
 * descriptor is non-blocking and full, and wherever a caller needs a stream (`stdoutStream`).
 *
 * When the reader goes away (`cpt-check notes/ | head -1`), the process stops quietly with the
 * exit code it has, as line tools do: nobody is left to read the rest of the report.
 */
import { fstatSync, statSync, writeSync, type Stats } from "node:fs";
import { createRequire } from "node:module";

const builtin = createRequire(import.meta.url);
let stream: NodeJS.WriteStream | undefined;

function readerGone(): never {
  process.exit(process.exitCode ?? 0);
}

/** process.stdout, set to stop quietly when its reader goes away. */
export function stdoutStream(): NodeJS.WriteStream {
  if (!stream) {
    stream = process.stdout;
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") readerGone();
      throw e;
    });
  }
  return stream;
}

const draining = new WeakMap<NodeJS.WritableStream, Promise<void>>();

/**
 * Writes to a stream; resolves at once, or once the stream has drained when it is full. Writes
 * made while it is full share one wait (one "drain" listener, however many writes a batch makes
 * while a slow reader catches up: a listener each made Node.js warn of a leak on stderr).
 */
export function streamWrite(s: NodeJS.WritableStream, data: string | Uint8Array): Promise<void> {
  if (s.write(data)) return draining.get(s) ?? Promise.resolve();
  let wait = draining.get(s);
  if (!wait) {
    wait = new Promise<void>((resolve) =>
      s.once("drain", () => {
        draining.delete(s);
        resolve();
      }),
    );
    draining.set(s, wait);
  }
  return wait;
}

/** More than this many bytes waiting for a reader is a backlog (see `backlog`). */
export const BACKLOG_BYTES = 1 << 20;

/**
 * A wait for `s` to drain, when more than BACKLOG_BYTES are waiting in it for a slow reader; a
 * batch hands out no more notes until then (see BatchOptions.pause), so that memory stays flat.
 */
export function backlog(s: NodeJS.WritableStream): Promise<void> | undefined {
  const wait = draining.get(s);
  return wait && ((s as { writableLength?: number }).writableLength ?? Infinity) > BACKLOG_BYTES ? wait : undefined;
}

/** `backlog` of standard output: none while it is written with writeSync (see writeOut). */
export function stdoutBacklog(): Promise<void> | undefined {
  return stream ? backlog(stream) : undefined;
}

function toStream(data: string | Uint8Array): Promise<void> {
  return streamWrite(stdoutStream(), data);
}

/** Writes to standard output; resolves once the data is written or handed to the stream. */
export function writeOut(data: string | Uint8Array): Promise<void> {
  if (stream || data.length === 0) return data.length === 0 ? Promise.resolve() : toStream(data);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  let off = 0;
  try {
    while (off < bytes.length) off += writeSync(1, bytes, off, bytes.length - off);
    return Promise.resolve();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EPIPE") readerGone();
    if (code !== "EAGAIN") throw e;
    return toStream(bytes.subarray(off)); // a full non-blocking pipe: the stream waits for it
  }
}

/**
 * Whether standard output is a terminal. The tty module (with the net and stream modules it
 * loads, ~55 M instructions of a one-note run) is loaded only for a character device that is not
 * /dev/null: a hook that wants only the exit code sends the report there, and /dev/null is a
 * character device too.
 */
export function stdoutIsTerminal(): boolean {
  if (stream) return stream.isTTY === true;
  let out: Stats;
  try {
    out = fstatSync(1);
  } catch {
    return false;
  }
  if (!out.isCharacterDevice() || isDevNull(out)) return false;
  return (builtin("node:tty") as typeof import("node:tty")).isatty(1);
}

/** Whether `st` is the null device (same device and inode as /dev/null; never on Windows). */
export function isDevNull(st: Stats): boolean {
  if (process.platform === "win32") return false;
  try {
    const nul = statSync("/dev/null");
    return nul.isCharacterDevice() && st.dev === nul.dev && st.ino === nul.ino && st.rdev === nul.rdev;
  } catch {
    return false;
  }
}
