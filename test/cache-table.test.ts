import { describe, expect, it } from "vitest";
import { CacheTable } from "../src/cache-table.ts";

describe("CacheTable (values the build cache keeps)", () => {
  it("works a value out once, takes a primed table's value instead, and lists both", () => {
    const calls: string[] = [];
    const t = new CacheTable((k) => {
      calls.push(k);
      return k.length;
    });
    expect(t.get("abc")).toBe(3);
    expect(t.get("abc")).toBe(3);
    t.prime({ primed: 99 });
    expect(t.get("primed")).toBe(99);
    expect(calls).toEqual(["abc"]);
    expect(t.known()).toEqual({ abc: 3, primed: 99 });
  });

  it("keeps the latest four primed tables", () => {
    const t = new CacheTable((k) => `computed ${k}`);
    for (let i = 0; i < 5; i++) t.prime({ [`k${i}`]: `primed ${i}` });
    expect(t.get("k0")).toBe("computed k0");
    expect(t.get("k4")).toBe("primed 4");
  });

  it("a key named like an Object.prototype member is a key like any other", () => {
    const t = new CacheTable((k) => `computed ${k}`);
    t.prime(JSON.parse('{"__proto__": "primed"}') as Record<string, string>);
    expect(t.get("__proto__")).toBe("primed");
    expect(t.get("toString")).toBe("computed toString");
  });
});
