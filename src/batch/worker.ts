/**
 * A batch worker thread: loads the rule pack once, then reads, decodes and checks the notes the
 * main thread sends, one at a time, and posts the results of each work message together. Before
 * each note it writes the note's index where the main thread can read it (`init.current`), so
 * that, should the thread die, the main thread knows which note it died on and can hand the
 * others to another worker.
 */
import { parentPort, workerData } from "node:worker_threads";
import { readNote } from "../input/read.js";
import { loadRulePack } from "../rules/load.js";
import { itemFormatter } from "../report/stream-format.js";
import { checkDecoded, encodeTexts, outline, type WorkerInit, type WorkerMessage, type WorkMessage } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("batch worker: must run as a worker thread");
const init = workerData as WorkerInit;

// A failure here kills the thread before "ready"; the main thread then checks in process.
const pack = await loadRulePack(init.packRef);
// When the report is written as the batch runs, each result is formatted here, in parallel, and
// the main thread gets the text and an outline for its summary.
const format = init.stream ? await itemFormatter(init.stream.format, init.stream.redact, pack.rules.map((r) => r.id)) : undefined;

const post = (m: WorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);
const current = init.current ? new Int32Array(init.current) : undefined;

let queue: Promise<void> = Promise.resolve();
port.on("message", (m: WorkMessage) => {
  if (m.type !== "work") return;
  queue = queue.then(async () => {
    const items: { index: number; json: string; size?: number }[] = [];
    const texts: string[] = [];
    for (const { index, entry } of m.items) {
      if (current) Atomics.store(current, 0, index);
      const decoded = await readNote(entry, { maxSize: init.maxSize });
      const result = checkDecoded(decoded, entry.path, pack, init.timeBudgetMs);
      if (format) {
        items.push({ index, json: JSON.stringify(outline(result)) });
        texts.push(format(result));
      } else items.push({ index, json: JSON.stringify(result) });
    }
    if (current) Atomics.store(current, 0, -1);
    if (!format) post({ type: "results", items });
    else {
      // The formatted reports go as one buffer, handed over rather than copied (see ResultItem).
      const { bytes, sizes } = encodeTexts(texts);
      items.forEach((item, i) => (item.size = sizes[i]));
      post({ type: "results", items, bytes }, [bytes.buffer as ArrayBuffer]);
    }
  });
});
post({ type: "ready" });
