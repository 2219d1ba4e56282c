import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The README's threat-model table names, for each actor, the tests that prove the rest is
 * refused. This keeps the table honest: every row names at least one test file, every file
 * exists, and every quoted test name (a prefix, up to `…`) is in the file it follows.
 */
const README = new URL("../../README.md", import.meta.url);
const ROOT = new URL("../../", import.meta.url);

function threatRows(): { actor: string; proof: string }[] {
  const text = readFileSync(README, "utf8");
  const start = text.indexOf("## Threat model: who can steer plansync");
  const lines = text.slice(start).split("\n");
  const first = lines.findIndex((line) => line.startsWith("| "));
  const end = lines.findIndex((line, i) => i > first && !line.startsWith("|"));
  return lines.slice(first + 2, end).map((line) => {
    const cells = line.split(" | ");
    return { actor: cells[0]!.slice(2), proof: cells.at(-1)!.replace(/ \|$/, "") };
  });
}

describe("the README's threat model", () => {
  const rows = threatRows();

  it("has a row for each actor the model names", () => {
    expect(rows.map((r) => r.actor)).toEqual([
      "anonymous user (public repository)",
      "triager",
      "writer (push access)",
      "org admin",
      "another GitHub App on the repository",
    ]);
  });

  for (const row of rows)
    it(`row "${row.actor}" names tests that exist`, () => {
      const files = [...row.proof.matchAll(/`(test\/[^`]+\.test\.ts)`(?: \("([^"]+)"\))?/g)];
      expect(files.length).toBeGreaterThan(0);
      for (const [, path, name] of files) {
        const file = new URL(path!, ROOT);
        expect(existsSync(file), path).toBe(true);
        if (name) expect(readFileSync(file, "utf8"), `${path} names "${name}"`).toContain(name.replace(/…$/, ""));
      }
      expect(row.proof).not.toMatch(/THREAT_/);
    });
});
