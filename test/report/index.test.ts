import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FORMATS, isFormatName, loadFormatter } from "../../src/report/index.ts";
import { UserError } from "../../src/types.ts";
import { batchReport } from "./sample-report.ts";

const ESC = "\u001b";

describe("loadFormatter", () => {
  it.each(FORMATS)("%s loads a formatter that returns a string", async (name) => {
    expect(isFormatName(name)).toBe(true);
    const format = await loadFormatter(name);
    const out = format(batchReport(), { color: false, quiet: false });
    expect(typeof out).toBe("string");
    expect(out.length).toBeGreaterThan(0);
    expect(out).not.toContain(ESC);
  });

  it.each(["xml", "", "JSON", "text "])("rejects %j naming the valid formats", async (name) => {
    expect(isFormatName(name)).toBe(false);
    const error = await loadFormatter(name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toContain("text, json, jsonl, csv, sarif, junit");
  });

  it("imports no formatter module statically (cold start)", () => {
    const source = readFileSync(new URL("../../src/report/index.ts", import.meta.url), "utf8");
    const staticImports = [...source.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
    expect(staticImports.filter((s) => !/^\.\/format-context\.js$|^\.\.\/types\.js$/.test(s))).toEqual([]);
  });
});
