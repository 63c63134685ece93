#!/usr/bin/env node
"use strict";
/*
 * Entry point (CommonJS: see bin/package.json). A hook author pays our start-up on every note, so
 * the command line is one CommonJS bundle (dist/cli.cjs, built by rolldown.config.mjs) run with
 * V8's code cache (dist/cli.cjs.cache, written by scripts/code-cache.js at build time): V8 then
 * skips parsing and compiling the code the check needs. A cache that does not belong to this
 * bundle, this Node.js or these V8 flags is not used and the bundle compiles as usual. V8 does not
 * checksum what it deserialises, so the file holds the compiled code twice and the two copies must
 * be equal: a damaged cache is ignored instead of crashing V8. (A comparison is native and needs
 * no module; a CRC-32 needs node:zlib, which loads Node's stream modules: ~2.5 ms of every start.)
 */
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

// V8's optimising compiler starts off: a check of one small note (a hook's every run) is done
// sooner without it, and the command line turns it back on once a run has more to check or starts
// batch workers (src/optimizer.ts). Left alone when Node.js was started with a TurboFan flag
// (--turbofan, --no-opt...), so that the user's choice stands. The code cache below is written and
// read with TurboFan off (V8 refuses a cache made under other flags): hence set before the bundle
// is compiled.
//
// The flags are set through process.binding("v8") while Node.js has it: node:v8, the documented
// way, loads Node's stream modules with it (~15 M instructions, ~3 ms of every start). Its
// deprecation warning (DEP0111) is silenced for that one call; a Node.js without the binding gets
// node:v8 (same function: node:v8's setFlagsFromString is this binding's, after a type check).
function v8Flags() {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const binding = process.binding("v8");
    if (typeof binding.setFlagsFromString === "function") return binding;
  } catch {
    // no such binding: the documented module below
  } finally {
    process.noDeprecation = quiet;
  }
  return require("node:v8");
}
let v8 = null;
const nodeFlags = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
if (!/--(?:no-)?(?:turbofan|opt)\b/.test(nodeFlags)) {
  try {
    v8 = v8Flags();
    v8.setFlagsFromString("--no-turbofan");
  } catch {
    v8 = null;
  }
}

const bundle = join(__dirname, "..", "dist", "cli.cjs");
const cacheFile = `${bundle}.cache`;

let source;
try {
  source = readFileSync(bundle, "latin1"); // the bundle is ASCII (rolldown.config.mjs)
} catch {
  process.stderr.write("cpt-check: dist/cli.cjs is missing; build the package first (npm run build)\n");
  process.exit(2);
}
// The bundle's first line names its build. A cache file is that line, a space, the length of the
// compiled code and a newline, then the compiled code twice.
const buildLine = source.slice(0, source.indexOf("\n"));
let cachedData;
try {
  const cache = readFileSync(cacheFile);
  const headerEnd = cache.indexOf(10);
  const header = cache.toString("latin1", 0, headerEnd);
  const length = Number(header.slice(buildLine.length + 1));
  const first = cache.subarray(headerEnd + 1, headerEnd + 1 + length);
  const second = cache.subarray(headerEnd + 1 + length);
  if (header === `${buildLine} ${length}` && length > 0 && second.length === length && first.equals(second)) cachedData = first;
} catch {
  // no cache: compile as usual
}

let script;
const cli = { exports: {} };
try {
  // Wrapped as Node.js wraps a CommonJS module. The bundle requires only built-in modules and
  // yaml, which this file's require finds from the same package (node:module, for a require of
  // the bundle's own, would load Node.js's ES module loader on every start).
  script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, { filename: bundle, cachedData });
  if (process.env.CPT_CHECK_DEBUG) process.stderr.write(`cpt-check: code cache ${cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "used"}\n`);
  script.runInThisContext().call(cli.exports, cli.exports, require, cli, bundle, dirname(bundle));
  if (typeof cli.exports.main !== "function") throw new Error("the bundle has no main");
} catch (e) {
  // A damaged installation (a cut-short or edited bundle): say so, without a stack trace.
  process.stderr.write("cpt-check: dist/cli.cjs cannot be loaded; reinstall the package or run npm run build\n");
  if (process.env.CPT_CHECK_DEBUG) process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(2);
}

const runtime = v8
  ? {
      enableOptimizer() {
        if (process.env.CPT_CHECK_DEBUG) process.stderr.write("cpt-check: optimising compiler on\n");
        v8.setFlagsFromString("--turbofan");
      },
    }
  : {};
cli.exports.main(process.argv, runtime).then((code) => {
  process.exitCode = code;
  // Build step only (scripts/code-cache.js): keep what V8 compiled for this run.
  if (process.env.CPT_CHECK_WRITE_CODE_CACHE === "1") {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    // V8 stamps the cache with its flags as they are now: as a normal start sets them.
    if (v8) v8.setFlagsFromString("--no-turbofan");
    const data = script.createCachedData();
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${buildLine} ${data.length}\n`, "latin1"), data, data]));
    renameSync(tmp, cacheFile);
  }
});
