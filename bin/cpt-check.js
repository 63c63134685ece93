#!/usr/bin/env node
"use strict";
/*
 * Entry point (CommonJS: see bin/package.json). A hook author pays our start-up on every note, so
 * the command line is one CommonJS bundle (dist/cli.cjs, built by rolldown.config.mjs) run with
 * V8's code cache (dist/cli.cjs.cache, written by scripts/code-cache.js at build time): V8 then
 * skips parsing and compiling the code the check needs. A cache that does not belong to this
 * bundle, this Node.js or these V8 flags is not used and the bundle compiles as usual. V8 does not
 * checksum what it deserialises, so the file carries a CRC-32 of its own: a damaged cache is
 * ignored instead of crashing V8.
 */
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const vm = require("node:vm");

const bundle = join(__dirname, "..", "dist", "cli.cjs");
const cacheFile = `${bundle}.cache`;

let source;
try {
  source = readFileSync(bundle, "latin1"); // the bundle is ASCII (rolldown.config.mjs)
} catch {
  process.stderr.write("cpt-check: dist/cli.cjs is missing; build the package first (npm run build)\n");
  process.exit(2);
}
// The bundle's first line names its build. A cache file is that line, the CRC-32 of the
// compiled code in hex and a newline, then the compiled code.
const buildLine = source.slice(0, source.indexOf("\n"));
const { crc32 } = require("node:zlib"); // Node.js >= 20.15; without it the cache is not used
let cachedData;
try {
  const cache = readFileSync(cacheFile);
  const headerEnd = cache.indexOf(10);
  const header = cache.toString("latin1", 0, headerEnd);
  const data = cache.subarray(headerEnd + 1);
  if (typeof crc32 === "function" && header === `${buildLine} ${crc32(data).toString(16)}`) cachedData = data;
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
  script.runInThisContext().call(cli.exports, cli.exports, require, cli, bundle, dirname(bundle));
  if (typeof cli.exports.main !== "function") throw new Error("the bundle has no main");
} catch (e) {
  // A damaged installation (a cut-short or edited bundle): say so, without a stack trace.
  process.stderr.write("cpt-check: dist/cli.cjs cannot be loaded; reinstall the package or run npm run build\n");
  if (process.env.CPT_CHECK_DEBUG) process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(2);
}

cli.exports.main(process.argv).then((code) => {
  process.exitCode = code;
  // Build step only (scripts/code-cache.js): keep what V8 compiled for this run.
  if (process.env.CPT_CHECK_WRITE_CODE_CACHE === "1") {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    const data = script.createCachedData();
    writeFileSync(tmp, Buffer.concat([Buffer.from(`${buildLine} ${crc32(data).toString(16)}\n`, "latin1"), data]));
    renameSync(tmp, cacheFile);
  }
});
