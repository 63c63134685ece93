import { describe, expect, it } from "vitest";
import { AUTO_MIN_ENTRIES, chooseWorkers, parseConcurrency, type Concurrency } from "../../src/batch/run.ts";
import { UserError } from "../../src/types.ts";

describe("chooseWorkers", () => {
  const cases: [string, number, Concurrency, number, number][] = [
    ["off is in process", 10_000, "off", 8, 0],
    ["1 is in process", 10_000, 1, 8, 0],
    ["auto, small batch: in process", AUTO_MIN_ENTRIES - 1, "auto", 8, 0],
    ["auto, a single note", 1, "auto", 8, 0],
    ["auto, large batch: capped at 4", AUTO_MIN_ENTRIES, "auto", 8, 4],
    ["auto, large batch, 2 cpus: two workers (the main thread mostly waits)", 5_000, "auto", 2, 2],
    ["auto, large batch, 4 cpus: one core left to the main thread", 5_000, "auto", 4, 3],
    ["auto, one cpu: in process", 5_000, "auto", 1, 0],
    ["n workers", 300, 3, 1, 3],
    ["n workers even for a small batch", 10, 2, 8, 2],
    ["never more workers than notes", 3, 8, 8, 3],
    ["one note: in process", 1, 8, 8, 0],
    ["no notes", 0, 4, 8, 0],
  ];
  it.each(cases)("%s", (_name, n, requested, cpus, expected) => {
    expect(chooseWorkers(n, requested, cpus)).toBe(expected);
  });
});

describe("parseConcurrency", () => {
  it.each([
    ["auto", "auto"],
    ["off", "off"],
    ["OFF", "off"],
    ["1", 1],
    ["4", 4],
  ] as const)("%s", (input, expected) => {
    expect(parseConcurrency(input)).toBe(expected);
  });
  it.each(["0", "-2", "1.5", "", "many", "on"])("refuses %j", (input) => {
    expect(() => parseConcurrency(input)).toThrow(UserError);
  });
});
