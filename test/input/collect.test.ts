import { constants, promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectInputs, type CollectOptions, type InputEntry } from "../../src/input/collect.ts";
import { UserError } from "../../src/types.ts";
import { makeTempDir, removeTempDir, tryMkfifo, writeTree } from "./helpers.ts";

let root: string;
let hasFifo = false;

beforeAll(async () => {
  root = await makeTempDir();
  await writeTree(root, {
    "notes/a.txt": "note a",
    "notes/B.TXT": "note b",
    "notes/readme.md": "# readme",
    "notes/other.md": "other",
    "notes/image.png": "png",
    "notes/sub/c.txt": "note c",
    "notes/sub/deep/d.txt": "note d",
    "notes/drafts/g.txt": "draft g",
    "notes/.hidden/e.txt": "hidden",
    "notes/.dot.txt": "dot file",
    "notes/node_modules/pkg/f.txt": "dependency",
    "onlymd/x.md": "markdown",
    "top.txt": "top",
    "top.log": "log",
    "broken/ok.txt": "ok",
    "special/ok.txt": "ok",
    "ig/.cptcheckignore": "\uFEFFdrafts/\n# drafts and secrets are not submitted\nsecret-*.txt\n", // BOM: Notepad writes one
    "ig/other.ignore": "a.txt\n",
    "ig/notes/a.txt": "a",
    "ig/notes/secret-1.txt": "secret",
    "ig/notes/drafts/b.txt": "b",
    "ig/notes/keep/c.txt": "c",
    "literal/note[1].txt": "bracketed name",
  });
  await fs.mkdir(path.join(root, "empty"));
  await fs.symlink("a.txt", path.join(root, "notes/linkfile.txt")); // same note as a.txt
  await fs.symlink("sub", path.join(root, "notes/linkdir")); // folder link: not followed in walks
  await fs.symlink("notes/sub", path.join(root, "link-to-sub")); // named on the command line: followed
  await fs.symlink("nowhere.txt", path.join(root, "broken/dangling.txt"));
  await fs.symlink(".", path.join(root, "notes/sub/deep/loop")); // a loop must not hang anything
  hasFifo = tryMkfifo(path.join(root, "special/pipe.txt"));
});

afterAll(async () => {
  await removeTempDir(root);
});

/** Entries without `abs`, as compact [kind, path, error?] tuples for table comparisons. */
function simplify(entries: InputEntry[]): (string[])[] {
  return entries.map((e) => (e.kind === "error" ? ["error", e.path, e.error] : [e.kind, e.path]));
}

type Case = {
  name: string;
  args: string[];
  cwd?: string; // relative to root
  opts?: Partial<CollectOptions>;
  expected: (string | RegExp)[][];
};

const f = (p: string) => ["file", p];
const err = (p: string, e: string | RegExp) => ["error", p, e];

const cases: Case[] = [
  {
    name: "folder: nested *.txt, case-insensitive extension, no dot-entries, node_modules, folder links or duplicate links",
    args: ["notes"],
    expected: [f("notes/B.TXT"), f("notes/a.txt"), f("notes/drafts/g.txt"), f("notes/sub/c.txt"), f("notes/sub/deep/d.txt")],
  },
  { name: "--ext md", args: ["notes"], opts: { ext: ["md"] }, expected: [f("notes/other.md"), f("notes/readme.md")] },
  {
    name: "--ext with dots and stars, several extensions",
    args: ["notes/sub", "onlymd"],
    opts: { ext: [".TXT", "*.md"] },
    expected: [f("notes/sub/c.txt"), f("notes/sub/deep/d.txt"), f("onlymd/x.md")],
  },
  { name: "glob in one folder (case-sensitive, symlinked duplicate dropped)", args: ["notes/*.txt"], expected: [f("notes/a.txt")] },
  {
    name: "recursive glob prefers real paths over folder links, skips dot-dirs and node_modules",
    args: ["notes/**/*.txt"],
    expected: [f("notes/a.txt"), f("notes/drafts/g.txt"), f("notes/sub/c.txt"), f("notes/sub/deep/d.txt")],
  },
  { name: "glob not limited to --ext", args: ["top.*"], expected: [f("top.log"), f("top.txt")] },
  { name: "glob matching nothing", args: ["*.zzz"], expected: [err("*.zzz", "no files matched")] },
  { name: "existing literal name wins over glob reading", args: ["literal/note[1].txt"], expected: [f("literal/note[1].txt")] },
  { name: "missing path", args: ["nope.txt"], expected: [err("nope.txt", "no such file or directory")] },
  { name: "path through a file", args: ["top.txt/x.txt"], expected: [err("top.txt/x.txt", /^no such file or directory/)] },
  { name: "empty folder", args: ["empty"], expected: [err("empty", /^no files matched \(searched for \*\.txt\)/)] },
  { name: "folder without the extension", args: ["onlymd"], expected: [err("onlymd", /^no files matched/)] },
  { name: "explicit file with another extension is checked", args: ["top.log"], expected: [f("top.log")] },
  {
    name: "order of arguments preserved; dedup keeps the first position",
    args: ["notes/sub/deep/d.txt", "top.txt", "notes/sub", "./top.txt", "-", "nope", "-", path.join("notes", "linkfile.txt"), "notes/a.txt"],
    expected: [
      f("notes/sub/deep/d.txt"),
      f("top.txt"),
      f("notes/sub/c.txt"),
      ["stdin", "-"],
      err("nope", "no such file or directory"),
      f("notes/linkfile.txt"),
    ],
  },
  { name: "the same missing path reported once", args: ["nope", "nope"], expected: [err("nope", "no such file or directory")] },
  { name: "folder symlink named on the command line is followed", args: ["link-to-sub"], expected: [f("link-to-sub/c.txt"), f("link-to-sub/deep/d.txt")] },
  {
    name: "a folder and a link to it: each note once (real paths resolved per folder)",
    args: ["notes/sub", "link-to-sub", "notes/sub/deep/d.txt"],
    expected: [f("notes/sub/c.txt"), f("notes/sub/deep/d.txt")],
  },
  { name: "'.' inside a folder", args: ["."], cwd: "notes/sub", expected: [f("c.txt"), f("deep/d.txt")] },
  { name: "file outside cwd shown absolute", args: ["../../top.txt"], cwd: "notes/sub", expected: [["file", "<root>/top.txt"]] },
  {
    name: "dangling symlink in a walk is an error, the rest goes on",
    args: ["broken"],
    expected: [err("broken/dangling.txt", "dangling symbolic link"), f("broken/ok.txt")],
  },
  { name: "dangling symlink named", args: ["broken/dangling.txt"], expected: [err("broken/dangling.txt", "dangling symbolic link")] },
  // .cptcheckignore and --ignore-pattern (cwd = ig)
  { name: ".cptcheckignore in a walk", cwd: "ig", args: ["notes"], expected: [f("notes/a.txt"), f("notes/keep/c.txt")] },
  { name: ".cptcheckignore on glob results", cwd: "ig", args: ["notes/**/*.txt"], expected: [f("notes/a.txt"), f("notes/keep/c.txt")] },
  { name: "explicitly named ignored file is checked", cwd: "ig", args: ["notes/secret-1.txt"], expected: [f("notes/secret-1.txt")] },
  { name: "--ignore-pattern adds to the file", cwd: "ig", args: ["notes"], opts: { ignorePatterns: ["keep/"] }, expected: [f("notes/a.txt")] },
  {
    name: "--ignore-pattern negation",
    cwd: "ig",
    args: ["notes"],
    opts: { ignorePatterns: ["!secret-1.txt"] },
    expected: [f("notes/a.txt"), f("notes/keep/c.txt"), f("notes/secret-1.txt")],
  },
  {
    name: "another ignore file replaces .cptcheckignore",
    cwd: "ig",
    args: ["notes"],
    opts: { ignoreFile: "other.ignore" },
    expected: [f("notes/drafts/b.txt"), f("notes/keep/c.txt"), f("notes/secret-1.txt")],
  },
  { name: "a folder whose files are all ignored", cwd: "ig", args: ["notes/drafts"], expected: [err("notes/drafts", /^no files matched \(matching files are excluded/)] },
  { name: "a glob whose files are all ignored", cwd: "ig", args: ["notes/secret-*"], expected: [err("notes/secret-*", /^no files matched \(matching files are excluded/)] },
  {
    name: "a walk from above cwd: files under cwd are shown relative and ignore rules apply to them",
    cwd: "ig/notes",
    args: [".."],
    opts: { ignorePatterns: ["secret-*.txt", "keep/"] },
    expected: [f("a.txt"), f("drafts/b.txt")],
  },
  {
    name: "a walk from outside cwd shows absolute paths and ignores nothing",
    cwd: "ig/notes/keep",
    args: ["../../../notes/sub"],
    opts: { ignorePatterns: ["*.txt", "c.txt"] },
    expected: [["file", "<root>/notes/sub/c.txt"], ["file", "<root>/notes/sub/deep/d.txt"]],
  },
  { name: "ignore rules do not apply outside cwd", cwd: "ig/notes", args: ["../../notes/sub"], opts: { ignorePatterns: ["*.txt"] }, expected: [["file", "<root>/notes/sub/c.txt"], ["file", "<root>/notes/sub/deep/d.txt"]] },
];

describe("collectInputs", () => {
  it.each(cases)("$name", async ({ args, cwd, opts, expected }) => {
    const entries = await collectInputs(args, { ext: ["txt"], ignorePatterns: [], ...opts, cwd: path.join(root, cwd ?? "") });
    const got = simplify(entries);
    const want = expected.map((row) => row.map((x) => (typeof x === "string" ? x.replace("<root>", root) : x)));
    expect(got).toHaveLength(want.length);
    want.forEach((row, i) => {
      expect(got[i]!.slice(0, 2)).toEqual(row.slice(0, 2));
      if (row[2] !== undefined) expect(got[i]![2]).toMatch(row[2] as string | RegExp);
    });
    for (const e of entries) {
      if (e.kind === "file") {
        expect(path.isAbsolute(e.abs)).toBe(true);
        expect(e.path).not.toContain("\\");
      }
    }
  });

  it("accepts an absolute path and shows it relative to cwd", async () => {
    const entries = await collectInputs([path.join(root, "notes/sub/c.txt")], { ext: ["txt"], ignorePatterns: [], cwd: root });
    expect(entries).toEqual([{ kind: "file", path: "notes/sub/c.txt", abs: path.join(root, "notes/sub/c.txt") }]);
  });

  it("defaults ext to txt when it is not given", async () => {
    const entries = await collectInputs(["notes/sub"], { ext: undefined as unknown as string[], ignorePatterns: [], cwd: root });
    expect(simplify(entries)).toEqual([f("notes/sub/c.txt"), f("notes/sub/deep/d.txt")]);
  });

  it("throws a UserError for a named ignore file that does not exist", async () => {
    const p = collectInputs(["notes"], { ext: ["txt"], ignorePatterns: [], cwd: root, ignoreFile: "missing.ignore" });
    await expect(p).rejects.toBeInstanceOf(UserError);
    await expect(p).rejects.toThrow(/cannot read ignore file missing\.ignore: no such file or directory/);
  });

  it("error messages never contain note text", async () => {
    const entries = await collectInputs(["nope", "empty", "broken", "*.zzz"], { ext: ["txt"], ignorePatterns: [], cwd: root });
    for (const e of entries) if (e.kind === "error") expect(e.error).not.toMatch(/note|ok/);
  });
});

describe("collectInputs with a FIFO", () => {
  // If anything opened the FIFO for reading without O_NONBLOCK, the test would hang (and time out).
  it("reports it as not a regular file, in a walk and when named, and never opens it", { timeout: 5000 }, async (ctx) => {
    if (!hasFifo) ctx.skip();
    const entries = await collectInputs(["special", "special/pipe.txt", "special/*.txt"], { ext: ["txt"], ignorePatterns: [], cwd: root });
    expect(simplify(entries)).toEqual([
      f("special/ok.txt"),
      err("special/pipe.txt", "not a regular file (FIFO)"),
    ]);
    // Opening the write end without blocking fails with ENXIO exactly when no reader has it open.
    await expect(fs.open(path.join(root, "special/pipe.txt"), constants.O_WRONLY | constants.O_NONBLOCK)).rejects.toMatchObject({
      code: "ENXIO",
    });
  });
});
