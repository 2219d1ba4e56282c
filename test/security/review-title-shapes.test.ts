import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

/**
 * Title shapes nobody showed. Adoption takes any open issue of someone who can push whose title
 * *leads* with a task's ID. For prefixed IDs (`BE-001`) that is a fair sign; for Kiro/OpenSpec
 * outline numbers (`1`, `2.1`) it is any title that starts with a number, and for scoped IDs the
 * scope test is a substring test.
 */
const KIRO = [
  "# Implementation Plan",
  "",
  "- [x] 1. Set up the notification service skeleton",
  "- [ ] 2. Implement the preference model",
  "- [ ] 3. Deliver notifications",
  "",
].join("\n");
const CONFIG = ".github/plansync.yml";

let app: TestApp | undefined;
checkAfterEach(() => app);

function openAs(login: string, title: string, body: string) {
  return app!.sim.openIssueAs(FULL, login, title, body);
}

describe("outline-number tasks and ordinary issue titles", () => {
  it("adopt: true never adopts (and closes) an unrelated bug report whose title starts with a number", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["alice"]);
    // A bug report filed long before plansync, by a teammate.
    const bug = await openAs("alice", "1 user reports a crash at login", "Steps to reproduce: …");
    await app.push({ [".kiro/specs/notify/tasks.md"]: KIRO, [CONFIG]: "adopt: true\n" });
    const after = app.sim.issue(FULL, bug)!;
    expect(readMarker(after.body)).toBeNull();
    expect(after.state).toBe("open");
  });

  it("adopt: false: an unrelated '3 …' issue does not hold back Kiro task 3's issue", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["alice"]);
    await openAs("alice", "3 tests fail on main since Friday", "CI log: …");
    await app.push({ [".kiro/specs/notify/tasks.md"]: KIRO });
    const mine = app.sim.issues(FULL).filter((i) => readMarker(i.body)?.id === "3");
    expect(mine).toHaveLength(1);
  });
});

describe("scoped IDs: the scope test is a substring test", () => {
  const TASKS = "# Tasks\n\n- [ ] 1.1 Create the token endpoint\n";
  it("an issue naming `oauth` is not a candidate for the same ID in `auth`", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["alice"]);
    const oauthIssue = await openAs("alice", "1.1 (oauth): Create the token endpoint", "for oauth");
    await app.push({
      [".kiro/specs/auth/tasks.md"]: TASKS,
      [".kiro/specs/oauth/tasks.md"]: TASKS,
      [CONFIG]: "adopt: true\n",
    });
    const marker = readMarker(app.sim.issue(FULL, oauthIssue)!.body);
    expect(marker?.file).toBe(".kiro/specs/oauth/tasks.md");
    // auth's 1.1 gets an issue of its own, and exactly one.
    const authIssues = app.sim
      .issues(FULL)
      .filter((i) => readMarker(i.body)?.file === ".kiro/specs/auth/tasks.md" && readMarker(i.body)?.id === "1.1");
    expect(authIssues).toHaveLength(1);
    expect(authIssues[0]!.number).not.toBe(oauthIssue);
  });
});
