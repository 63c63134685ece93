import { describe, expect, it } from "vitest";
import { analyzeSentence, type TriggerHit } from "../../src/context/engine.ts";
import { compileContextLexicon, screenPatterns, type ContextLexicon, type PatternTrigger } from "../../src/context/lexicon.ts";
import { loadRulePack } from "../../src/index.ts";
import { tokenize } from "../../src/text/tokenize.ts";
import { fixtureNotes } from "../fixture-notes.ts";

const pattern = (source: string, flags: string): PatternTrigger => ({
  literal: source,
  tokens: [],
  pattern: new RegExp(source, flags),
  screen: -1,
  category: "negated",
  direction: "forward",
  maxScope: 8,
});

const plain = (h: TriggerHit) => ({ ...h, trigger: [h.trigger.literal, h.trigger.category, h.trigger.direction] });

describe("context pattern screens", () => {
  it("builds one screen per flag set and leaves out what an alternation would change", () => {
    const ps = [
      pattern("\\[\\s?\\]", "gi"),
      pattern(";", "g"),
      pattern("(a)\\1", "gi"), // a backreference: numbered anew inside an alternation
      pattern("(?<x>b)", "gi"), // a named group: two members could share the name
      pattern("(?<=c)d", "gi"), // a lookbehind is fine
      pattern("\\p{Lu}x", "giu"),
      pattern("☐", "g"),
      pattern("(?!ⓐ)ⓑ", "g"),
    ];
    const screens = screenPatterns(ps);
    expect(screens.map((s) => s.flags)).toEqual(["i", "i", "iu", "", ""]);
    // ";" has no letter: it is tried case-insensitively, with the other single marks ("☐"), apart
    // from the patterns it would otherwise set off in most sentences; "ⓐ" (which has a case) is not.
    expect(ps.map((p) => p.screen)).toEqual([0, 1, -1, -1, 0, 2, 3, 4]);
    expect(screens.every((s) => !s.global && !s.sticky)).toBe(true);
  });

  it("finds something whenever one of its members would, on random text", () => {
    const ps = [
      pattern("[☒xX]\\]?\\s*(?:no|n)\\b", "gi"),
      pattern("(?::|\\.{3,})\\s*[-–]+\\s*$", "gi"),
      pattern("^\\s*(?:in) (?:19|20)\\d{2}\\b", "gi"),
      pattern(",\\s+and\\s+(?=(?:a|the)\\b)", "gi"),
      pattern("_{3,}", "gi"),
      pattern("\\?", "g"),
    ];
    const screens = screenPatterns(ps);
    const alphabet = ["x", "X", "]", " ", "no", "n", ":", "...", "-", "–", "in", "19", "20", "7", ",", "and", "a", "the", "_", "?", "\n"];
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    let matched = 0;
    for (let i = 0; i < 20000; i++) {
      let s = "";
      const len = 1 + rand(10);
      for (let k = 0; k < len; k++) s += alphabet[rand(alphabet.length)];
      for (const p of ps) {
        p.pattern.lastIndex = 0;
        const hit = p.pattern.test(s);
        if (hit) matched++;
        if (hit) expect(screens[p.screen]!.test(s), `${p.literal} on ${JSON.stringify(s)}`).toBe(true);
      }
      const none = ps.every((p) => ((p.pattern.lastIndex = 0), !p.pattern.test(s)));
      if (none) expect(screens.some((sc) => sc.test(s)), JSON.stringify(s)).toBe(false);
    }
    expect(matched).toBeGreaterThan(1000); // the random text does exercise the members
  });

  it("leaves every fixture note's triggers as they are without screens", async () => {
    const pack = await loadRulePack("64868");
    const lex = pack.lexicons.context;
    const unscreened: ContextLexicon = {
      ...lex,
      screens: [],
      patterns: lex.patterns.map((p) => ({ ...p, pattern: new RegExp(p.pattern.source, p.pattern.flags), screen: -1 })),
    };
    expect(lex.screens.length).toBeGreaterThan(0);
    let hits = 0;
    for (const { text } of fixtureNotes()) {
      let start = 0;
      for (const line of text.split("\n")) {
        const tokens = tokenize(line);
        const a = analyzeSentence(lex, line, tokens, 0, tokens.length, 0, line.length);
        const b = analyzeSentence(unscreened, line, tokens, 0, tokens.length, 0, line.length);
        expect(a.map(plain), `a line at offset ${start}`).toEqual(b.map(plain));
        hits += a.filter((h) => "pattern" in h.trigger).length;
        start += line.length + 1;
      }
    }
    expect(hits).toBeGreaterThan(50); // the fixtures have pattern triggers (boxes, blanks, brackets)
  });

  it("compiles a lexicon's screens with it", () => {
    const lex = compileContextLexicon({ triggers: [{ category: "negated", direction: "forward", patterns: ["☐", "\\[\\s?\\]"], literals: ["no", ";"] }] });
    // The single marks ("☐", and the punctuation literal ";" with flags "g") share one screen, the
    // other patterns another.
    expect(lex.screens).toHaveLength(2);
    expect(lex.patterns.every((p) => p.screen >= 0)).toBe(true);
  });
});
