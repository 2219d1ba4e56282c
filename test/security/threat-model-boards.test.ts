import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * The brief: a doc's frontmatter `project:` may name any board the token reaches (README
 * "Boards": "Name it in the config, or per doc in its frontmatter (which wins for that doc's
 * tasks)"). Under the Action or the CLI that token can be a personal token with the `project`
 * scope (README "Permissions"), whose reach spans every organisation its user belongs to. So
 * anyone who can push a doc steers card writes on boards outside the repository's organisation.
 * That may be intended (writers steer), but the threat model must say so; it never mentions
 * boards, `project:` or `project-token`.
 */
describe("threat: the README's threat model and boards", () => {
  it("the 'Threat model: who can steer plansync' section states what a doc's `project:` lets a writer steer", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const start = readme.indexOf("## Threat model: who can steer plansync");
    const end = readme.indexOf("\n### Adoption", start);
    const section = readme.slice(start, end);
    expect(start).toBeGreaterThan(0);
    expect({
      mentionsBoards: /board|project/i.test(section),
      mentionsProjectToken: /project-token/.test(section),
    }).toEqual({ mentionsBoards: true, mentionsProjectToken: true });
  });
});
