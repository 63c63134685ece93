import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkText } from "../../src/check.ts";
import { loadRulePack } from "../../src/rules/load.ts";
import { formatJson, orderResult } from "../../src/report/json.ts";
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

  it("leaves a result that is already in spec order as it is (no copy), and reorders one that is not", () => {
    const inOrder = {
      file: "a.txt", status: "fail", encoding: "utf-8",
      rules: [{ id: "r", title: "R", severity: "error", status: "fail", message: "m", missing: ["x"], evidence: [], ignored: [
        { text: "t", line: 1, column: 1, start: 0, end: 1, reason: "negated", trigger: "no", section: null, part: "p" },
      ] }],
    } as unknown as Parameters<typeof orderResult>[0];
    expect(orderResult(inOrder)).toBe(inOrder);
    // a key the spec does not name, before a named one: moved after the named ones
    const moved = { extra: 1, ...inOrder } as unknown as Parameters<typeof orderResult>[0];
    const out = orderResult(moved);
    expect(out).not.toBe(moved);
    expect(Object.keys(out)).toEqual(["file", "status", "encoding", "rules", "extra"]);
    const swapped = { ...inOrder, rules: [{ ...inOrder.rules[0]!, ignored: [{ reason: "negated", text: "t", line: 1, column: 1, start: 0, end: 1 }] }] } as unknown as Parameters<typeof orderResult>[0];
    expect(Object.keys(orderResult(swapped).rules[0]!.ignored[0]!)).toEqual(["text", "line", "column", "start", "end", "reason"]);
  });

  it.each(["corpus", "holdout", "blind2", "blind3"])(
    "gets the engine's results already in spec order (fixtures/%s), passing and failing, so formatting copies nothing",
    async (folder) => {
      const pack = await loadRulePack("64868");
      const dir = join(import.meta.dirname, "../../fixtures", folder);
      const notes = readdirSync(dir).filter((f) => f.endsWith(".txt"));
      let failing = 0;
      let ignored = 0;
      for (const f of notes) {
        const r = checkText(readFileSync(join(dir, f), "utf8"), { pack, file: f, encoding: "utf-8" });
        failing += r.rules.filter((x) => x.status === "fail").length;
        ignored += r.rules.reduce((n, x) => n + x.ignored.length, 0);
        expect(orderResult(r), f).toBe(r);
        // checkText marks its results as built in order (builtInOrder): the mark must not lie, so
        // a copy with the same key order, which has no mark, is checked key by key.
        const copy = structuredClone(r);
        expect(orderResult(copy), f).toBe(copy);
      }
      expect(failing).toBeGreaterThan(0);
      expect(ignored).toBeGreaterThan(0);
    },
  );

  it("a result checkText did not build is checked key by key even when it looks like one", async () => {
    const pack = await loadRulePack("64868");
    const r = checkText("Left facial paralysis after parotidectomy; no physical therapy.", { pack, file: "a.txt" });
    const reordered = { ...r, rules: r.rules.map(({ id, ...rest }) => ({ ...rest, id })) };
    expect(Object.keys(orderResult(reordered).rules[0]!)[0]).toBe("id");
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
