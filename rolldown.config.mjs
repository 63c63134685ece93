/**
 * The command line as one CommonJS file (dist/cli.cjs), built after tsc from dist/cli.js.
 * Why: Node resolves, links and evaluates ES modules one by one, and each costs this machine about
 * a millisecond; a single script with the dependencies the check path needs (commander, natural's
 * stemmer and distance modules) starts measurably faster (README, "Measuring"). The library entry
 * (dist/index.js) stays as separate ES modules.
 *
 * Our modules load CommonJS packages with `const require = createRequire(import.meta.url)`; in a
 * CommonJS bundle `require` is native, so that line is dropped and the bundler follows each
 * `require("…")` like an import (still evaluated only when the call runs).
 */
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";

import { dirname, join } from "node:path";

const NATIVE_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;

export default {
  input: "dist/cli.js",
  platform: "node",
  // yaml is needed only when a pack is compiled from its YAML (no build cache, or --rules): it
  // stays a separate package. Everything else is inside, so the bundle has no dynamic import()
  // and runs as a plain script (bin/cpt-check.js gives it V8's code cache).
  external: [/^node:/, "yaml"],
  plugins: [
    {
      // commander loads node:child_process at the top for stand-alone executable subcommands,
      // which cpt-check does not use; loading it on first use saves every run ~2 ms. If commander
      // changes that line, this does nothing and the module simply loads as before.
      name: "commander-lazy-child-process",
      transform(code, id) {
        if (!/[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
        return code.replace(
          "const childProcess = require('node:child_process');",
          "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
        );
      },
    },
    {
      // chalk's colour detection imports node:tty (and with it node:net) at the top, so in a
      // bundle every run would load them. We decide colour ourselves (cli.ts: terminal, NO_COLOR,
      // FORCE_COLOR, --no-color) and use only the 16 basic colours, so chalk gets its
      // environment-free variant of the detection (which reports none; styles.ts then uses level 1).
      name: "chalk-without-tty",
      resolveId(source, importer) {
        if (source !== "#supports-color" || !importer?.includes("chalk")) return null;
        return join(dirname(importer), "vendor/supports-color/browser.js"); // chalk/source/index.js

      },
    },
    {
      // natural's Levenshtein distance requires all of underscore for two of its functions
      // (`_.extend`, `_.min`). Required whole, every one of underscore's ~150 modules is evaluated
      // on the first misspelling check (~3 ms of a one-note run); this gives that module
      // underscore's own two modules instead. Another importer, or another function used by
      // natural, fails the build (see `load` below) rather than running without it.
      name: "underscore-parts",
      resolveId(source, importer) {
        if (source !== "underscore" || !importer) return null;
        if (!/[\\/]natural[\\/]lib[\\/]natural[\\/]distance[\\/]levenshtein_distance\.js$/.test(importer)) return null;
        return "\0underscore-parts";
      },
      load(id) {
        if (id !== "\0underscore-parts") return null;
        return 'export { default as extend } from "underscore/modules/extend.js";\nexport { default as min } from "underscore/modules/min.js";\n';
      },
      transform(code, id) {
        if (!/[\\/]levenshtein_distance\.js$/.test(id)) return null;
        const used = new Set([...code.matchAll(/\b_\.(\w+)/g)].map((m) => m[1]));
        const extra = [...used].filter((f) => f !== "extend" && f !== "min");
        if (extra.length > 0) this.error(`natural's levenshtein_distance.js now uses underscore's ${extra.join(", ")}: update the underscore-parts plugin`);
        return null;
      },
    },
    {
      name: "native-require",
      transform(code) {
        const before = code;
        code = code.replace(NATIVE_REQUIRE, "");
        // Elsewhere (`const builtin = createRequire(import.meta.url)` for built-ins loaded on
        // use, and the same line in fdir): in a CommonJS bundle that is the bundle's own
        // require. Without a use left, node:module (which loads Node.js's ES module loader) is
        // not loaded at all on a one-note run.
        code = code.replaceAll("createRequire(import.meta.url)", "require");
        return code === before ? null : code;
      },
    },
    {
      // The first line names the build: bin/cpt-check.js uses a code cache only when the cache
      // starts with that same line, so a rebuilt bundle never runs another build's compiled code.
      name: "build-line",
      buildStart() {
        rmSync("dist/cli.cjs.cache", { force: true });
      },
      // In generateBundle, after the code generator (which writes escaped characters back as
      // they are), so that the file is written exactly as given here.
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== "chunk") continue;
          // Every character beyond ASCII as a \u escape (in strings, templates, regular
          // expressions and identifiers it means the same character), so that bin/cpt-check.js
          // reads the bundle byte for byte: a one-byte string needs no UTF-8 decoding at start.
          const ascii = chunk.code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
          chunk.code = `// cpt-check build ${createHash("sha256").update(ascii).digest("hex").slice(0, 16)}\n${ascii}`;
        }
      },
    },
  ],
  output: { file: "dist/cli.cjs", format: "cjs", codeSplitting: false },
};
