/**
 * A small schema validator over the YAML syntax tree, so that every problem in a hand-edited rule
 * file is reported as `file:line:column: message` at the node that is wrong, with a "did you mean"
 * for misspelt keys. Produces plain data.
 */
import type { LineCounter, Node, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { createRequire } from "node:module";
import { UserError } from "../types.js";

const require = createRequire(import.meta.url);
// The YAML library is loaded only when a YAML file is validated (a cached pack never needs it).
type YamlGuards = { isMap(n: unknown): n is YAMLMap; isScalar(n: unknown): n is Scalar; isSeq(n: unknown): n is YAMLSeq };
const isMap = (n: unknown): n is YAMLMap => (require("yaml") as YamlGuards).isMap(n);
const isScalar = (n: unknown): n is Scalar => (require("yaml") as YamlGuards).isScalar(n);
const isSeq = (n: unknown): n is YAMLSeq => (require("yaml") as YamlGuards).isSeq(n);
const distance = (a: string, b: string): number =>
  (require("natural/lib/natural/distance/levenshtein_distance.js") as { LevenshteinDistance(a: string, b: string): number }).LevenshteinDistance(a, b);

export type Schema =
  | { type: "string"; nonEmpty?: boolean; enum?: readonly string[]; coerce?: boolean; check?: (s: string) => string | null }
  | { type: "number"; min?: number; max?: number; integer?: boolean }
  | { type: "array"; items: Schema; minItems?: number }
  | {
      type: "object";
      props?: Record<string, Schema>;
      required?: readonly string[];
      /** Schema of keys not in props (a map of names); without it, unknown keys are errors. */
      additional?: Schema;
      /** Exactly one of these keys must be present. */
      oneOf?: readonly string[];
    }
  | { type: "boolean" }
  /** `expected` says what the value may be when no option accepts it ("a whole number or ..."). */
  | { type: "oneOf"; options: Schema[]; expected?: string }
  | { type: "any" }
  | { type: "lazy"; get: () => Schema };

export class SourceFile {
  constructor(
    readonly file: string,
    readonly lines: LineCounter,
  ) {}

  error(node: Node | null | undefined, message: string): UserError {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    return new UserError(`${this.file}:${line}:${col}: ${message}`);
  }
}

export function validate(src: SourceFile, node: Node | null | undefined, schema: Schema, what: string): unknown {
  switch (schema.type) {
    case "lazy":
      return validate(src, node, schema.get(), what);
    case "any":
      return node && "toJSON" in node ? (node as { toJSON(): unknown }).toJSON() : null;
    case "string": {
      if (!isScalar(node) || (typeof node.value !== "string" && !(schema.coerce && typeof node.value === "number"))) {
        throw src.error(node, `${what} must be a string`);
      }
      const v = String(node.value);
      if (schema.nonEmpty && v.trim().length === 0) throw src.error(node, `${what} must not be empty`);
      if (schema.enum && !schema.enum.includes(v)) {
        throw src.error(node, `${what} must be one of ${schema.enum.join(", ")}${didYouMean(v, schema.enum)}`);
      }
      const problem = schema.check?.(v);
      if (problem) throw src.error(node, `${what}: ${problem}`);
      return v;
    }
    case "oneOf": {
      let first: unknown;
      for (const option of schema.options) {
        try {
          return validate(src, node, option, what);
        } catch (e) {
          first ??= e;
        }
      }
      if (schema.expected) throw src.error(node, `${what} must be ${schema.expected}`);
      throw first;
    }
    case "boolean":
      if (!isScalar(node) || typeof node.value !== "boolean") throw src.error(node, `${what} must be true or false`);
      return node.value;
    case "number": {
      if (!isScalar(node) || typeof node.value !== "number" || !Number.isFinite(node.value)) {
        throw src.error(node, `${what} must be a number`);
      }
      const v = node.value;
      if (schema.integer && !Number.isInteger(v)) throw src.error(node, `${what} must be a whole number`);
      if (schema.min !== undefined && v < schema.min) throw src.error(node, `${what} must be at least ${schema.min}`);
      if (schema.max !== undefined && v > schema.max) throw src.error(node, `${what} must be at most ${schema.max}`);
      return v;
    }
    case "array": {
      if (!isSeq(node)) throw src.error(node, `${what} must be a list`);
      if (schema.minItems !== undefined && node.items.length < schema.minItems) {
        throw src.error(node, `${what} must have at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`);
      }
      return node.items.map((item, i) => validate(src, item as Node, schema.items, `${what}[${i}]`));
    }
    case "object": {
      if (!isMap(node)) throw src.error(node, `${what} must be a mapping of keys to values`);
      const out: Record<string, unknown> = {};
      const props = schema.props ?? {};
      for (const pair of node.items) {
        const keyNode = pair.key as Node;
        if (!isScalar(keyNode)) throw src.error(keyNode, `${what}: keys must be plain words`);
        const key = String(keyNode.value);
        if (key in out) throw src.error(keyNode, `${what}: duplicate key "${key}"`);
        const sub = props[key] ?? schema.additional;
        if (!sub) {
          throw src.error(keyNode, `${what}: unknown key "${key}"${didYouMean(key, Object.keys(props))}`);
        }
        out[key] = validate(src, pair.value as Node, sub, `${key}`);
      }
      for (const req of schema.required ?? []) {
        if (!(req in out)) throw src.error(node, `${what}: missing required key "${req}"`);
      }
      if (schema.oneOf) {
        const present = schema.oneOf.filter((k) => k in out);
        if (present.length !== 1) {
          throw src.error(
            node,
            present.length === 0
              ? `${what} needs one of ${schema.oneOf.join(", ")}`
              : `${what} has ${present.join(" and ")}: use only one (wrap several in any: or all:)`,
          );
        }
      }
      return out;
    }
  }
}

export function didYouMean(word: string, options: readonly string[]): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = distance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : "";
}
