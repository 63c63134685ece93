import { existsSync, promises as fs, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InputEntry } from "../../src/input/collect.ts";
import type { RulePack } from "../../src/rules/compile.ts";
import type { FileResult } from "../../src/types.ts";
import { buildSnapshot, ROOT } from "./build.ts";

type RunModule = typeof import("../../src/batch/run.ts");
type ProtocolModule = typeof import("../../src/batch/protocol.ts");

let snapshot: string;
let DIST: string;
let run: RunModule;
let protocol: ProtocolModule;
let pack: RulePack;
let root: string;
let entries: InputEntry[];
let sequential: FileResult[];
/** Positions of the entries that are not readable notes, and what each must report. */
const broken = new Map<number, string | RegExp>();

const SAMPLE = path.join(ROOT, "fixtures", "sample-note.txt");
const FALLBACK_NOTE = [
  "HISTORY: Right complete facial paralysis after acoustic neuroma resection, House-Brackmann VI.",
  "She cannot close the right eye. Eighteen months of physical therapy failed; no recovery on EMG.",
  "PROCEDURE: The hypoglossal nerve was identified and transected and coapted to the facial nerve",
  "under the operating microscope with 10-0 nylon. The wound was closed in layers.",
  "POSTOPERATIVE COURSE: Uneventful; tongue atrophy mild at six weeks.",
].join("\n");

const fileEntry = (abs: string): InputEntry => ({ kind: "file", path: path.relative(root, abs).split(path.sep).join("/"), abs });

beforeAll(async () => {
  ({ root: snapshot, dist: DIST } = await buildSnapshot());
  run = (await import(pathToFileURL(path.join(DIST, "batch", "run.js")).href)) as RunModule;
  protocol = (await import(pathToFileURL(path.join(DIST, "batch", "protocol.js")).href)) as ProtocolModule;
  const load = (await import(pathToFileURL(path.join(DIST, "rules", "load.js")).href)) as typeof import("../../src/rules/load.ts");
  pack = await load.loadRulePack("64868");

  root = await fs.mkdtemp(path.join(os.tmpdir(), "cpt-check-batch-"));
  const lines = (existsSync(SAMPLE) ? readFileSync(SAMPLE, "utf8") : FALLBACK_NOTE).split("\n");
  entries = [];
  for (let i = 0; i < 300; i++) {
    // Notes of different lengths, so that results differ (some pass, some fail) and order shows.
    const text = lines.slice(0, 1 + ((i * 7) % lines.length)).join("\n") + `\nNote ${i}.\n`;
    const abs = path.join(root, `note-${String(i).padStart(3, "0")}.txt`);
    await fs.writeFile(abs, text);
    entries.push(fileEntry(abs));
  }
  // One Windows-1252 note, so that the encoding travels back from the worker too.
  const latin = path.join(root, "latin1.txt");
  await fs.writeFile(latin, Buffer.from("Caf\xe9 note: left facial palsy.\n", "latin1"));
  entries.splice(10, 0, fileEntry(latin));

  const insert = (at: number, entry: InputEntry, expected: string | RegExp) => {
    entries.splice(at, 0, entry);
    broken.set(at, expected);
  };
  const empty = path.join(root, "empty.txt");
  await fs.writeFile(empty, "");
  await fs.mkdir(path.join(root, "folder.txt"));
  // Inserted in increasing position order, so that earlier positions stay valid.
  insert(0, { kind: "error", path: "nothing/*.txt", error: "no files matched" }, "no files matched");
  insert(50, fileEntry(path.join(root, "missing.txt")), "no such file or directory");
  insert(120, fileEntry(empty), "empty note");
  insert(250, fileEntry(path.join(root, "folder.txt")), "is a directory");
  insert(entries.length, { kind: "error", path: "last-arg", error: "permission denied" }, "permission denied");

  sequential = await run.runBatch(entries, { packRef: "64868", pack, concurrency: "off", maxSize: 1 << 20 });
}, 120_000);

afterAll(async () => {
  for (const dir of [root, snapshot]) if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe("runBatch in process", () => {
  it("returns one result per entry, in input order", () => {
    expect(sequential).toHaveLength(entries.length);
    sequential.forEach((r, i) => expect(r.file).toBe(entries[i]!.path));
  });

  it("gives a mix of passing and failing notes (so that the order tests mean something)", () => {
    const statuses = new Set(sequential.map((r) => r.status));
    expect(statuses).toEqual(new Set(["pass", "fail", "error"]));
  });

  it("reports unreadable inputs and error entries in place, with no rules", () => {
    sequential.forEach((r, i) => {
      const expected = broken.get(i);
      if (expected === undefined) {
        expect(r.status, r.file).not.toBe("error");
      } else {
        expect(r.status).toBe("error");
        expect(r.error).toMatch(expected);
        expect(r.rules).toEqual([]);
      }
    });
  });

  it("keeps the detected encoding", () => {
    expect(sequential.find((r) => r.file === "latin1.txt")?.encoding).toBe("windows-1252");
  });

  it("turns an exception in the check into an error result without note text", async () => {
    const bad = { ...pack, rules: null } as unknown as RulePack;
    const some = entries.slice(1, 4);
    const results = await run.runBatch(some, { packRef: "64868", pack: bad, concurrency: "off", maxSize: 1 << 20 });
    expect(results.map((r) => r.status)).toEqual(["error", "error", "error"]);
    for (const r of results) {
      expect(r.error).toMatch(/^internal error while checking this note/);
      expect(r.error).not.toMatch(/facial|paralysis|Note \d/i);
    }
  });

  it("returns [] for no entries", async () => {
    expect(await run.runBatch([], { packRef: "64868", pack, concurrency: 3, maxSize: 1 << 20 })).toEqual([]);
  });
});

/** A worker script that logs its start to `marker`, then is the real worker. */
async function markingWorker(marker: string): Promise<URL> {
  const script = path.join(root, `${path.basename(marker)}.mjs`);
  await fs.writeFile(
    script,
    `import { appendFileSync } from "node:fs";
import { threadId } from "node:worker_threads";
appendFileSync(${JSON.stringify(marker)}, threadId + "\\n");
await import(${JSON.stringify(pathToFileURL(path.join(DIST, "batch", "worker.js")).href)});
`,
  );
  return pathToFileURL(script);
}

describe("runBatch on worker threads", () => {
  it("finds the compiled worker beside the runner", () => {
    expect(existsSync(path.join(DIST, "batch", "worker.js"))).toBe(true);
  });

  it.each([2, 3])("gives exactly the in-process results, in order, with concurrency %i", async (n) => {
    const seen: number[] = [];
    const marker = path.join(root, `started-${n}`);
    const results = await run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency: n,
      maxSize: 1 << 20,
      workerUrl: await markingWorker(marker),
      onResult: (done, total) => {
        expect(total).toBe(entries.length);
        seen.push(done);
      },
    });
    expect(results).toEqual(sequential);
    expect(seen).toEqual(entries.map((_, i) => i + 1));
    // The work really ran on n workers (not on the in-process fallback).
    expect(readFileSync(marker, "utf8").trim().split("\n")).toHaveLength(n);
  }, 60_000);

  it("'auto' on a large batch gives the in-process results", async () => {
    const results = await run.runBatch(entries, { packRef: "64868", pack, concurrency: "auto", maxSize: 1 << 20 });
    expect(results).toEqual(sequential);
  }, 60_000);

  it("survives a worker that dies on one note: that note becomes an error, nothing is lost or repeated", async () => {
    const crashAt = 77;
    expect(broken.has(crashAt)).toBe(false);
    const victim = (entries[crashAt] as { abs: string }).abs;
    // A worker that exits the thread when it starts reading the victim note, then behaves normally.
    const script = path.join(root, "crashing-worker.mjs");
    await fs.writeFile(
      script,
      `import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
const statSync = fs.statSync;
fs.statSync = (p, ...rest) => (String(p) === ${JSON.stringify(victim)} ? process.exit(9) : statSync(p, ...rest));
syncBuiltinESMExports(); // the reader imports statSync by name
await import(${JSON.stringify(pathToFileURL(path.join(DIST, "batch", "worker.js")).href)});
`,
    );
    let calls = 0;
    const results = await run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency: 2,
      maxSize: 1 << 20,
      workerUrl: pathToFileURL(script),
      onResult: () => calls++,
    });
    expect(calls).toBe(entries.length);
    expect(results).toHaveLength(entries.length);
    results.forEach((r, i) => {
      if (i === crashAt) expect(r).toEqual({ file: entries[i]!.path, status: "error", error: protocol.INTERNAL_ERROR, rules: [] });
      else expect(r).toEqual(sequential[i]);
    });
  }, 60_000);

  it("a result that arrives as broken JSON text becomes an error for that note only", async () => {
    const victim = entries.findIndex((e) => e.kind === "file");
    const script = path.join(root, "garbling-worker.mjs");
    await fs.writeFile(
      script,
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", (m) => {
  const items = m.items.map(({ index, entry }) => ({
    index,
    json: index === ${victim} ? "{" : JSON.stringify({ file: entry.path, status: "pass", rules: [] }),
  }));
  parentPort.postMessage({ type: "results", items });
});
parentPort.postMessage({ type: "ready" });
`,
    );
    const results = await run.runBatch(entries, { packRef: "64868", pack, concurrency: 2, maxSize: 1 << 20, workerUrl: pathToFileURL(script) });
    results.forEach((r, i) => {
      if (i === victim) expect(r).toEqual({ file: entries[i]!.path, status: "error", error: protocol.INTERNAL_ERROR, rules: [] });
      else if (entries[i]!.kind === "file") expect(r).toEqual({ file: entries[i]!.path, status: "pass", rules: [] });
      else expect(r).toEqual(sequential[i]); // errors and standard input never go to a worker
    });
  }, 60_000);

  it("a worker holds its next notes while it works: it never waits for the main thread between two messages", async () => {
    // This worker answers a message only once the next one is in its hands, or when nothing more
    // has come for a while (the end of the queue), and says which way it answered. With a single
    // message in hand at a time, every answer would be the second kind.
    const script = path.join(root, "holding-worker.mjs");
    await fs.writeFile(
      script,
      `import { parentPort } from "node:worker_threads";
const held = [];
let timer;
const answer = (m, alone) => parentPort.postMessage({ type: "results", items: m.items.map(({ index, entry }) => ({
  index, json: JSON.stringify({ file: entry.path, status: "pass", rules: [], ...(alone ? { error: "alone" } : {}) }),
})) });
parentPort.on("message", (m) => {
  clearTimeout(timer);
  held.push(m);
  while (held.length > 1) answer(held.shift(), false);
  timer = setTimeout(() => { while (held.length > 0) answer(held.shift(), true); }, 300);
});
parentPort.postMessage({ type: "ready" });
`,
    );
    const results = await run.runBatch(entries, { packRef: "64868", pack, concurrency: 2, maxSize: 1 << 20, workerUrl: pathToFileURL(script) });
    const files = entries.filter((e) => e.kind === "file").length;
    const alone = results.filter((r) => r.error === "alone").length;
    expect(results.filter((r) => r.status === "pass" && r.rules.length === 0)).toHaveLength(files);
    // Only each worker's last message is answered without a next one (a few notes each).
    expect(alone).toBeLessThanOrEqual(2 * 16);
    expect(alone).toBeLessThan(files / 4);
  }, 60_000);

  it("when reports are written as the batch runs, one missing or cut short is an error for that note only", async () => {
    const files = entries.map((e, i) => (e.kind === "file" ? i : -1)).filter((i) => i >= 0);
    const [short, missing] = [files[3]!, files[7]!];
    const script = path.join(root, "short-report-worker.mjs");
    await fs.writeFile(
      script,
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", (m) => {
  // One results message per note, each with its own buffer.
  for (const { index, entry } of m.items) {
    const json = JSON.stringify({ file: entry.path, status: "pass", rules: [] });
    const bytes = Buffer.from("report " + index + "\\n");
    if (index === ${missing}) parentPort.postMessage({ type: "results", items: [{ index, json }] });
    else parentPort.postMessage({ type: "results", items: [{ index, json, size: bytes.length + (index === ${short} ? 3 : 0) }], bytes });
  }
});
parentPort.postMessage({ type: "ready" });
`,
    );
    const written: [number, string | undefined][] = [];
    const results = await run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency: 2,
      maxSize: 1 << 20,
      workerUrl: pathToFileURL(script),
      stream: { format: "jsonl", redact: false },
      slim: true,
      onOrdered: (_r, i, text) => written.push([i, text === undefined ? undefined : Buffer.from(text).toString()]),
    });
    for (const i of files) {
      if (i === short || i === missing) {
        expect(results[i]).toMatchObject({ status: "error", error: protocol.INTERNAL_ERROR });
        expect(written[i]).toEqual([i, undefined]); // formatted in process from the error result
      } else {
        expect(results[i]!.status).toBe("pass");
        expect(written[i]).toEqual([i, `report ${i}\n`]);
      }
    }
  }, 60_000);

  it("checks in process when no worker can start", async () => {
    const script = path.join(root, "broken-worker.mjs");
    await fs.writeFile(script, `throw new Error("cannot start");\n`);
    const results = await run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency: 3,
      maxSize: 1 << 20,
      workerUrl: pathToFileURL(script),
    });
    expect(results).toEqual(sequential);
  }, 60_000);
});

describe("runBatch onOrdered: results in input order while the batch runs", () => {
  it.each(["off", 2] as const)("each input once, in order, with the full result (concurrency %s); slim keeps outlines", async (concurrency) => {
    const seen: number[] = [];
    const full: FileResult[] = [];
    let doneWhenFirstOrdered = -1;
    let done = 0;
    const results = await run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency,
      maxSize: 1 << 20,
      onResult: () => done++,
      onOrdered: (r, i) => {
        if (doneWhenFirstOrdered < 0) doneWhenFirstOrdered = done;
        seen.push(i);
        full.push(r);
      },
      slim: true,
    });
    expect(seen).toEqual(entries.map((_, i) => i));
    expect(full).toEqual(sequential);
    // Written while the batch ran, not after it.
    expect(doneWhenFirstOrdered).toBeLessThan(entries.length);
    // What is kept is each result's outline: statuses and rule ids, no quoted words.
    results.forEach((r, i) => {
      expect(r.status).toBe(sequential[i]!.status);
      expect(r.rules.map((x) => [x.id, x.status, x.severity])).toEqual(sequential[i]!.rules.map((x) => [x.id, x.status, x.severity]));
      expect(r.rules.every((x) => x.evidence.length === 0 && x.ignored.length === 0)).toBe(true);
    });
  }, 60_000);
});

describe("runBatch pause: a slow reader of the report holds the batch back", () => {
  // Waits for a condition, up to ten seconds (the assertions after it then fail, not a timeout).
  const until = async (cond: () => boolean) => {
    for (let waited = 0; !cond() && waited < 10_000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("in process: no note is read or checked while paused, and all are once released", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    let done = 0;
    const batch = run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency: "off",
      maxSize: 1 << 20,
      // Behind after the fifth note: the sixth waits.
      pause: () => (++calls === 6 ? gate : undefined),
      onResult: () => done++,
    });
    await until(() => calls >= 6);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(5);
    release();
    expect(await batch).toEqual(sequential);
    expect(calls).toBe(entries.length);
  }, 60_000);

  it("on workers: no note is handed out while paused, and all are once released", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let paused = true;
    let asked = 0;
    let done = 0;
    const batch = run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency: 2,
      maxSize: 1 << 20,
      pause: () => {
        asked++;
        return paused ? gate : undefined;
      },
      onResult: () => done++,
    });
    // A worker asks once it is ready; nothing has been handed out then, so nothing comes back.
    await until(() => asked > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Only the entries the main thread reports itself (unreadable ones) may be done.
    expect(done).toBeLessThanOrEqual(entries.filter((e) => e.kind !== "file").length);
    paused = false;
    release();
    expect(await batch).toEqual(sequential);
  }, 60_000);
});

describe("shareRules: outlines kept for a whole batch share their rule entries", () => {
  const rule = (id: string, status: "pass" | "fail") => ({ id, title: `Title ${id}`, severity: "error" as const, status, evidence: [], ignored: [] });
  it("shares equal entries, and only entries that hold nothing but the rule and its status", () => {
    const table = new Map();
    const a = protocol.shareRules({ file: "a", status: "fail", rules: [rule("x", "pass"), rule("y", "fail")] }, table);
    const b = protocol.shareRules({ file: "b", status: "fail", rules: [rule("x", "pass"), rule("y", "pass")] }, table);
    expect(b.rules[0]).toBe(a.rules[0]);
    expect(b.rules[1]).not.toBe(a.rules[1]);
    expect(b.rules.map((r) => [r.id, r.status])).toEqual([["x", "pass"], ["y", "pass"]]);
    const full = { ...rule("x", "pass"), evidence: [{ text: "t", line: 1, column: 1, start: 0, end: 1, section: null }] };
    const withMessage = { ...rule("x", "pass"), message: "m" };
    const extra = { ...rule("x", "pass"), part: "p" };
    const c = protocol.shareRules({ file: "c", status: "pass", rules: [full, withMessage, extra] }, table);
    expect(c.rules[0]).toBe(full);
    expect(c.rules[1]).toBe(withMessage);
    expect(c.rules[2]).toBe(extra);
  });

  it("in a slim batch, notes with the same outcome share them, on workers and in process", async () => {
    for (const concurrency of ["off", 2] as const) {
      const results = await run.runBatch(entries, { packRef: "64868", pack, concurrency, maxSize: 1 << 20, onOrdered: () => {}, slim: true });
      const passing = results.filter((r) => r.status !== "error");
      const first = passing[0]!.rules[0]!;
      const same = passing.filter((r) => r.rules[0]!.status === first.status);
      expect(same.length).toBeGreaterThan(10);
      for (const r of same) expect(r.rules[0]).toBe(first);
    }
  }, 60_000);
});

describe("runBatch callback errors", () => {
  it.each(["off", 2] as const)("rejects with an exception thrown by onResult (concurrency %s)", async (concurrency) => {
    const boom = new Error("callback failed");
    const promise = run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency,
      maxSize: 1 << 20,
      onResult: (done) => {
        if (done === 30) throw boom;
      },
    });
    await expect(promise).rejects.toBe(boom);
  }, 60_000);
});

describe("runBatch abort", () => {
  it.each(["off", 2] as const)("rejects with an AbortError (concurrency %s)", async (concurrency) => {
    const controller = new AbortController();
    const promise = run.runBatch(entries, {
      packRef: "64868",
      pack,
      concurrency,
      maxSize: 1 << 20,
      signal: controller.signal,
      onResult: (done) => {
        if (done === 20) controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ name: "AbortError" });
  }, 60_000);

  it("rejects at once when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      run.runBatch(entries, { packRef: "64868", pack, concurrency: 2, maxSize: 1 << 20, signal: controller.signal }),
    ).rejects.toMatchObject({ name: "AbortError" });
  });
});
