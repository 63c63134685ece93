/**
 * Turns the command line's `<path...>` into an ordered list of inputs: files, standard input, and
 * per-argument errors. Nothing here opens a note: only lstat/stat/readdir/realpath are used, so a
 * FIFO or device named on the command line can never block the batch (SPEC: "A batch never stops
 * at a bad file" — a bad argument becomes an error entry and the rest goes on).
 *
 * The calls are synchronous: a command line has nothing else to do meanwhile, and each
 * asynchronous call is a round trip through libuv's thread pool (starting it, for a one-note
 * run), which cost a hook's cold start ~4 ms for a single file.
 */
const fs = {
  stat: (p: string) => statSync(p),
  lstat: (p: string) => lstatSync(p),
  realpath: (p: string) => realpathSync.native(p),
  readdir: (p: string) => readdirSync(p, { withFileTypes: true }),
  readFile: (p: string) => readFileSync(p, "utf8"),
};
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Ignore } from "ignore";
const require = createRequire(import.meta.url);
// Loaded with require (a CommonJS package), and only when a folder or pattern is expanded.
const ignore = (): Ignore => (require("ignore") as () => Ignore)();
// tinyglobby is loaded only when an argument is a pattern: a hook checking one file never pays for it.
const globber = () => import("tinyglobby");
import { UserError } from "../types.js";
import { describeFsError, errnoCode, notRegularReason, type FileTypeInfo } from "./fs-errors.js";

export type InputEntry =
  /** `path` is what the user expects to see: relative to cwd when under it, forward slashes. */
  | { kind: "file"; path: string; abs: string }
  | { kind: "stdin"; path: "-" }
  /** `error` never contains note text; `path` is the argument as typed or the found path. */
  | { kind: "error"; path: string; error: string };

export interface CollectOptions {
  /** Extensions searched for inside folders, without the dot, case-insensitive. */
  ext?: string[];
  /** Extra gitignore-style patterns (`--ignore-pattern`), relative to cwd. */
  ignorePatterns?: string[];
  cwd: string;
  /** Defaults to `.cptcheckignore` in cwd, which may be absent; a named file must exist. */
  ignoreFile?: string;
}

export const DEFAULT_EXTENSIONS: readonly string[] = ["txt"];
export const IGNORE_FILE_NAME = ".cptcheckignore";

/** A found file; `real` is the dedup key, so a note reached through a symlink is checked once. */
type FileFound = { kind: "file"; path: string; abs: string; real: string };
type Found = FileFound | { kind: "error"; path: string; error: string };

/** `a < b` by UTF-16 code units: stable across locales, unlike localeCompare. */
const byPath = (a: { path: string }, b: { path: string }): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

const toSlash = (p: string): string => (path.sep === "/" ? p : p.split(path.sep).join("/"));

/**
 * Expands arguments in order; dedups files (first position wins) and `-`. Throws only a UserError,
 * for an ignore file that is named but unreadable: that is configuration, not one bad input.
 */
export async function collectInputs(args: string[], opts: CollectOptions): Promise<InputEntry[]> {
  const cwd = path.resolve(opts.cwd);
  const ctx: Context = {
    cwd,
    realCwd: realpathOr(cwd),
    exts: normalizeExtensions(opts.ext),
    ig: await loadIgnore(cwd, opts),
    // (the matcher itself is built on first use: files named on the command line never need it)
  };

  const out: InputEntry[] = [];
  const seenFiles = new Set<string>();
  const seenErrors = new Set<string>();
  let stdinSeen = false;

  for (const arg of args) {
    if (arg === "-") {
      // Standard input can be read only once.
      if (!stdinSeen) out.push({ kind: "stdin", path: "-" });
      stdinSeen = true;
      continue;
    }
    for (const entry of await expandArg(arg, ctx)) {
      if (entry.kind === "file") {
        if (seenFiles.has(entry.real) || seenFiles.has(entry.abs)) continue;
        seenFiles.add(entry.real).add(entry.abs);
        out.push({ kind: "file", path: entry.path, abs: entry.abs });
      } else {
        const key = `${entry.path}\0${entry.error}`;
        if (seenErrors.has(key)) continue;
        seenErrors.add(key);
        out.push(entry);
      }
    }
  }
  return out;
}

interface Context {
  cwd: string;
  /** cwd with its own symlinks resolved, to tell a canonical path from one through a link. */
  realCwd: string;
  exts: string[];
  ig: () => Ignore;
}

function normalizeExtensions(exts: string[] | undefined): string[] {
  // Accept "txt", ".txt" and "*.txt" alike.
  const cleaned = (exts ?? [])
    .map((e) => e.trim().replace(/^\*?\./, "").toLowerCase())
    .filter((e) => e.length > 0);
  return cleaned.length > 0 ? cleaned : [...DEFAULT_EXTENSIONS];
}

async function loadIgnore(cwd: string, opts: CollectOptions): Promise<() => Ignore> {
  // Read now, so that an unreadable ignore file is reported whatever the arguments.
  const rules = await readIgnoreFile(cwd, opts.ignoreFile);
  let ig: Ignore | undefined;
  // The file's rules come first so that --ignore-pattern, added last, can override them ("!x").
  return () => (ig ??= ignore().add(rules).add(opts.ignorePatterns ?? []));
}

async function readIgnoreFile(cwd: string, named: string | undefined): Promise<string> {
  const file = path.resolve(cwd, named ?? IGNORE_FILE_NAME);
  const fail = (why: string) => new UserError(`cannot read ignore file ${displayPath(cwd, file)}: ${why}`);
  let stats;
  try {
    stats = fs.stat(file);
  } catch (err) {
    if (named === undefined && errnoCode(err) === "ENOENT") return "";
    throw fail(describeFsError(err));
  }
  // Checked before reading so that a FIFO named as the ignore file cannot hang start-up.
  const reason = notRegularReason(stats);
  if (reason !== undefined) throw fail(reason);
  try {
    return fs.readFile(file).replace(/^\uFEFF/, "");
  } catch (err) {
    throw fail(describeFsError(err));
  }
}

function realpathOr(p: string): string {
  try {
    return fs.realpath(p);
  } catch {
    return p;
  }
}

/** `abs` relative to cwd with forward slashes, when it lies under cwd ("" for cwd itself); else undefined. */
function under(cwd: string, abs: string): string | undefined {
  const rel = path.relative(cwd, abs);
  if (rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return toSlash(rel);
}

/** The path shown for `abs`: relative to cwd when under it, else absolute. */
function displayPath(cwd: string, abs: string): string {
  return shownPath(abs, under(cwd, abs));
}

/** displayPath from `rel = under(cwd, abs)`, which a folder walk works out once per folder, not per file. */
function shownPath(abs: string, rel: string | undefined): string {
  return rel === undefined || rel === "" ? toSlash(abs) : rel;
}

/** gitignore rules only speak about paths under cwd; anything outside is never ignored. */
function isIgnored(ctx: Context, abs: string, isDir: boolean): boolean {
  return isIgnoredUnder(ctx, under(ctx.cwd, abs), isDir);
}

/** isIgnored from `rel = under(ctx.cwd, abs)`. */
function isIgnoredUnder(ctx: Context, rel: string | undefined, isDir: boolean): boolean {
  if (rel === undefined || rel === "") return false;
  return ctx.ig().ignores(rel + (isDir ? "/" : ""));
}

/** `under(cwd, path.join(dirAbs, name))` from `under(cwd, dirAbs)`: a file of a folder outside cwd is outside it. */
function childUnder(dirRel: string | undefined, name: string): string | undefined {
  return dirRel === undefined ? undefined : dirRel === "" ? name : `${dirRel}/${name}`;
}

function hasExtension(ctx: Context, name: string): boolean {
  const lower = name.toLowerCase();
  return ctx.exts.some((e) => lower.length > e.length + 1 && lower.endsWith(`.${e}`));
}

/** `real`, when known, is the file's path with every symlink resolved (see walkDirectory). */
/** `shown`, when the caller has it, is `displayPath(ctx.cwd, abs)`. */
async function fileEntry(ctx: Context, abs: string, real?: string, shown?: string): Promise<FileFound> {
  if (real === undefined) {
    real = abs;
    try {
      real = fs.realpath(abs);
    } catch {
      // Dedup then falls back to the plain absolute path; reading will report any real problem.
    }
  }
  return { kind: "file", path: shown ?? displayPath(ctx.cwd, abs), abs, real };
}

/** stat through a symlink, naming the two ways a link can be broken. */
async function statLink(abs: string): Promise<{ stats: FileTypeInfo } | { error: string }> {
  try {
    return { stats: fs.stat(abs) };
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOENT" || code === "ENOTDIR") return { error: "dangling symbolic link" };
    return { error: describeFsError(err) };
  }
}

async function expandArg(arg: string, ctx: Context): Promise<Found[]> {
  const abs = path.resolve(ctx.cwd, arg);
  let stats: FileTypeInfo;
  try {
    stats = fs.lstat(abs);
  } catch (err) {
    const code = errnoCode(err);
    // A literal name wins over a pattern: `note[1].txt` that exists is that file.
    if ((code === "ENOENT" || code === "ENOTDIR") && (await globber()).isDynamicPattern(arg)) return expandGlob(arg, ctx);
    return [{ kind: "error", path: arg, error: describeFsError(err) }];
  }
  if (stats.isSymbolicLink()) {
    // The user named it, so a link on the command line is followed, to a file or a folder.
    const target = await statLink(abs);
    if ("error" in target) return [{ kind: "error", path: arg, error: target.error }];
    stats = target.stats;
  }
  if (stats.isDirectory()) return walkDirectory(arg, abs, ctx);
  const reason = notRegularReason(stats);
  if (reason !== undefined) return [{ kind: "error", path: arg, error: reason }];
  // Named explicitly: checked whatever its extension and whatever the ignore rules say.
  return [await fileEntry(ctx, abs)];
}

async function expandGlob(arg: string, ctx: Context): Promise<Found[]> {
  // tinyglobby wants forward slashes; node_modules is skipped unless the pattern asks for it.
  const pattern = toSlash(arg);
  let matches: string[];
  try {
    const { glob } = await globber();
    matches = await glob(pattern, {
      cwd: ctx.cwd,
      onlyFiles: true,
      dot: false,
      ignore: pattern.includes("node_modules") ? [] : ["**/node_modules/**"],
    });
  } catch {
    return [{ kind: "error", path: arg, error: "invalid glob pattern" }];
  }
  // tinyglobby follows folder symlinks (loop-safe), so one note can match twice: keep the path
  // that does not go through a link, as a directory walk would, else the first in sorted order.
  const best = new Map<string, { entry: FileFound; canonical: boolean }>();
  let ignored = 0;
  for (const m of matches.sort()) {
    const abs = path.resolve(ctx.cwd, m);
    if (isIgnored(ctx, abs, false)) {
      ignored++;
      continue;
    }
    const entry = await fileEntry(ctx, abs);
    const canonical = path.resolve(ctx.realCwd, m) === entry.real;
    const prev = best.get(entry.real);
    if (prev === undefined || (canonical && !prev.canonical)) best.set(entry.real, { entry, canonical });
  }
  if (best.size === 0) return [{ kind: "error", path: arg, error: noMatchMessage(ignored > 0) }];
  return [...best.values()].map((b) => b.entry).sort(byPath);
}

function noMatchMessage(someIgnored: boolean, exts?: string[]): string {
  if (someIgnored) return `no files matched (matching files are excluded by ${IGNORE_FILE_NAME} or --ignore-pattern)`;
  if (exts) return `no files matched (searched for ${exts.map((e) => `*.${e}`).join(", ")})`;
  return "no files matched";
}

/**
 * Recursive search for files with one of the extensions. Dot-entries and node_modules are skipped,
 * and symlinks to folders are not followed (no loops); a symlink to a file is taken.
 */
async function walkDirectory(arg: string, rootAbs: string, ctx: Context): Promise<Found[]> {
  const found: Found[] = [];
  let someIgnored = false;

  // A folder's real path is resolved once, and its plain files and subfolders (the walk follows
  // no symlinked folder) are that path and their name: one realpath per folder, not per file.
  const visit = async (dirAbs: string, dirReal: string | undefined): Promise<void> => {
    let dirents;
    try {
      dirents = fs.readdir(dirAbs);
    } catch (err) {
      // An unreadable subfolder is reported and the walk goes on.
      found.push({ kind: "error", path: dirAbs === rootAbs ? arg : displayPath(ctx.cwd, dirAbs), error: describeFsError(err) });
      return;
    }
    const dirRel = under(ctx.cwd, dirAbs);
    // path.join(dirAbs, name) without normalising again: dirAbs is normalised, a name has no separator.
    const prefix = dirAbs.endsWith(path.sep) ? dirAbs : dirAbs + path.sep;
    const realPrefix = dirReal === undefined || dirReal.endsWith(path.sep) ? dirReal : dirReal + path.sep;
    for (const d of dirents) {
      if (d.name.startsWith(".")) continue;
      const abs = prefix + d.name;
      let type: FileTypeInfo = d;
      if (!knownType(d)) {
        // Some file systems do not report types in readdir.
        try {
          type = fs.lstat(abs);
        } catch (err) {
          found.push({ kind: "error", path: displayPath(ctx.cwd, abs), error: describeFsError(err) });
          continue;
        }
      }
      if (type.isDirectory()) {
        if (d.name === "node_modules") continue;
        // Pruning is safe: as in git, a file cannot be re-included once its folder is excluded.
        if (isIgnored(ctx, abs, true)) {
          someIgnored = true;
          continue;
        }
        await visit(abs, dirReal === undefined ? undefined : realPrefix + d.name);
        continue;
      }
      if (!hasExtension(ctx, d.name)) continue;
      // A file's path relative to cwd is its folder's and its name (a directory may instead be
      // cwd or above it, so directories, fewer, take the full computation above).
      const rel = childUnder(dirRel, d.name);
      if (isIgnoredUnder(ctx, rel, false)) {
        someIgnored = true;
        continue;
      }
      const shown = shownPath(abs, rel);
      const link = type.isSymbolicLink();
      if (link) {
        const target = await statLink(abs);
        if ("error" in target) {
          found.push({ kind: "error", path: shown, error: target.error });
          continue;
        }
        if (target.stats.isDirectory()) continue; // not followed
        type = target.stats;
      }
      const reason = notRegularReason(type);
      if (reason !== undefined) found.push({ kind: "error", path: shown, error: reason });
      else found.push(await fileEntry(ctx, abs, link || dirReal === undefined ? undefined : realPrefix + d.name, shown));
    }
  };

  let rootReal: string | undefined;
  try {
    rootReal = fs.realpath(rootAbs);
  } catch {
    // resolved file by file then
  }
  await visit(rootAbs, rootReal);
  if (found.length === 0) return [{ kind: "error", path: arg, error: noMatchMessage(someIgnored, ctx.exts) }];
  return found.sort(byPath);
}

function knownType(t: FileTypeInfo): boolean {
  return (
    t.isFile() || t.isDirectory() || t.isSymbolicLink() || t.isFIFO() || t.isSocket() ||
    t.isCharacterDevice() || t.isBlockDevice()
  );
}
