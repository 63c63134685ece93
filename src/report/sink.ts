/**
 * Where a streamed report goes while a batch runs: standard output, or a file written atomically
 * (a temporary file beside it, renamed into place only when the report is complete, so a reader
 * never sees half a report and an interrupted run leaves nothing behind).
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "../types.js";
import { backlog, stdoutBacklog, streamWrite, writeOut } from "./stdout.js";

export interface Sink {
  /** Text, or text already encoded as UTF-8 (a batch worker's report). */
  write(text: string | Uint8Array): void;
  /** Flushes and, for a file, renames it into place. */
  finish(): Promise<void>;
  /** Gives up: a file's temporary copy is removed. */
  abort(): void;
  /** A wait while the reader of standard output is behind (see stdout.ts `backlog`). */
  backlog(): Promise<void> | undefined;
}

/** Output is gathered into chunks of about this many characters or bytes before each write. */
const CHUNK = 64 * 1024;

/**
 * What is waiting to be written: text, kept as one string while only text comes, or pieces of
 * text and bytes, written together as one buffer.
 */
class Pending {
  private text = "";
  private pieces: (string | Uint8Array)[] | null = null;
  /** Characters of text plus bytes waiting. */
  size = 0;

  /** Adds data; returns the size waiting. */
  add(data: string | Uint8Array): number {
    if (data.length === 0) return this.size;
    if (typeof data === "string" && this.pieces === null) this.text += data;
    else {
      if (this.pieces === null) this.pieces = this.text === "" ? [] : [this.text];
      this.pieces.push(data);
    }
    return (this.size += data.length);
  }

  /** Everything waiting, in order (then nothing is). */
  take(): string | Uint8Array {
    const pieces = this.pieces;
    const text = this.text;
    this.text = "";
    this.pieces = null;
    this.size = 0;
    if (pieces === null) return text;
    return Buffer.concat(pieces.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)));
  }
}

function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

/**
 * `stdout` is for tests; by default the report goes to standard output through `writeOut`
 * (report/stdout.ts), which needs no stream for a report written in a few writes.
 */
export function openSink(output: string | undefined, stdout?: NodeJS.WritableStream, opts: { immediate?: boolean } = {}): Sink {
  const pending = new Pending();
  if (output === undefined) {
    const put = stdout ? (data: string | Uint8Array) => streamWrite(stdout, data) : writeOut;
    // `immediate`: each write goes out at once (a terminal, where a person reads as it comes).
    const chunk = opts.immediate ? 1 : CHUNK;
    return {
      write(text) {
        if (pending.add(text) >= chunk) void put(pending.take());
      },
      finish() {
        return put(pending.take());
      },
      abort() {
        if (pending.size > 0) void put(pending.take()); // what was complete is still worth having
      },
      backlog: stdout ? () => backlog(stdout) : stdoutBacklog,
    };
  }
  const tmp = tempPathFor(output);
  const fail = (e: unknown): never => {
    throw new UserError(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
  };
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "w");
  } catch (e) {
    fail(e);
  }
  const flush = () => {
    if (pending.size === 0) return;
    const data = pending.take();
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd!, bytes, at, bytes.length - at);
    } catch (e) {
      fail(e);
    }
  };
  const discard = () => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
      fd = undefined;
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing was written */
    }
  };
  return {
    write(text) {
      if (pending.add(text) >= CHUNK) flush();
    },
    async finish() {
      try {
        flush();
        closeSync(fd!);
        fd = undefined;
        renameSync(tmp, output);
      } catch (e) {
        discard();
        if (e instanceof UserError) throw e;
        fail(e);
      }
    },
    abort: discard,
    backlog: () => undefined, // written as it goes (writeSync): a file never falls behind
  };
}
