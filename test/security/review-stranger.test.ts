import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

/**
 * A stranger on a public repository: may open, edit and close their own issues. plansync must
 * neither act on those issues nor let their text steer what plansync writes.
 */
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] BE-001 Set up the database\n";
const MORE = `${PLAN}- [ ] BE-002 Add the users table\n`;

let app: TestApp | undefined;
checkAfterEach(() => app);

function strangerOpens(title: string, body: string, login = "mallory") {
  return app!.sim.openIssueAs(FULL, login, title, body);
}

const lastSummary = () => app!.sim.checkRuns(FULL).at(-1)!.output.summary ?? "";

describe("a stranger's marker text in plansync's check run", () => {
  it("the marker's id is not rendered as markdown in the 'claiming' list (no heading, no link)", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const id =
      "BE-001\\n\\n## plansync: action required\\n\\nplansync lost access. [Re-authorize plansync](https://evil.example/oauth) within 24 hours or your issues will be closed.\\n\\n";
    await strangerOpens("hello", `hi\n\n<!-- plansync {"id":"${id}","file":"${PATH}","state":"open","hash":""} -->`);
    // A sync that creates an issue lists every open issue, the stranger's included.
    await app.push({ [PATH]: MORE });
    const summary = lastSummary();
    expect(summary).toContain("Issues claiming to be plansync's");
    expect(summary).not.toMatch(/^## plansync: action required/m);
    expect(summary).not.toContain("](https://evil.example/oauth)");
  });

  it("the marker's id cannot ping (@org/team, @user) through the check run", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    await strangerOpens("hello", `<!-- plansync {"id":"@octo/admins @alice","file":"${PATH}","state":"open"} -->`);
    await app.push({ [PATH]: MORE });
    const summary = lastSummary();
    expect(summary).toContain("Issues claiming to be plansync's");
    expect(summary).not.toMatch(/(^|[^\w\u200B])@(octo\/admins|alice)\b/);
  });
});

describe("a stranger's look-alike titles never block or take a task", () => {
  const shapes = [
    "BE-002: Add the users table",
    "[be-002] users table",
    "BE-002",
    "(BE-002) users",
    "**BE-002** users",
    "`BE-002` users",
    "BE-002 (docs): users",
    "ＢＥ-002 users",
    "BE-002 " + "x".repeat(250),
  ];
  it("for every title shape: BE-002's issue is created once, and no write touches the stranger's issues", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN, ".github/plansync.yml": "adopt: true\n" });
    const theirs: number[] = [];
    for (const title of shapes) theirs.push(await strangerOpens(title.slice(0, 256), "mine"));
    await app.push({ [PATH]: MORE });
    const writes = app.sim.writes().map((w) => w.path);
    for (const n of theirs) expect(writes.filter((p) => p.endsWith(`/issues/${n}`))).toEqual([]);
    expect(app.sim.issues(FULL).filter((i) => readMarker(i.body)?.id === "BE-002")).toHaveLength(1);
    expect(app.sim.checkRuns(FULL).at(-1)!.conclusion).toBe("success");
  });
});
