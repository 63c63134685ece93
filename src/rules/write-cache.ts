/** Build step: validate the built-in packs and store them as JSON in dist/packs (see load.ts). */
import { writeCaches } from "./load.js";
import { UserError } from "../types.js";

try {
  writeCaches();
} catch (e) {
  process.stderr.write(`cpt-check build: ${e instanceof UserError ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
