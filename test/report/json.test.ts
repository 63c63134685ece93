import { describe, expect, it } from "vitest";
import { formatJson } from "../../src/report/json.ts";
import { formatJsonl } from "../../src/report/jsonl.ts";
import { REPORTS, batchReport } from "./sample-report.ts";

const ctx = { color: false, quiet: false };

describe("json", () => {
  it.each(REPORTS)("%s: parses and round-trips", (_name, make) => {
    const report = make();
    const out = formatJson(report, ctx);
    expect(out.endsWith("}\n")).toBe(true);
    expect(JSON.parse(out)).toEqual(report);
  });

  it("writes keys in spec order whatever order the engine used", () => {
    const parsed = JSON.parse(formatJson(batchReport(), ctx));
    expect(Object.keys(parsed)).toEqual(["tool", "code", "results", "summary"]);
    expect(Object.keys(parsed.results[1])).toEqual(["file", "status", "encoding", "rules"]);
    expect(Object.keys(parsed.results[2])).toEqual(["file", "status", "error", "rules"]);
    const rule = parsed.results[1].rules[3];
    expect(Object.keys(rule)).toEqual(["id", "title", "severity", "status", "message", "evidence", "ignored"]);
    expect(Object.keys(parsed.results[1].rules[0].ignored[0])).toEqual([
      "text", "line", "column", "start", "end", "reason", "trigger", "section",
    ]);
  });

  it.each(REPORTS)("%s: exactly JSON.stringify's layout (two-space indent), though written in parts", (_name, make) => {
    const out = formatJson(make(), ctx);
    expect(out).toBe(`${JSON.stringify(JSON.parse(out), null, 2)}\n`);
  });

  it("an empty batch: the same layout, with an empty results list", () => {
    const report = { ...batchReport(), results: [], summary: { files: 0, passed: 0, failed: 0, errors: 0 } };
    const out = formatJson(report, ctx);
    expect(out).toBe(`${JSON.stringify(JSON.parse(out), null, 2)}\n`);
    expect(out).toContain('"results": [],');
  });

  it("emits no key whose value is undefined", () => {
    const report = batchReport();
    report.results[0].rules[0].message = undefined;
    report.results[0].error = undefined;
    const out = formatJson(report, ctx);
    const parsed = JSON.parse(out);
    expect("message" in parsed.results[0].rules[0]).toBe(false);
    expect("error" in parsed.results[0]).toBe(false);
    expect(out).not.toContain("undefined");
  });
});

describe("jsonl", () => {
  it.each(REPORTS)("%s: one parseable line per result", (_name, make) => {
    const report = make();
    const out = formatJsonl(report, ctx);
    if (report.results.length === 0) return expect(out).toBe("");
    expect(out.endsWith("\n")).toBe(true);
    const lines = out.slice(0, -1).split("\n");
    expect(lines).toHaveLength(report.results.length);
    expect(lines.map((l) => JSON.parse(l))).toEqual(report.results);
  });

  it("escapes U+2028/U+2029 so no line reader splits a record", () => {
    const report = batchReport();
    report.results[1].rules[0].evidence[0].text = "a\u2028b\u2029c";
    const out = formatJsonl(report, ctx);
    expect(out).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(out.split("\n")[1]).rules[0].evidence[0].text).toBe("a\u2028b\u2029c");
  });
});
