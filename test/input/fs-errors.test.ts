import { describe, expect, it } from "vitest";
import { describeFsError } from "../../src/input/fs-errors.ts";

// Covers the mappings the file-system tests cannot reach (e.g. EACCES when the tests run as root).
const cases: { code: string | undefined; message: string }[] = [
  { code: "EACCES", message: "permission denied" },
  { code: "EPERM", message: "permission denied" },
  { code: "ENOENT", message: "no such file or directory" },
  { code: "EISDIR", message: "is a directory" },
  { code: "ELOOP", message: "too many levels of symbolic links" },
  { code: "EMFILE", message: "too many open files" },
  { code: "EWHATEVER", message: "cannot read file (EWHATEVER)" },
  { code: undefined, message: "cannot read file" },
];

describe("describeFsError", () => {
  it.each(cases)("$code", ({ code, message }) => {
    const err = Object.assign(new Error(`${code}: open '/notes/patient-smith.txt'`), code ? { code } : {});
    expect(describeFsError(err)).toBe(message);
  });
});
