import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const FIXTURE_DIR = fileURLToPath(new URL("../fixtures/plans/", import.meta.url));

/** Every markdown fixture, read as text, in name order. */
export function planFixtures(): { name: string; path: string; source: string }[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => ({ name, path: join(FIXTURE_DIR, name), source: readFileSync(join(FIXTURE_DIR, name), "utf8") }));
}
