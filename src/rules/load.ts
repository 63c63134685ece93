/**
 * Loading rule packs: a built-in code ("64868" → rules/64868.yaml or rules/64868/), a YAML file, or
 * a folder holding pack.yaml and one file per rule (Vale's layout). Every file is validated
 * against its schema; errors name file, line and column.
 */
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { CACHE_DIR, PACKAGE_ROOT, RULES_DIR } from "../paths.js";
import type { ContextLexiconSpec } from "../context/lexicon.js";
import type { TextLexicons } from "../text/document.js";
import { UserError } from "../types.js";
import { knownStems, primeStems } from "../matchers/stem.js";
import { knownPatternShapes, primePatternShapes, type PatternShape } from "../matchers/regex.js";
import { knownTermWords, primeTermWords, termWords } from "../text/tokenize.js";
import { compileLexicons, compilePack, type RulePack, type SectionLexiconSpec, type TextSpec } from "./compile.js";
import { contextSchema, packSchema, ruleSchema, sectionsSchema, textSchema } from "./schemas.js";
import { SourceFile, validate, type Schema } from "./schema.js";
import type { PackSpec, RuleSpec } from "./spec.js";

export const BUILTIN_RULES_DIR = RULES_DIR;

export function builtinCodes(): string[] {
  return readdirSync(BUILTIN_RULES_DIR)
    .filter((f) => f !== "common" && !f.startsWith("."))
    .map((f) => f.replace(/\.ya?ml$/, ""))
    .sort();
}

/** Resolve a code or path to the pack's file or folder. */
export function resolvePackPath(codeOrPath: string): string {
  const looksLikePath = /[\\/]|\.ya?ml$/i.test(codeOrPath);
  if (looksLikePath) {
    const p = resolve(codeOrPath);
    if (!existsSync(p)) throw new UserError(`rule pack not found: ${codeOrPath}`);
    return p;
  }
  for (const candidate of [`${codeOrPath}.yaml`, `${codeOrPath}.yml`, codeOrPath]) {
    const p = join(BUILTIN_RULES_DIR, candidate);
    if (existsSync(p)) return p;
  }
  throw new UserError(`unknown code "${codeOrPath}": no rule pack for it (available: ${builtinCodes().join(", ")})`);
}

type Yaml = typeof import("yaml");
const require = createRequire(import.meta.url);
let yamlModule: Yaml | undefined;
/** The YAML parser is loaded on first use: a pack served from the build cache never needs it. */
function yaml(): Yaml {
  return (yamlModule ??= require("yaml") as Yaml);
}

function parseYamlFile(Y: Yaml, file: string, display: string): { src: SourceFile; node: import("yaml").Node | null } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UserError(`${display}: cannot read rule file (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const lineCounter = new Y.LineCounter();
  const doc = Y.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const src = new SourceFile(display, lineCounter);
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const msg = first.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new UserError(`${display}:${line}:${col}: YAML syntax error: ${msg}`);
  }
  return { src, node: doc.contents as import("yaml").Node | null };
}

function loadValidated<T>(Y: Yaml, file: string, schema: Schema, what: string): { value: T; src: SourceFile; node: import("yaml").Node | null } {
  const display = displayPath(file);
  const { src, node } = parseYamlFile(Y, file, display);
  if (node === null) throw new UserError(`${display}:1:1: the file is empty`);
  return { value: validate(src, node, schema, what) as T, src, node };
}

function displayPath(file: string): string {
  const rel = file.startsWith(process.cwd() + "/") ? file.slice(process.cwd().length + 1) : file;
  return rel;
}

export async function loadRulePack(codeOrPath: string): Promise<RulePack> {
  return loadRulePackSync(codeOrPath);
}

export function loadRulePackSync(codeOrPath: string): RulePack {
  const path = resolvePackPath(codeOrPath);
  const cached = readCache(path);
  const source = cached ?? readPackSource(path);
  return compileSource(source);
}

/** A pack as validated data: what the build cache stores, and what compiles into matchers. */
export interface PackSource {
  display: string;
  spec: PackSpec;
  context: ContextLexiconSpec;
  sections: SectionLexiconSpec;
  text: TextSpec;
  /** Every file read, for the cache's freshness check. */
  files: string[];
}

const lexiconCache = new Map<string, TextLexicons>();

export function compileSource(source: PackSource): RulePack {
  // The last three files are the lexicons; packs sharing them share one compiled copy.
  const key = source.files.slice(-3).join("\0");
  let lexicons = lexiconCache.get(key);
  if (!lexicons) {
    lexicons = compileLexicons(source.context, source.sections, source.text);
    lexiconCache.set(key, lexicons);
  }
  return compilePack(source.spec, lexicons, source.display);
}

/** Parse and validate a pack and its lexicons from YAML. */
export function readPackSource(path: string): PackSource {
  const Y = yaml();
  const isDir = statSync(path).isDirectory();
  const packFile = isDir ? join(path, "pack.yaml") : path;
  if (isDir && !existsSync(packFile)) throw new UserError(`${displayPath(path)}: a rule folder needs a pack.yaml`);
  const files = [packFile];
  const { value: spec, src, node } = loadValidated<PackSpec>(Y, packFile, packSchema, "rule pack");
  spec.rules = spec.rules ?? [];
  const ruleNodes: { rule: RuleSpec; src: SourceFile; node: import("yaml").Node | null }[] = [];
  if (isMap(node)) {
    const rulesNode = node.get("rules", true);
    if (rulesNode && "items" in rulesNode) {
      (rulesNode.items as import("yaml").Node[]).forEach((n, i) => ruleNodes.push({ rule: spec.rules[i]!, src, node: n }));
    }
  }
  if (isDir) {
    for (const f of readdirSync(path).sort()) {
      if (f === "pack.yaml" || f.startsWith(".")) continue;
      const full = join(path, f);
      if (statSync(full).isDirectory()) continue;
      if (!/\.ya?ml$/i.test(f)) {
        // Vale silently ignores such files; a rule that never runs is worse than an error.
        throw new UserError(`${displayPath(full)}:1:1: not a rule file (expected .yaml or .yml)`);
      }
      const r = loadValidated<RuleSpec>(Y, full, ruleSchema, "rule");
      spec.rules.push(r.value);
      ruleNodes.push({ rule: r.value, src: r.src, node: r.node });
      files.push(full);
    }
  }
  const seen = new Map<string, string>();
  for (const { rule, src: s, node: n } of ruleNodes) {
    if (seen.has(rule.id)) throw s.error(n, `duplicate rule id "${rule.id}" (first defined at ${seen.get(rule.id)})`);
    const pos = s.lines.linePos(n?.range?.[0] ?? 0);
    seen.set(rule.id, `${s.file}:${pos.line}:${pos.col}`);
  }
  if (spec.rules.length === 0) throw src.error(node, "the pack has no rules");
  checkTermRefs(spec, ruleNodes);
  checkNearParts(ruleNodes);
  checkSides(spec, src, node, ruleNodes);

  const base = dirname(packFile);
  const lexFile = (p: string | undefined, name: string) => (p ? resolve(base, p) : join(BUILTIN_RULES_DIR, "common", name));
  const lexFiles = [lexFile(spec.context, "context.yaml"), lexFile(spec.sections, "sections.yaml"), lexFile(spec.text, "text.yaml")] as const;
  files.push(...lexFiles);
  return {
    display: displayPath(path),
    spec,
    context: loadValidated<ContextLexiconSpec>(Y, lexFiles[0], contextSchema, "context lexicon").value,
    sections: loadValidated<SectionLexiconSpec>(Y, lexFiles[1], sectionsSchema, "section lexicon").value,
    text: loadValidated<TextSpec>(Y, lexFiles[2], textSchema, "text lexicon").value,
    files,
  };
}

/** The built-in lexicons (rules/common), for assessContext. */
let builtinLexicons: TextLexicons | undefined;
export function loadLexicons(): TextLexicons {
  return (builtinLexicons ??= loadRulePackSync(builtinCodes()[0]!).lexicons);
}

/*
 * Build cache: `npm run build` stores each built-in pack as validated JSON (dist/packs), so a
 * single-note run neither loads the YAML parser nor re-validates; a cache older than any of its
 * source files is ignored, so an edited rule file is always what runs.
 */
export { CACHE_DIR };

interface CacheFile {
  /** Each source file's path inside the package and its length in bytes. */
  stamps: [string, number][];
  source: PackSource;
  /** Stems of the pack's terms, so that loading does not run the stemmer. */
  stems?: Record<string, string>;
  /** The pack's terms as words, so that loading does not tokenize them. */
  terms?: Record<string, string[]>;
  /** What the regex matcher reads from each pattern's source (see patternShape). */
  patterns?: Record<string, PatternShape>;
}

/**
 * The cache is used only while its source files are byte for byte what it was built from: the
 * bytes are kept beside it (`.src`, the files one after another) and compared, natively. Content,
 * not modification time, because npm resets file times when it packs and installs; a comparison,
 * not a hash, because it is exact and needs no hashing module loaded on every start (node:crypto
 * cost a one-note run ~4 ms, node:zlib ~1 ms). This guards against edits, not against attackers,
 * who could edit the rules themselves.
 */
function sourcesUnchanged(stamps: readonly [string, number][], kept: Buffer): boolean {
  let at = 0;
  for (const [f, length] of stamps) {
    const bytes = readFileSync(resolve(PACKAGE_ROOT, f));
    if (bytes.length !== length || at + length > kept.length || !bytes.equals(kept.subarray(at, at + length))) return false;
    at += length;
  }
  return at === kept.length;
}

function cachePath(path: string): string | null {
  if (dirname(path) + "/" !== BUILTIN_RULES_DIR && dirname(path) !== BUILTIN_RULES_DIR.replace(/\/$/, "")) return null;
  return join(CACHE_DIR, `${path.slice(BUILTIN_RULES_DIR.length).replace(/[\\/]/g, "_")}.json`);
}

function readCache(path: string): PackSource | null {
  const file = cachePath(path);
  if (!file) return null;
  try {
    // Written in ASCII (see writeCaches): read byte for byte, it is a one-byte string, which
    // V8 reads and parses faster than text decoded from UTF-8.
    const data = JSON.parse(readFileSync(file, "latin1")) as CacheFile;
    if (!sourcesUnchanged(data.stamps, readFileSync(`${file}.src`))) return null;
    if (data.stems) primeStems(data.stems);
    if (data.terms) primeTermWords(data.terms);
    if (data.patterns) primePatternShapes(data.patterns);
    return data.source;
  } catch {
    return null; // no cache, or a stale or unreadable one: read the YAML
  }
}

/** JSON with every character beyond ASCII written as a \\u escape. */
export function asciiJson(data: unknown): string {
  return JSON.stringify(data).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Every term a pack's keyword, stem and fuzzy lists and its named term lists hold. */
export function termStrings(spec: PackSpec): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(spec.terms ?? {})) for (const t of list) out.add(t);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if ((key === "keyword" || key === "stem" || key === "fuzzy") && Array.isArray(v)) {
          for (const t of v) if (typeof t === "string" && !t.startsWith("@")) out.add(t);
        } else walk(v);
      }
    }
  };
  walk(spec.rules);
  return out;
}

export function writeCaches(): string[] {
  mkdirSync(CACHE_DIR, { recursive: true });
  const written: string[] = [];
  for (const code of builtinCodes()) {
    const path = resolvePackPath(code);
    const source = readPackSource(path);
    const out = cachePath(path)!;
    compileSource(source); // stems every term once, for the cache below
    // Keyword phrases are made when a matcher is first searched (KeywordTable), so compiling no
    // longer reads their terms: read them here, so that the cache holds their words too and a
    // one-note run does not tokenize them (a term such as "Möbius" also made it build the
    // Unicode character classes, ~1 ms).
    for (const term of termStrings(source.spec)) termWords(term);
    const bytes = source.files.map((f) => readFileSync(f));
    const stamps = source.files.map((f, i): [string, number] => [relative(PACKAGE_ROOT, f), bytes[i]!.length]);
    const data: CacheFile = { stamps, source, stems: knownStems(), terms: knownTermWords(), patterns: knownPatternShapes() };
    writeFileSync(`${out}.src`, Buffer.concat(bytes));
    writeFileSync(out, asciiJson(data));
    written.push(out);
  }
  return written;
}

function isMap(n: unknown): n is import("yaml").YAMLMap {
  return typeof n === "object" && n !== null && "items" in n && "get" in n;
}

/** Keys a part of a near match may have: a matcher and its own options, or an `any` of such parts. */
const NEAR_PART_KEYS = new Set(["name", "keyword", "stem", "fuzzy", "regex", "near", "within", "match_case", "max_edits", "min_length", "any"]);

/**
 * A near match finds each part by its words alone: a part is a matcher or an `any` of matchers.
 * Anything else there (`all`, `with`, `unless`, `sections`...) would be ignored, so it is refused,
 * at its position.
 */
function checkNearParts(ruleNodes: { rule: RuleSpec; src: SourceFile; node: import("yaml").Node | null }[]): void {
  const Y = yaml();
  const checkPart = (s: SourceFile, rule: RuleSpec, part: unknown): void => {
    if (!isMap(part)) return;
    for (const pair of part.items) {
      const key = (pair.key as { value?: unknown } | null)?.value;
      if (typeof key === "string" && !NEAR_PART_KEYS.has(key)) {
        throw s.error(pair.key as import("yaml").Node, `rule "${rule.id}": "${key}" has no effect on a part of "near" (a part is a matcher, or an "any" of matchers)`);
      }
      if (key === "any" && Y.isSeq(pair.value)) for (const item of pair.value.items) checkPart(s, rule, item);
    }
  };
  for (const { rule, src: s, node: n } of ruleNodes) {
    if (!n) continue;
    Y.visit(n, {
      Pair(_key, pair) {
        if ((pair.key as { value?: unknown } | null)?.value === "near" && Y.isSeq(pair.value)) {
          for (const item of pair.value.items) checkPart(s, rule, item);
        }
      },
    });
  }
}

/** Every "@name" in a term list must name a list under `terms:`. */
function checkTermRefs(
  spec: PackSpec,
  ruleNodes: { rule: RuleSpec; src: SourceFile; node: import("yaml").Node | null }[],
): void {
  const terms = spec.terms ?? {};
  const Y = yaml();
  for (const { rule, src: s, node: n } of ruleNodes) {
    if (!n) continue;
    // Report at the list entry that names the missing list.
    Y.visit(n, {
      Scalar(_key, scalar) {
        const v = scalar.value;
        if (typeof v === "string" && /^@[\w-]+$/.test(v) && !(v.slice(1) in terms)) {
          throw s.error(scalar, `rule "${rule.id}" uses "${v}" but the pack has no terms.${v.slice(1)}`);
        }
      },
    });
  }
}

/**
 * A rule that sets `other_side` needs the pack's `sides` (it would never ignore anything without
 * them), and every "@name" in `sides` must name a list under `terms:`.
 */
function checkSides(
  spec: PackSpec,
  src: SourceFile,
  packNode: import("yaml").Node | null,
  ruleNodes: { rule: RuleSpec; src: SourceFile; node: import("yaml").Node | null }[],
): void {
  const Y = yaml();
  if (!spec.sides) {
    for (const { rule, src: s, node: n } of ruleNodes) {
      if (rule.other_side && isMap(n)) {
        const at = n.items.find((p) => (p.key as { value?: unknown } | null)?.value === "other_side");
        throw s.error((at?.key as import("yaml").Node) ?? n, `rule "${rule.id}" sets other_side but the pack has no sides`);
      }
    }
    return;
  }
  const sidesNode = isMap(packNode) ? packNode.get("sides", true) : null;
  if (!sidesNode) return;
  const terms = spec.terms ?? {};
  Y.visit(sidesNode as import("yaml").Node, {
    Scalar(_key, scalar) {
      const v = scalar.value;
      if (typeof v === "string" && /^@[\w-]+$/.test(v) && !(v.slice(1) in terms)) {
        throw src.error(scalar, `sides uses "${v}" but the pack has no terms.${v.slice(1)}`);
      }
    },
  });
}
