/**
 * Reads one input (file or standard input) into decoded text, or a one-line error. Every failure
 * is returned, not thrown, so a batch reports the file as `status: "error"` and goes on.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";
import { UserError } from "../types.js";
import type { InputEntry } from "./collect.js";
import { decodeNote, type DecodeResult } from "./decode.js";
import { describeFsError, errnoCode, notRegularReason } from "./fs-errors.js";

/**
 * A clinical note is a few kilobytes; even a long operative report with pasted history stays
 * well under 1 MB. 10 MB is far beyond any real note, yet bounds the memory a mistaken input
 * (a log file, a disk image, an endless pipe) can take before it is refused.
 */
export const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;

export interface ReadOptions {
  maxSize: number;
  /** Where a `-` entry reads from; process.stdin unless a test supplies another stream. */
  stdin?: AsyncIterable<Uint8Array | string>;
}

const CHUNK = 64 * 1024;

const tooLarge = (what: string, maxSize: number): string =>
  `${what} is larger than the --max-size limit (${maxSize} bytes)`;

export async function readNote(entry: InputEntry, opts: ReadOptions): Promise<DecodeResult> {
  if (entry.kind === "error") return { error: entry.error };
  if (entry.kind === "stdin") {
    try {
      return decodeNote(await readStdin(opts.maxSize, opts.stdin));
    } catch (err) {
      return { error: err instanceof UserError ? err.message : "cannot read standard input" };
    }
  }
  const read = readFileBounded(entry.abs, opts.maxSize);
  return "error" in read ? read : decodeNote(read.bytes);
}

/**
 * Synchronous on purpose: a note is a few kilobytes in the page cache, and each asynchronous step
 * (stat, open, read, close) would be a round trip through libuv's thread pool — most of a
 * one-note run's waiting, and no gain for a batch, whose workers each read their own notes.
 */
function readFileBounded(abs: string, maxSize: number): { bytes: Buffer } | { error: string } {
  // stat before open: a FIFO or device is refused without ever being opened.
  let stats;
  try {
    stats = statSync(abs);
  } catch (err) {
    return { error: describeFsError(err) };
  }
  const reason = notRegularReason(stats);
  if (reason !== undefined) return { error: reason };
  if (stats.size > maxSize) return { error: tooLarge("file", maxSize) };

  let fd: number;
  try {
    // O_NONBLOCK: should the path be swapped for a FIFO after the stat, open still cannot block,
    // and the fstat below refuses it. It changes nothing for regular files.
    fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    return { error: describeFsError(err) };
  }
  try {
    const opened = fstatSync(fd);
    const swapped = notRegularReason(opened);
    if (swapped !== undefined) return { error: swapped };

    // Bounded read: a file growing after the stat still cannot exceed maxSize in memory.
    const chunks: Buffer[] = [];
    let total = 0;
    let size = Math.min(opened.size, maxSize) + 1; // +1 so that EOF is usually seen in one read
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxSize) return { error: tooLarge("file", maxSize) };
      chunks.push(buf.subarray(0, bytesRead));
      size = CHUNK;
    }
    // A note is usually one read: its bytes as they are, not copied into a buffer of their own.
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (err) {
    return { error: describeFsError(err) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
  }
}

/**
 * All of standard input (or `stream`), refused with a UserError as soon as it passes maxSize;
 * leaving the loop early destroys the stream, so an endless pipe is not drained.
 */
export async function readStdin(
  maxSize: number,
  stream: AsyncIterable<Uint8Array | string> = process.stdin,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      // Buffers from Node streams are kept as they are; other views are copied in case they are reused.
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      total += buf.length;
      if (total > maxSize) throw new UserError(tooLarge("standard input", maxSize));
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(errnoCode(err) ? `cannot read standard input: ${describeFsError(err)}` : "cannot read standard input");
  }
  return Buffer.concat(chunks, total);
}
