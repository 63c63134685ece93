import { constants, promises as fs } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InputEntry } from "../../src/input/collect.ts";
import { DEFAULT_MAX_SIZE, readNote, readStdin } from "../../src/input/read.ts";
import { UserError } from "../../src/types.ts";
import { isRoot, makeTempDir, removeTempDir, tryMkfifo, writeTree } from "./helpers.ts";

let root: string;
let hasFifo = false;

beforeAll(async () => {
  root = await makeTempDir();
  await writeTree(root, {
    "note.txt": "Left facial paralysis after schwannoma resection.\n",
    "latin1.txt": Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]),
    "ten.txt": "0123456789",
    "eleven.txt": "0123456789X",
    "empty.txt": "",
    "binary.txt": Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
    "dir/inner.txt": "x",
    "locked.txt": "secret note",
  });
  await fs.symlink("gone.txt", path.join(root, "dangling.txt"));
  await fs.symlink("dangling-loop.txt", path.join(root, "dangling-loop.txt"));
  await fs.chmod(path.join(root, "locked.txt"), 0o000);
  hasFifo = tryMkfifo(path.join(root, "pipe.txt"));
});

afterAll(async () => {
  await removeTempDir(root);
});

const file = (rel: string): InputEntry => ({ kind: "file", path: rel, abs: path.join(root, rel) });

type Case = { name: string; entry: () => InputEntry; maxSize?: number; text?: string; encoding?: string; error?: string | RegExp };

const cases: Case[] = [
  { name: "UTF-8 file", entry: () => file("note.txt"), text: "Left facial paralysis after schwannoma resection.\n", encoding: "utf-8" },
  { name: "Windows-1252 file", entry: () => file("latin1.txt"), text: "Café\n", encoding: "windows-1252" },
  { name: "exactly maxSize is accepted", entry: () => file("ten.txt"), maxSize: 10, text: "0123456789", encoding: "utf-8" },
  { name: "oversized", entry: () => file("eleven.txt"), maxSize: 10, error: "file is larger than the --max-size limit (10 bytes)" },
  { name: "empty file", entry: () => file("empty.txt"), error: "empty note" },
  { name: "binary file", entry: () => file("binary.txt"), error: "binary file (contains NUL bytes)" },
  { name: "directory where a file is expected", entry: () => file("dir"), error: "is a directory" },
  { name: "missing file", entry: () => file("missing.txt"), error: "no such file or directory" },
  { name: "dangling symlink", entry: () => file("dangling.txt"), error: "no such file or directory" },
  { name: "symlink loop", entry: () => file("dangling-loop.txt"), error: "too many levels of symbolic links" },
  { name: "error entry passes through", entry: () => ({ kind: "error", path: "x", error: "no files matched" }), error: "no files matched" },
];

describe("readNote", () => {
  it.each(cases)("$name", async ({ entry, maxSize, text, encoding, error }) => {
    const result = await readNote(entry(), { maxSize: maxSize ?? DEFAULT_MAX_SIZE });
    if (typeof error === "string") expect(result).toEqual({ error });
    else if (error !== undefined) expect(result).toEqual({ error: expect.stringMatching(error) });
    else expect(result).toEqual({ text, encoding });
  });

  it.skipIf(isRoot)("permission denied", async () => {
    expect(await readNote(file("locked.txt"), { maxSize: DEFAULT_MAX_SIZE })).toEqual({ error: "permission denied" });
  });

  // Opening a FIFO for reading blocks until a writer comes: a hang here means it was opened.
  it("refuses a FIFO without opening it", { timeout: 5000 }, async (ctx) => {
    if (!hasFifo) ctx.skip();
    expect(await readNote(file("pipe.txt"), { maxSize: DEFAULT_MAX_SIZE })).toEqual({ error: "not a regular file (FIFO)" });
    await expect(fs.open(path.join(root, "pipe.txt"), constants.O_WRONLY | constants.O_NONBLOCK)).rejects.toMatchObject({ code: "ENXIO" });
  });

  it("refuses a character device", async (ctx) => {
    try {
      await fs.stat("/dev/null");
    } catch {
      ctx.skip();
    }
    const result = await readNote({ kind: "file", path: "/dev/null", abs: "/dev/null" }, { maxSize: DEFAULT_MAX_SIZE });
    expect(result).toEqual({ error: "not a regular file (character device)" });
  });

  // Files of /proc report a size of 0 yet have content: read to their end, not taken as empty.
  it("reads a file whose size is not known in advance to its end", async (ctx) => {
    const proc = "/proc/self/status";
    try {
      if ((await fs.stat(proc)).size !== 0) ctx.skip();
    } catch {
      ctx.skip();
    }
    const result = await readNote({ kind: "file", path: proc, abs: proc }, { maxSize: DEFAULT_MAX_SIZE });
    expect(result).toMatchObject({ text: expect.stringMatching(/^Name:[\s\S]*\nPid:/), encoding: "utf-8" });
    expect(await readNote({ kind: "file", path: proc, abs: proc }, { maxSize: 16 })).toEqual({ error: "file is larger than the --max-size limit (16 bytes)" });
  });

  it("reads a note larger than one read of the unknown-size path, byte for byte", async () => {
    const big = "Facial paralysis after resection. ".repeat(4000); // ~136 KB, beyond 64 KB chunks
    await fs.writeFile(path.join(root, "big.txt"), big);
    expect(await readNote(file("big.txt"), { maxSize: DEFAULT_MAX_SIZE })).toEqual({ text: big, encoding: "utf-8" });
  });

  it("reads and decodes a stdin entry from the given stream", async () => {
    const stdin = Readable.from([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("from a pipe\n")]);
    expect(await readNote({ kind: "stdin", path: "-" }, { maxSize: 100, stdin })).toEqual({ text: "from a pipe\n", encoding: "utf-8-bom" });
  });

  it("turns an oversized stdin into an error result", async () => {
    const stdin = Readable.from([Buffer.alloc(64, 0x61), Buffer.alloc(64, 0x61)]);
    expect(await readNote({ kind: "stdin", path: "-" }, { maxSize: 100, stdin })).toEqual({
      error: "standard input is larger than the --max-size limit (100 bytes)",
    });
  });
});

describe("readStdin", () => {
  const cases: { name: string; chunks: (Buffer | string)[]; maxSize: number; bytes?: number; error?: RegExp }[] = [
    { name: "several chunks", chunks: [Buffer.from("ab"), Buffer.from("cd"), "é"], maxSize: 10, bytes: 6 },
    { name: "nothing", chunks: [], maxSize: 10, bytes: 0 },
    { name: "exactly maxSize", chunks: [Buffer.alloc(5), Buffer.alloc(5)], maxSize: 10, bytes: 10 },
    { name: "past maxSize", chunks: [Buffer.alloc(5), Buffer.alloc(6)], maxSize: 10, error: /larger than the --max-size limit \(10 bytes\)/ },
  ];
  it.each(cases)("$name", async ({ chunks, maxSize, bytes, error }) => {
    const p = readStdin(maxSize, Readable.from(chunks));
    if (error) {
      await expect(p).rejects.toBeInstanceOf(UserError);
      await expect(p).rejects.toThrow(error);
    } else {
      expect((await p).length).toBe(bytes);
    }
  });

  it("stops reading an endless stream once past maxSize", { timeout: 5000 }, async () => {
    let closed = false;
    async function* endless() {
      try {
        for (;;) yield Buffer.alloc(1024, 0x61);
      } finally {
        closed = true;
      }
    }
    await expect(readStdin(DEFAULT_MAX_SIZE / 1024, endless())).rejects.toThrow(/larger than/);
    expect(closed).toBe(true);
  });

  it("wraps a stream error without its message", async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error("EIO: patient text here"), { code: "EIO" }));
      },
    });
    await expect(readStdin(100, failing)).rejects.toThrow(/^cannot read standard input: input\/output error$/);
  });
});

describe("DEFAULT_MAX_SIZE", () => {
  it("is 10 MiB", () => expect(DEFAULT_MAX_SIZE).toBe(10 * 1024 * 1024));
});
