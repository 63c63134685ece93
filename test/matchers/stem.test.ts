import { describe, expect, it } from "vitest";
import { StemMatcher, stem } from "../../src/matchers/stem.ts";
import { found } from "./helpers.ts";

describe("StemMatcher", () => {
  it.each([
    { name: "suture matches its inflections", terms: ["suture"], text: "sutured, suturing, sutures, Suture", want: ["sutured", "suturing", "sutures", "Suture"] },
    { name: "an inflected term matches the base form", terms: ["sutured"], text: "a suture was placed", want: ["suture"] },
    { name: "suturing term", terms: ["suturing"], text: "sutured", want: ["sutured"] },
    { name: "a different word with the same letters is not matched", terms: ["suture"], text: "suit, suture", want: ["suture"] },
    { name: "incision / incised / incisions", terms: ["incision"], text: "incised; incisions", want: ["incised", "incisions"] },
    { name: "multi-word stems", terms: ["nerve transfer"], text: "nerves transferred", want: ["nerves transferred"] },
    { name: "multi-word stems keep the separator tolerance", terms: ["nerve transfer"], text: "nerve-\ntransfers", want: ["nerve-\ntransfers"] },
    { name: "case-insensitive", terms: ["identified"], text: "IDENTIFIED", want: ["IDENTIFIED"] },
    { name: "word-bounded", terms: ["pt"], text: "patient", want: [] },
  ])("$name", ({ terms, text, want }) => {
    expect(found(new StemMatcher(terms), text)).toEqual(want);
  });

  it.each([
    ["sutured", "sutur"],
    ["suturing", "sutur"],
    ["sutures", "sutur"],
    ["identified", "identifi"],
    ["cn7", "cn7"], // only plain lower-case words are stemmed
    ["möbius", "möbius"],
  ])("stem(%s) = %s", (word, s) => {
    expect(stem(word)).toBe(s);
  });
});
