/** The --concurrency value, parsed apart from the runner so the CLI can use it without loading workers. */
import { UserError } from "../types.js";
import type { Concurrency } from "./run.js";

export function parseConcurrency(value: string): Concurrency {
  const v = value.trim().toLowerCase();
  if (v === "auto" || v === "off") return v;
  const n = Number(v);
  if (v === "" || !Number.isInteger(n) || n < 1) {
    throw new UserError(`--concurrency must be a positive whole number, "auto" or "off", got "${value}"`);
  }
  return n;
}
