/**
 * A batch worker thread: loads the rule pack once, then reads, decodes and checks the notes the
 * main thread sends, one at a time, posting each result as soon as it is done. Notes are handled
 * strictly in arrival order so that, should the thread die, the main thread knows which note was
 * being checked (the first one without a result) and can hand the others to another worker.
 */
import { parentPort, workerData } from "node:worker_threads";
import { readNote } from "../input/read.js";
import { loadRulePack } from "../rules/load.js";
import { itemFormatter } from "../report/stream-format.js";
import { checkDecoded, outline, type WorkerInit, type WorkerMessage, type WorkMessage } from "./protocol.js";

const port = parentPort;
if (!port) throw new Error("batch worker: must run as a worker thread");
const init = workerData as WorkerInit;

// A failure here kills the thread before "ready"; the main thread then checks in process.
const pack = await loadRulePack(init.packRef);
// When the report is written as the batch runs, each result is formatted here, in parallel, and
// the main thread gets the text and an outline for its summary.
const format = init.stream ? await itemFormatter(init.stream.format, init.stream.redact) : undefined;

const post = (m: WorkerMessage): void => port.postMessage(m);

let queue: Promise<void> = Promise.resolve();
port.on("message", (m: WorkMessage) => {
  if (m.type !== "work") return;
  queue = queue.then(async () => {
    for (const { index, entry } of m.items) {
      const decoded = await readNote(entry, { maxSize: init.maxSize });
      const result = checkDecoded(decoded, entry.path, pack, init.timeBudgetMs);
      if (format) post({ type: "result", index, json: JSON.stringify(outline(result)), text: format(result) });
      else post({ type: "result", index, json: JSON.stringify(result) });
    }
  });
});
post({ type: "ready" });
