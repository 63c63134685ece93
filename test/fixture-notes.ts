/** Every note under fixtures/ (recursively), for tests that check an equivalence on real text. */
import { readdirSync, readFileSync } from "node:fs";

const FIXTURES = new URL("../fixtures/", import.meta.url);

export function fixtureNotes(): { file: string; text: string }[] {
  return readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".txt"))
    .sort()
    .map((file) => ({ file, text: readFileSync(new URL(file, FIXTURES), "utf8") }));
}
