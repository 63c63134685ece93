// Build step: run the command line once on the sample note so that V8 compiles what a check
// needs, and save that compiled code beside the bundle (bin/cpt-check.js reads it on every start).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const r = spawnSync(process.execPath, ["bin/cpt-check.js", "--format", "json", "fixtures/sample-note.txt"], {
  cwd: root,
  env: { ...process.env, CPT_CHECK_WRITE_CODE_CACHE: "1" },
  encoding: "utf8",
});
if (r.status !== 0 && r.status !== 1) {
  process.stderr.write(`code cache: the sample run failed (exit ${r.status})\n${r.stderr}`);
  process.exit(1);
}
