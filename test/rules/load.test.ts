import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkText } from "../../src/check.ts";
import { asciiJson, loadRulePack } from "../../src/rules/load.ts";
import { UserError } from "../../src/types.ts";

import { REQUIRED } from "../cli-helpers.ts";

/** The UserError a load throws (fails the test if it resolves or throws anything else). */
async function loadError(ref: string): Promise<UserError> {
  try {
    await loadRulePack(ref);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error(`expected ${ref} to fail to load`);
}

describe("the built-in 64868 pack", () => {
  it("loads by code with the six required rules as errors", async () => {
    const pack = await loadRulePack("64868");
    expect(pack.code).toBe("64868");
    const byId = new Map(pack.rules.map((r) => [r.id, r]));
    for (const id of REQUIRED) expect(byId.get(id)?.severity, id).toBe("error");
    // Every error rule is one of the contract's six: anything else must be a warning.
    expect(pack.rules.filter((r) => r.severity === "error").map((r) => r.id).sort()).toEqual([...REQUIRED].sort());
  });

  it("has warnings, laterality among them", async () => {
    const pack = await loadRulePack("64868");
    const warnings = pack.rules.filter((r) => r.severity === "warning").map((r) => r.id);
    expect(warnings).toContain("laterality");
    expect(warnings.length).toBeGreaterThanOrEqual(1);
  });

  it("every rule has a unique id, a title and a message", async () => {
    const pack = await loadRulePack("64868");
    expect(new Set(pack.rules.map((r) => r.id)).size).toBe(pack.rules.length);
    for (const r of pack.rules) {
      expect(r.title.trim(), r.id).not.toBe("");
      expect(r.message.trim(), r.id).not.toBe("");
    }
  });

  it("loads the same by path", async () => {
    const byCode = await loadRulePack("64868");
    const byPath = await loadRulePack(resolve("rules/64868.yaml"));
    expect(byPath.rules.map((r) => r.id)).toEqual(byCode.rules.map((r) => r.id));
  });

  it("an unknown code is a clear error listing the available codes", async () => {
    const e = await loadError("99999");
    expect(e.message).toMatch(/99999/);
    expect(e.message).toMatch(/available: .*64868/);
    expect(e.exitCode).toBe(2);
  });

  it("a path that does not exist is a clear error", async () => {
    const e = await loadError("./no/such/pack.yaml");
    expect(e.message).toBe("rule pack not found: ./no/such/pack.yaml");
  });
});

describe("a folder pack: pack.yaml and one rule per file", () => {
  const dir = mkdtempSync(join(tmpdir(), "cpt-check-pack-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  write("pack.yaml", 'code: "99001"\ntitle: Test pack\nterms:\n  cause: [bell\'s palsy, ramsay hunt]\n');
  write("b-extent.yml", "id: extent\ntitle: Extent\nseverity: warning\nmessage: Grade it.\ncheck:\n  regex: ['\\bHB\\s*(?:V|VI)\\b']\n");
  write("a-cause.yaml", 'id: cause\ntitle: Cause\nseverity: error\nmessage: State the cause.\ncheck:\n  keyword: ["@cause"]\n');
  write(".hidden.yaml", "not: a rule\n"); // dot files are skipped, like editors' swap files
  write("drafts/ignored.yaml", "not: a rule\n"); // sub-folders are not searched

  it("loads every rule file in name order", async () => {
    const pack = await loadRulePack(dir);
    expect(pack.code).toBe("99001");
    expect(pack.rules.map((r) => [r.id, r.severity])).toEqual([
      ["cause", "error"],
      ["extent", "warning"],
    ]);
  });

  it("the pack's rules check a note, with @terms expanded", async () => {
    const pack = await loadRulePack(dir);
    const pass = checkText("Right Bell's palsy, HB VI.", { pack });
    expect(pass.rules.map((r) => [r.id, r.status])).toEqual([
      ["cause", "pass"],
      ["extent", "pass"],
    ]);
    expect(pass.status).toBe("pass");
    const fail = checkText("Her mother had Bell's palsy.", { pack });
    expect(fail.status).toBe("fail");
    expect(fail.rules[0]!.ignored.map((i) => i.reason)).toEqual(["family"]);
  });

  it("a folder without pack.yaml is an error", async () => {
    const bare = join(dir, "drafts");
    const e = await loadError(bare);
    expect(e.message).toMatch(/needs a pack\.yaml/);
  });
});

describe("a pack's own text lexicon", () => {
  const dir = mkdtempSync(join(tmpdir(), "cpt-check-text-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rule = 'rules:\n  - id: cause\n    title: Cause\n    severity: error\n    message: State it.\n    check:\n      keyword: [bell\'s palsy]\n';
  it("a spoken mark that stands for something other than punctuation is refused at its line", async () => {
    writeFileSync(join(dir, "text.yaml"), "abbreviations: [dr]\nspoken_punctuation:\n  signal: comma\n  at_least: 3\n  marks:\n    - { words: comma, mark: \"--\" }\n");
    writeFileSync(join(dir, "pack.yaml"), `code: "99002"\ntitle: Test\ntext: text.yaml\n${rule}`);
    const e = await loadError(join(dir, "pack.yaml"));
    expect(e.message).toMatch(/text\.yaml:6:\d+: .*mark must be one of/);
  });
});

describe("a pack's own context lexicon: max_scope", () => {
  const dir = mkdtempSync(join(tmpdir(), "cpt-check-context-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rule = "rules:\n  - id: tried\n    title: Tried\n    severity: error\n    message: Say it.\n    disqualify: [hypothetical]\n    check:\n      keyword: [therapy failed]\n";
  const lexicon = (scope: string) => `triggers:\n  - category: hypothetical\n    direction: forward\n    literals: [policy requires]\n    max_scope: ${scope}\n  - direction: terminate\n    terminates: [hypothetical]\n    literals: [and has]\n`;
  it("'sentence' reaches past a terminator of one category to the sentence's end", async () => {
    writeFileSync(join(dir, "context.yaml"), lexicon("sentence"));
    writeFileSync(join(dir, "pack.yaml"), `code: "99004"\ntitle: Test\ncontext: context.yaml\n${rule}`);
    const pack = await loadRulePack(join(dir, "pack.yaml"));
    expect(checkText("Policy requires that the patient was seen and has therapy failed.\n", { pack }).status).toBe("fail");
    // Another pack (packs are cached by path) whose lexicon has a scope in words.
    writeFileSync(join(dir, "context8.yaml"), lexicon("8"));
    writeFileSync(join(dir, "pack8.yaml"), `code: "99005"\ntitle: Test\ncontext: context8.yaml\n${rule}`);
    const eight = await loadRulePack(join(dir, "pack8.yaml"));
    expect(checkText("Policy requires that the patient was seen and has therapy failed.\n", { pack: eight }).status).toBe("pass");
  });
  it("any other word is refused at its line", async () => {
    writeFileSync(join(dir, "contextp.yaml"), lexicon("paragraph"));
    writeFileSync(join(dir, "packp.yaml"), `code: "99006"\ntitle: Test\ncontext: contextp.yaml\n${rule}`);
    const e = await loadError(join(dir, "packp.yaml"));
    expect(e.message).toMatch(/contextp\.yaml:5:\d+: max_scope must be a whole number of words from 1 to 100, or "sentence"$/);
  });
});

describe("a qualifier on a group applies to each leaf in it", () => {
  const dir = mkdtempSync(join(tmpdir(), "cpt-check-group-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("'any' with one 'unless' vetoes both of its leaves", async () => {
    writeFileSync(
      join(dir, "pack.yaml"),
      'code: "99010"\ntitle: Test\nrules:\n  - id: join\n    title: Join\n    severity: error\n    message: Say it.\n    check:\n' +
        "      any:\n        - keyword: [sutured]\n        - regex: ['\\b10-0 nylon']\n      unless: { keyword: [abandoned] }\n      window: note\n      reason: abandoned\n",
    );
    const pack = await loadRulePack(join(dir, "pack.yaml"));
    expect(checkText("Sutured with 10-0 nylon.\n", { pack }).status).toBe("pass");
    const r = checkText("Sutured with 10-0 nylon.\n\nLater: the transfer was abandoned.\n", { pack }).rules[0]!;
    expect(r.status).toBe("fail");
    expect(new Set(r.ignored.map((i) => i.reason))).toEqual(new Set(["abandoned"]));
  });
});

describe("sides and other_side", () => {
  const dir = mkdtempSync(join(tmpdir(), "cpt-check-sides-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rule = "  - id: cause\n    title: Cause\n    severity: error\n    message: State it.\n    other_side: true\n    check:\n      keyword: [parotidectomy]\n";
  const sides = (affected: string) =>
    `sides:\n  left: { keyword: [left] }\n  right: { keyword: [right] }\n  affected: { keyword: [${affected}] }\n  reason: the other side\n`;
  it("ignores a mention in a clause of the other side only, with the pack's reason", async () => {
    writeFileSync(join(dir, "ok.yaml"), `code: "99007"\ntitle: Test\nterms:\n  palsy: [palsy, paralysis]\n${sides('"@palsy"')}rules:\n${rule}`);
    const pack = await loadRulePack(join(dir, "ok.yaml"));
    const r = checkText("Left palsy. Left palsy. Right parotidectomy in 2011.\n", { pack }).rules[0]!;
    expect(r.status).toBe("fail");
    expect(r.ignored.map((i) => i.reason)).toEqual(["the other side"]);
    expect(checkText("Left palsy. Left palsy. Left parotidectomy in 2011 for a tumour found after a right ear infection.\n", { pack }).status).toBe("pass");
  });
  it("a rule that sets other_side in a pack without sides is refused at its key", async () => {
    writeFileSync(join(dir, "nosides.yaml"), `code: "99008"\ntitle: Test\nrules:\n${rule}`);
    const e = await loadError(join(dir, "nosides.yaml"));
    expect(e.message).toMatch(/nosides\.yaml:8:5: rule "cause" sets other_side but the pack has no sides$/);
  });
  it("an unknown @term in sides is refused at its entry", async () => {
    writeFileSync(join(dir, "badterm.yaml"), `code: "99009"\ntitle: Test\n${sides('"@nothing"')}rules:\n${rule}`);
    const e = await loadError(join(dir, "badterm.yaml"));
    expect(e.message).toMatch(/badterm\.yaml:6:\d+: sides uses "@nothing" but the pack has no terms\.nothing$/);
  });
});

describe("only_after_last: a rule's mentions before the last section that opens with a marker are ignored", () => {
  const dir = mkdtempSync(join(tmpdir(), "cpt-check-after-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "pack.yaml"),
    'code: "99003"\ntitle: Test\nrules:\n  - id: course\n    title: Course\n    severity: error\n    message: Say how it went.\n' +
      "    only_after_last:\n      when: { keyword: [operation b] }\n      opens_section: true\n      reason: before operation b\n" +
      "    check:\n      keyword: [went home]\n",
  );
  it("ignores a mention before a section that opens with the marker, with the marker's reason", async () => {
    const pack = await loadRulePack(join(dir, "pack.yaml"));
    const r = checkText("Procedure: operation a.\nHe went home.\n\nProcedure: operation b.\nPlan: review.\n", { pack }).rules[0]!;
    expect(r.status).toBe("fail");
    expect(r.ignored.map((i) => i.reason)).toEqual(["before operation b"]);
  });
  it("counts a mention after it, and every mention when the marker opens no section or is not affirmed", async () => {
    const pack = await loadRulePack(join(dir, "pack.yaml"));
    expect(checkText("Procedure: operation a.\n\nProcedure: operation b.\nHe went home.\n", { pack }).status).toBe("pass");
    expect(checkText("Procedure: operation a.\nHe went home.\n", { pack }).status).toBe("pass");
    expect(checkText("Procedure: operation a.\nHe went home. Later, operation b was talked of.\n", { pack }).status).toBe("pass");
    expect(checkText("He went home.\n\nProcedure: no operation b was done.\n", { pack }).status).toBe("pass");
  });
});

describe("broken rule files: file:line:column: message", () => {
  const BROKEN = resolve("fixtures/rules-broken");
  // Lines and columns checked by hand against the fixture files (1-based; column of the node).
  it.each([
    { file: "yaml-syntax-error.yaml", line: 2, col: 8, message: /^YAML syntax error: / },
    { file: "unknown-key.yaml", line: 7, col: 5, message: /^rules\[0\]: unknown key "mesage" \(did you mean "message"\?\)$/ },
    { file: "wrong-type.yaml", line: 9, col: 16, message: /^keyword must be a list$/ },
    { file: "unknown-matcher.yaml", line: 9, col: 7, message: /^check: unknown key "keywrd" \(did you mean "keyword"\?\)$/ },
    { file: "duplicate-id.yaml", line: 10, col: 5, message: /^duplicate rule id "one" \(first defined at fixtures\/rules-broken\/duplicate-id\.yaml:4:5\)$/ },
    { file: "empty-pattern.yaml", line: 9, col: 28, message: /^keyword\[1\] must not be empty$/ },
    { file: "invalid-regex.yaml", line: 9, col: 15, message: /^regex\[0\]: invalid regular expression \(.*\)$/ },
    { file: "catastrophic-regex.yaml", line: 11, col: 11, message: /^regex\[1\]: nested quantifiers .*catastrophically$/ },
    { file: "empty.yaml", line: 1, col: 1, message: /^the file is empty$/ },
    { file: "bad-severity.yaml", line: 6, col: 15, message: /^severity must be one of error, warning \(did you mean "error"\?\)$/ },
    { file: "two-matchers.yaml", line: 9, col: 7, message: /^check has keyword and regex: use only one/ },
    { file: "missing-check.yaml", line: 4, col: 5, message: /^rules\[0\]: missing required key "check"$/ },
    { file: "folder-duplicate-id", at: "folder-duplicate-id/b-cause.yaml", line: 2, col: 1, message: /^duplicate rule id "cause" \(first defined at fixtures\/rules-broken\/folder-duplicate-id\/a-cause\.yaml:1:1\)$/ },
  ])("$file → $line:$col", async ({ file, at, line, col, message }) => {
    const e = await loadError(join(BROKEN, file));
    const shown = relative(process.cwd(), join(BROKEN, at ?? file));
    const prefix = `${shown}:${line}:${col}: `;
    expect(e.message.startsWith(prefix), `${e.message} should start with ${prefix}`).toBe(true);
    expect(e.message.slice(prefix.length)).toMatch(message);
    expect(e.message).not.toMatch(/\n/);
    expect(e.exitCode).toBe(2);
  });

  it("a file that is not .yaml in a rule folder is refused, not skipped", async () => {
    const e = await loadError(join(BROKEN, "folder-with-txt"));
    const shown = relative(process.cwd(), join(BROKEN, "folder-with-txt/notes.txt"));
    expect(e.message).toBe(`${shown}:1:1: not a rule file (expected .yaml or .yml)`);
  });

  it("a qualifier inside a part of a near match, which would be ignored, is refused at its line", async () => {
    const e = await loadError(join(BROKEN, "near-part-qualifier.yaml"));
    expect(e.message).toBe(
      'fixtures/rules-broken/near-part-qualifier.yaml:14:15: rule "one": "unless" has no effect on a part of "near" (a part is a matcher, or an "any" of matchers)',
    );
  });

  it("an unknown @term is refused, naming the term", async () => {
    const e = await loadError(join(BROKEN, "unknown-term-ref.yaml"));
    expect(e.message).toMatch(/^fixtures\/rules-broken\/unknown-term-ref\.yaml:\d+:\d+: rule "one" uses "@hypoglosal" but the pack has no terms\.hypoglosal$/);
  });

  it.todo('an unterminated quote is reported at the end of the file (yaml-unterminated-quote.yaml:7:1) instead of where the string starts (5:12)');
  it("an unknown @term is reported at the list entry that names it", async () => {
    const e = await loadError(join(BROKEN, "unknown-term-ref.yaml"));
    expect(e.message).toMatch(/^fixtures\/rules-broken\/unknown-term-ref\.yaml:11:31: /);
  });
});

describe("asciiJson (the build cache's encoding)", () => {
  it("writes only ASCII and reads back, read byte for byte, to the same value", () => {
    const value = { dash: "House–Brackmann", quote: "Bell’s palsy", astral: "𝐇𝐁 😀", nested: [{ é: "ü" }], plain: "a\\b\"c" };
    const text = asciiJson(value);
    expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    expect(JSON.parse(Buffer.from(text, "latin1").toString("latin1"))).toEqual(value);
  });
});
