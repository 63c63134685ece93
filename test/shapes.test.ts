/**
 * Objects that the check's hottest code reads at one site have one shape: the same keys in the
 * same order. V8 optimises such a site for the shapes it has seen; one of another shape arriving
 * later throws the optimised code away and has it compiled again, in every batch worker (the
 * tenth session measured ~3 % of a 2,000-note run's instructions for mentions and context
 * triggers). These tests fail when a matcher or the lexicon makes an object of another shape.
 */
import { describe, expect, it } from "vitest";
import type { ContextTrigger } from "../src/context/lexicon.ts";
import { loadRulePack } from "../src/index.ts";
import { mentionsOf, type Matcher } from "../src/matchers/types.ts";
import type { CompiledNode } from "../src/rules/compile.ts";
import { NoteDocument } from "../src/text/document.ts";
import { fixtureNotes } from "./fixture-notes.ts";

function matchersOf(node: CompiledNode | undefined, out: Set<Matcher>): Set<Matcher> {
  if (!node) return out;
  if (node.matcher) out.add(node.matcher);
  for (const c of [...(node.any ?? []), ...(node.all ?? []), node.with, node.unless]) matchersOf(c, out);
  return out;
}

describe("object shapes at the check's hot sites", () => {
  it("every mention of every matcher kind has the keys start, end, from, to, parts in that order", async () => {
    const pack = await loadRulePack("64868");
    const matchers = new Set<Matcher>();
    for (const r of pack.rules) {
      matchersOf(r.check, matchers);
      for (const s of r.suggest) matchersOf(s.when, matchers);
    }
    const kinds = new Set<string>();
    const shapes = new Set<string>();
    for (const { text } of fixtureNotes().slice(0, 60)) {
      const doc = new NoteDocument(text, pack.lexicons);
      for (const m of matchers) {
        for (const found of mentionsOf(doc, m)) {
          kinds.add(m.kind);
          shapes.add(Object.keys(found).join(","));
        }
      }
    }
    // The pack's matcher kinds that found something in these notes, so that the check covers them.
    expect([...kinds].sort()).toEqual(expect.arrayContaining(["keyword", "near", "regex"]));
    expect([...shapes]).toEqual(["start,end,from,to,parts"]);
  });

  it("every context trigger, literal or pattern, with or without terminates/stops/throughLists, has one key order", async () => {
    const pack = await loadRulePack("64868");
    const lex = pack.lexicons.context;
    const triggers: ContextTrigger[] = [...lex.patterns];
    for (const list of lex.byFirstToken.values()) triggers.push(...list);
    // Both kinds and both optional settings occur in the built-in lexicon.
    expect(triggers.some((t) => t.pattern === null)).toBe(true);
    expect(triggers.some((t) => t.pattern instanceof RegExp)).toBe(true);
    expect(triggers.some((t) => t.terminates !== undefined)).toBe(true);
    expect(triggers.some((t) => t.terminates === undefined)).toBe(true);
    const shapes = new Set(triggers.map((t) => Object.keys(t).join(",")));
    expect([...shapes]).toEqual(["literal,tokens,category,direction,maxScope,terminates,stops,throughLists,endsAdjacent,toSentenceEnd,closesAside,pattern,screen"]);
  });
});
