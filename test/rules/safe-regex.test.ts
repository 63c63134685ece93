import { describe, expect, it } from "vitest";
import { unsafeRegexReason } from "../../src/rules/safe-regex.ts";

describe("unsafeRegexReason", () => {
  it.each([
    ["\\bHB\\s*(?:VI|V|6|5)\\b"],
    ["\\bsunnybrook\\b(?:[^.\\n\\d]|\\.\\.){0,30}\\d{1,3}"],
    ["(?:a|b)+c"],
    ["(?<=no )pain"],
    ["(?<grade>VI|V)"],
    ["[89]-0 nylon"],
  ])("accepts %s", (source) => {
    expect(unsafeRegexReason(source)).toBeNull();
  });

  it.each([
    ["(a+)+$"],
    ["(?:\\w*\\s?)*x"],
    ["(?:a|aa)*(?:b+)+"],
    ["(\\d+)\\1"],
    ["(?<x>a)\\k<x>"],
  ])("refuses %s", (source) => {
    expect(unsafeRegexReason(source)).not.toBeNull();
  });
});
