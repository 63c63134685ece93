import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript script without type declarations
import { ELEMENTS, SHAPES, generateBigNote, generateCase, generateNote, mulberry32, rngFor } from "../scripts/gen-notes.js";

const GEN = fileURLToPath(new URL("../scripts/gen-notes.js", import.meta.url));
const size = (s: string) => Buffer.byteLength(s, "utf8");

describe("gen-notes", () => {
  it("is deterministic for a seed and differs across seeds and indexes", () => {
    expect(generateNote(rngFor(5, 3))).toBe(generateNote(rngFor(5, 3)));
    expect(generateNote(rngFor(5, 3))).not.toBe(generateNote(rngFor(6, 3)));
    expect(generateNote(rngFor(5, 3))).not.toBe(generateNote(rngFor(5, 4)));
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it("writes notes of 2-10 KB in every shape, passing and failing", () => {
    const shapes = new Set<string>();
    const defects = new Set<string>();
    let passing = 0;
    for (let i = 0; i < 400; i++) {
      const k = generateCase(rngFor(1, i));
      shapes.add(k.shape);
      if (k.defect) defects.add(`${k.defect.element}/${k.defect.mode}`);
      else passing++;
      expect(size(k.text)).toBeGreaterThanOrEqual(1800);
      expect(size(k.text)).toBeLessThanOrEqual(12 * 1024);
      expect(k.verdict).toBe(Object.values(k.expect).every((v) => v === "pass") ? "pass" : "fail");
    }
    expect([...shapes].sort()).toEqual([...SHAPES].sort());
    expect(defects.size).toBe(ELEMENTS.length * 2);
    expect(passing).toBeGreaterThan(120);
    expect(passing).toBeLessThan(280);
  });

  it.each([
    ["small target", 2048],
    ["large target", 10240],
  ])("reaches a %s", (_name, target) => {
    const text = generateNote(rngFor(2, 0), { targetBytes: target });
    expect(size(text)).toBeGreaterThanOrEqual(target * 0.9);
    expect(size(text)).toBeLessThanOrEqual(target + 1024);
  });

  it.each([10 * 1024, 100 * 1024, 1024 * 1024])("makes one big note of at most %i bytes ending on a whole line", (n) => {
    const text = generateBigNote(rngFor(1, 7), n);
    expect(size(text)).toBeLessThanOrEqual(n);
    expect(size(text)).toBeGreaterThan(n - 1024);
    expect(text.endsWith("\n")).toBe(true);
  });

  it("streams --jsonl lines of {id, text}", () => {
    const out = execFileSync(process.execPath, [GEN, "--jsonl", "25", "--seed", "9"], { encoding: "utf8" });
    const lines = out.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(25);
    expect(lines[0].id).toBe("note-00001");
    expect(lines[24].text).toBe(generateNote(rngFor(9, 24)));
  });

  it("writes a folder with --out/--count and labels in the corpus format", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cpt-check-gen-"));
    try {
      execFileSync(process.execPath, [GEN, "--out", dir, "--count", "12", "--seed", "4", "--labels"]);
      const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
      expect(files).toHaveLength(12);
      expect(files[0]).toBe("note-00001.txt");
      expect(readFileSync(path.join(dir, "note-00012.txt"), "utf8")).toBe(generateNote(rngFor(4, 11)));
      const labels = JSON.parse(readFileSync(path.join(dir, "labels.json"), "utf8"));
      expect(labels).toHaveLength(12);
      expect(Object.keys(labels[0].expect).sort()).toEqual([...ELEMENTS].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
