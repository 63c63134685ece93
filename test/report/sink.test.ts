import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { encodeTexts } from "../../src/batch/protocol.ts";
import { openSink } from "../../src/report/sink.ts";
import { BACKLOG_BYTES } from "../../src/report/stdout.ts";

const dir = mkdtempSync(join(tmpdir(), "cpt-check-sink-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Text as it comes from the main thread (strings) and from batch workers (UTF-8 bytes), with
// characters of one, two, three and four bytes, in pieces large enough to cross the write chunks.
const pieces: (string | Uint8Array)[] = [];
let expected = "";
for (let i = 0; i < 400; i++) {
  const text = `{"n":${i},"quote":"House–Brackmann VI, café, 🙂 ${"x".repeat(i * 7)}"}\n`;
  expected += text;
  pieces.push(i % 3 === 0 ? text : encodeTexts([text]).bytes);
}

describe("openSink: text and bytes, written in order", () => {
  it("to a stream", async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    const sink = openSink(undefined, stream);
    for (const p of pieces) sink.write(p);
    await sink.finish();
    expect(Buffer.concat(chunks).toString("utf8")).toBe(expected);
    expect(chunks.length).toBeGreaterThan(2); // written as it went, not at the end
  });

  it("to a file, renamed into place when finished", async () => {
    const out = join(dir, "report.jsonl");
    const sink = openSink(out);
    for (const p of pieces) sink.write(p);
    expect(readdirSync(dir)).not.toContain("report.jsonl");
    await sink.finish();
    expect(readFileSync(out, "utf8")).toBe(expected);
    expect(readdirSync(dir)).toEqual(["report.jsonl"]);
  });

  it("to a slow reader: writes made while it is full wait together (one drain listener, no leak warning)", async () => {
    const got: Buffer[] = [];
    // A reader that takes its time: the stream is full after every write.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        got.push(chunk);
        setTimeout(done, 1);
      },
    });
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on("warning", onWarning);
    let most = 0;
    try {
      const sink = openSink(undefined, slow);
      for (const p of [...pieces, ...pieces]) {
        sink.write(p);
        most = Math.max(most, slow.listenerCount("drain"));
      }
      await sink.finish();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(Buffer.concat(got).toString("utf8")).toBe(expected + expected);
    expect(got.length).toBeGreaterThan(11); // the old code's twelfth write added a twelfth listener
    expect(most).toBe(1);
    expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
  });

  it("backlog: a wait only while more than BACKLOG_BYTES wait for the reader; never for a file", async () => {
    let finishWrite: (() => void) | undefined;
    const stuck = new Writable({
      highWaterMark: 1024,
      write(_chunk: Buffer, _enc, done) {
        finishWrite = done; // the reader takes nothing until told to
      },
    });
    const sink = openSink(undefined, stuck);
    expect(sink.backlog()).toBeUndefined();
    const piece = "x".repeat(100_000) + "\n";
    while (stuck.writableLength <= BACKLOG_BYTES) sink.write(piece);
    const wait = sink.backlog();
    expect(wait).toBeInstanceOf(Promise);
    let over = false;
    void wait!.then(() => (over = true));
    // The reader catches up: the wait is over, and there is no backlog left.
    while (!over) {
      finishWrite?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(sink.backlog()).toBeUndefined();

    const file = openSink(join(dir, "backlog.jsonl"));
    for (let i = 0; i < 30; i++) file.write(piece);
    expect(file.backlog()).toBeUndefined();
    await file.finish();
  });

  it("immediate (a terminal): each write reaches the stream at once, in order", async () => {
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c.toString("utf8")));
    const sink = openSink(undefined, stream, { immediate: true });
    sink.write("first note\n");
    await new Promise((resolve) => setImmediate(resolve));
    expect(chunks).toEqual(["first note\n"]); // not held back for a chunk of 64 KB
    sink.write(encodeTexts(["second 🙂\n"]).bytes);
    await sink.finish();
    expect(chunks.join("")).toBe("first note\nsecond 🙂\n");
  });

  it("only text: written as text, unchanged", async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    const sink = openSink(undefined, stream);
    sink.write("a–");
    sink.write("🙂b\n");
    await sink.finish();
    expect(Buffer.concat(chunks).toString("utf8")).toBe("a–🙂b\n");
  });
});

describe("encodeTexts", () => {
  it("puts each text's UTF-8 one after another, with each one's size", () => {
    const texts = ["plain\n", "–é\n", "🙂\u2028\n", "", "end"];
    const { bytes, sizes } = encodeTexts(texts);
    expect(sizes).toEqual(texts.map((t) => Buffer.byteLength(t)));
    let at = 0;
    texts.forEach((t, i) => {
      expect(Buffer.from(bytes.subarray(at, at + sizes[i]!)).toString("utf8")).toBe(t);
      at += sizes[i]!;
    });
    expect(at).toBe(bytes.length);
    // Its own memory, so that it can be handed to another thread without taking Buffer's pool.
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });
});
