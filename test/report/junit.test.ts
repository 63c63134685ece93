import { describe, expect, it } from "vitest";
import { formatJunit, junitCollector, xmlAttr, xmlText } from "../../src/report/junit.ts";
import { outline } from "../../src/batch/protocol.ts";
import { ERROR_MESSAGE, REPORTS, batchReport, failureCounts, failingNote } from "./sample-report.ts";

const ctx = { color: false, quiet: false };

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function decode(s: string): string {
  expect(s).not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
  return s.replace(/&(#\d+|\w+);/g, (_m, e: string) =>
    e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : ENTITY[e],
  );
}

/** Just enough XML: declaration, elements with double-quoted attributes, text. Throws on anything else. */
function parseXml(xml: string): Element {
  const token = /<\?xml[^?]*\?>|<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const root: Element = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  let m: RegExpExecArray | null;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    if (!(m = token.exec(xml))) throw new Error(`not XML at ${at}: ${xml.slice(at, at + 40)}`);
    const [, close, name, attrText, selfClose, text] = m;
    const top = stack[stack.length - 1];
    if (text !== undefined) top.text += decode(text);
    else if (name === undefined) continue;
    else if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const [, k, v] of attrText.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[k] = decode(v);
      const el: Element = { name, attrs, children: [], text: "" };
      top.children.push(el);
      if (!selfClose) stack.push(el);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return root;
}

function all(el: Element, name: string): Element[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

// XML 1.0 Char production, complemented
const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe("junit", () => {
  it.each(REPORTS)("%s: balanced XML whose counts match", (_name, make) => {
    const report = make();
    const out = formatJunit(report, ctx);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(out).not.toMatch(INVALID);
    const doc = parseXml(out);
    expect(doc.children).toHaveLength(1);
    const suites = doc.children[0];
    expect(suites.name).toBe("testsuites");
    expect(suites.attrs.name).toBe("cpt-check");
    const { rules, failedErrorRules, errors } = failureCounts(report);
    const cases = all(suites, "testcase");
    expect(cases).toHaveLength(rules + errors);
    expect(all(suites, "failure")).toHaveLength(failedErrorRules);
    expect(all(suites, "error")).toHaveLength(errors);
    expect(Number(suites.attrs.tests)).toBe(cases.length);
    expect(Number(suites.attrs.failures)).toBe(failedErrorRules);
    expect(Number(suites.attrs.errors)).toBe(errors);
    expect(all(suites, "testsuite").map((s) => s.attrs.name)).toEqual(report.results.map((r) => r.file));
  });

  it("keeps the content of tricky strings, minus characters XML forbids", () => {
    const suites = parseXml(formatJunit(batchReport(), ctx)).children[0];
    const failures = all(suites, "failure");
    const ctf = failingNote.rules.find((r) => r.id === "conservative-treatment-failed")!;
    expect(failures[0].attrs.message).toBe(ctf.message);
    expect(failures[0].text).toContain('ignored (negated: "no") 15:1  "no prior physiotherapy"  (HPI)');
    expect(failures[1].text).toContain("missing: nerves-coapted, magnification");
    expect(all(suites, "error")[0].attrs.message).toBe(ERROR_MESSAGE.replace("\u0007", ""));
    expect(all(suites, "testsuite")[1].attrs.name).toBe(failingNote.file);
    // the failed warning passes, its message in system-out
    const laterality = all(suites, "testcase").filter((c) => c.attrs.name === "laterality")[1];
    expect(laterality.children.map((c) => c.name)).toEqual(["system-out"]);
    expect(laterality.children[0].text).toContain("warning: State which side");
  });

  it.each([
    ["a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&apos;f", "a&amp;b&lt;c&gt;d\"e'f"],
    ["tab\tnl\ncr\r", "tab&#9;nl&#10;cr&#13;", "tab\tnl\ncr&#13;"],
    ["bell\u0007 nul\u0000 lone\uD800 ffff\uFFFF", "bell nul lone ffff", "bell nul lone ffff"],
    ["emoji 🧠 ok", "emoji 🧠 ok", "emoji 🧠 ok"],
  ])("escapes %j", (input, attr, text) => {
    expect(xmlAttr(input)).toBe(attr);
    expect(xmlText(input)).toBe(text);
  });
});

describe("junit: made note by note, as a batch makes it", () => {
  it.each(REPORTS)("%s: the notes added one at a time, then the outlines, give the whole report", (_name, make) => {
    const report = make();
    const collector = junitCollector();
    for (const result of report.results) collector.add(result);
    const outlines = { ...report, results: report.results.map((r) => outline(r)) };
    expect(collector.finish(outlines)).toBe(formatJunit(report, ctx));
  });
});
