import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, startApp, type TestApp } from "./app-harness.js";
import { MAX_PROJECTS } from "../../src/github/with-board.js";

/**
 * One sync reads at most MAX_PROJECTS projects (config `project.url` first, then by address);
 * the rest are left alone, and the check run says so in one line naming how many.
 */
let app: TestApp;
checkAfterEach(() => app);

const STATUS = [{ name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] }];
const doc = (n: number) =>
  `---\nproject: https://github.com/orgs/octo/projects/${n}\n---\n# Plan ${n}\n\n- [ ] PL-${n} Task ${n}\n`;

describe("the projects one sync reads", () => {
  it(`reads ${MAX_PROJECTS} of the projects the docs name, the configured one first, and names the rest in one line`, async () => {
    app = startApp(
      { ".github/plansync.yml": "project: https://github.com/orgs/octo/projects/9\ntypes: false\n" },
      { ownerType: "Organization" },
    );
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) app.sim.createProject("orgs/octo", { number: n, fields: STATUS });
    const files: Record<string, string> = { "docs/none.md": "# Plan\n\n- [ ] PL-9 Configured\n" };
    for (const n of [1, 2, 3, 4, 5, 6, 7]) files[`docs/p${n}.md`] = doc(n);
    await app.push(files);

    const projectQueries = app.sim.requests.filter((r) => /graphql:query:organization/.test(r.operationId ?? ""));
    expect(projectQueries).toHaveLength(MAX_PROJECTS);
    const adds = app.sim.writes().filter((w) => /addProjectV2ItemById/.test(w.operationId ?? ""));
    expect(adds).toHaveLength(MAX_PROJECTS);
    const output = app.sim.checkRuns(FULL).at(-1)!.output;
    const shown = `${output.summary}\n${output.text}`;
    const lines = shown.split("\n").filter((l) => l.includes(`reads at most ${MAX_PROJECTS} projects`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      "Board orgs/octo/5: plansync reads at most 5 projects in one sync, so this one and 2 more",
    );
    expect(app.sim.issues(FULL)).toHaveLength(8);
  });
});
