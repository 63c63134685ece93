/**
 * Where a streamed report goes while a batch runs: standard output, or a file written atomically
 * (a temporary file beside it, renamed into place only when the report is complete, so a reader
 * never sees half a report and an interrupted run leaves nothing behind).
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { UserError } from "../types.js";
import { writeOut } from "./stdout.js";

export interface Sink {
  write(text: string): void;
  /** Flushes and, for a file, renames it into place. */
  finish(): Promise<void>;
  /** Gives up: a file's temporary copy is removed. */
  abort(): void;
}

/** Output is gathered into chunks of about this many characters before each write. */
const CHUNK = 64 * 1024;

function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

/**
 * `stdout` is for tests; by default the report goes to standard output through `writeOut`
 * (report/stdout.ts), which needs no stream for a report written in a few writes.
 */
export function openSink(output: string | undefined, stdout?: NodeJS.WritableStream): Sink {
  let pending = "";
  if (output === undefined) {
    const put = stdout
      ? (text: string) =>
          new Promise<void>((resolve) => {
            if (stdout.write(text)) resolve();
            else stdout.once("drain", () => resolve());
          })
      : writeOut;
    return {
      write(text) {
        pending += text;
        if (pending.length >= CHUNK) {
          void put(pending);
          pending = "";
        }
      },
      finish() {
        const last = pending;
        pending = "";
        return put(last);
      },
      abort() {
        if (pending !== "") void put(pending); // what was complete is still worth having
        pending = "";
      },
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
    if (pending === "") return;
    try {
      writeSync(fd!, pending);
    } catch (e) {
      fail(e);
    }
    pending = "";
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
      pending += text;
      if (pending.length >= CHUNK) flush();
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
  };
}
