import { describe, expect, it } from "vitest";
import { fileUri, formatSarif, sarifCollector } from "../../src/report/sarif.ts";
import { outline } from "../../src/batch/protocol.ts";
import { redactReport } from "../../src/report/redact.ts";
import { REPORTS, batchReport, failureCounts, failingNote } from "./sample-report.ts";

const ctx = { color: false, quiet: false };

describe("sarif", () => {
  it.each(REPORTS)("%s: has the 2.1.0 required fields and one result per failure", (_name, make) => {
    const report = make();
    const sarif = JSON.parse(formatSarif(report, ctx));
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    const run = sarif.runs[0];
    expect(run.tool.driver.name).toBe("cpt-check");
    expect(run.tool.driver.version).toBe("0.1.0");
    const { failedRules, errors } = failureCounts(report);
    expect(run.results).toHaveLength(failedRules + errors);
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const result of run.results) {
      expect(typeof result.ruleId).toBe("string");
      expect(ids[result.ruleIndex]).toBe(result.ruleId);
      expect(["error", "warning"]).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/[\\ "<>]/);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
    }
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(["error", "warning"]).toContain(rule.defaultConfiguration.level);
    }
  });

  it("maps each failure to its rule, level, message and first evidence or ignored mention", () => {
    const run = JSON.parse(formatSarif(batchReport(), ctx)).runs[0];
    const got = run.results.map((r: any) => [
      r.ruleId,
      r.level,
      r.message.text,
      r.locations[0].physicalLocation.region.startLine,
      r.locations[0].physicalLocation.region.startColumn,
    ]);
    const rule = (id: string) => failingNote.rules.find((r) => r.id === id)!;
    expect(got).toEqual([
      ["conservative-treatment-failed", "error", rule("conservative-treatment-failed").message, 15, 1],
      ["procedure-details", "error", rule("procedure-details").message, 30, 2],
      ["laterality", "warning", rule("laterality").message, 1, 1],
      ["input-error", "error", batchReport().results[2].error, 1, 1],
    ]);
    expect(run.results[0].relatedLocations).toHaveLength(2);
    expect(run.results[1].properties.missing).toEqual(["nerves-coapted", "magnification"]);
  });

  it("computes the region end from the quoted words, and only the start when redacted", () => {
    const region = (report: any) =>
      JSON.parse(formatSarif(report, ctx)).runs[0].results[1].locations[0].physicalLocation.region;
    // "hypoglossal nerve was identified" is 32 UTF-16 units; endColumn is exclusive
    expect(region(batchReport())).toEqual({ startLine: 30, startColumn: 2, endLine: 30, endColumn: 34 });
    expect(region(redactReport(batchReport()))).toEqual({ startLine: 30, startColumn: 2 });
  });

  it.each([
    ["notes/a.txt", undefined, "notes/a.txt"],
    ["notes\\sub\\a b.txt", undefined, "notes/sub/a%20b.txt"],
    ["/home/u/notes/a.txt", "/home/u", "notes/a.txt"],
    ["/srv/notes/a.txt", "/home/u", "file:///srv/notes/a.txt"],
    ["C:\\notes\\a.txt", undefined, "file:///C:/notes/a.txt"],
    ["C:\\work\\notes\\a.txt", "C:\\work", "notes/a.txt"],
    ['op, "17" <&>.txt', undefined, "op%2C%20%2217%22%20%3C%26%3E.txt"],
  ])("uri of %j (cwd %j) is %j", (file, cwd, uri) => {
    expect(fileUri(file, cwd)).toBe(uri);
  });
});

describe("sarif: made note by note, as a batch makes it", () => {
  it.each(REPORTS)("%s: the notes added one at a time, then the outlines, give the whole report", (_name, make) => {
    const report = make();
    const collector = sarifCollector(ctx);
    for (const result of report.results) collector.add(result);
    const outlines = { ...report, results: report.results.map((r) => outline(r)) };
    expect(collector.finish(outlines)).toBe(formatSarif(report, ctx));
  });
});
