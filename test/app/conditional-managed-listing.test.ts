import { describe, expect, it } from "vitest";
import { FULL, OWNER, REPO, checkAfterEach, issueOfTask, startApp, type TestApp } from "./app-harness.js";
import { installationCreatedPayload } from "./webhook-payloads.js";

/**
 * The app with its default ETag cache. The managed listing (`labels=plansync`, newest first, 100 a
 * page) is read while it holds exactly 100 issues: page 1 is stored with no rel="next". plansync
 * then puts the `plansync` label back on the oldest issue (README: "Removing the label does not
 * unmanage an issue (plansync puts it back)"), which sorts onto a new page 2. Page 1's body did
 * not change, so GitHub answers it 304, the stored headers say there is no next page, and every
 * later sync misses that issue.
 */

const target = { owner: OWNER, repo: REPO };
const CONFIG = "paths: [docs/**]\n";

let app: TestApp | undefined;
checkAfterEach(() => app);

const planOf = (ids: number[]) => ids.map((i) => `- [ ] AB-${i} Task ${i}`).join("\n") + "\n";
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function rescan(test: TestApp): Promise<void> {
  test.sim.resetLog();
  await test.receive("installation", installationCreatedPayload(target));
}

describe("conditional requests: the managed listing after plansync re-labels an old issue", () => {
  it("closes the issue of a task removed from the plan, though its label was once removed and put back", async () => {
    app = startApp({ "docs/plan.md": planOf(range(1, 101)), ".github/plansync.yml": CONFIG });
    await rescan(app); // creates AB-1 (the oldest issue) to AB-101
    const first = issueOfTask(app, "AB-1").number;
    // A person takes the label off the oldest issue.
    await app.sim.actAs("alice", "DELETE", `/repos/${FULL}/issues/${first}/labels/plansync`);
    await rescan(app);
    // plansync found it by its creator and put the label back, as the README promises.
    expect(issueOfTask(app, "AB-1").labels.map((l: { name: string }) => l.name)).toContain("plansync");
    // The task is removed from the plan: its issue must be closed as not planned.
    await app.push({ "docs/plan.md": planOf(range(2, 101)) });
    const pages = app.sim.requests
      .filter((r) => r.path === `/repos/${FULL}/issues` && r.query.includes("labels=plansync"))
      .map((r) => `${r.status} ${r.query}`);
    expect(issueOfTask(app, "AB-1").state, pages.join("\n")).toBe("closed");
    expect(issueOfTask(app, "AB-1").state_reason).toBe("not_planned");
  });
});

describe("conditional requests: an adopted issue that sorts onto a new last page", () => {
  it("never makes a second issue for a task whose adopted issue a person closed", async () => {
    const config = `${CONFIG}adopt: true\n`;
    app = startApp({ "docs/plan.md": planOf(range(1, 100)), ".github/plansync.yml": config });
    app.sim.setCollaborators(FULL, ["alice"]);
    // Before plansync: alice's issue for a task the plan does not have yet (the oldest issue).
    const alice = await app.sim.openIssueAs(FULL, "alice", "AB-101: Task 101", "Notes alice wrote.");
    await rescan(app); // creates AB-1..AB-100
    await rescan(app); // reads the managed listing: exactly 100, one page
    // The plan gains AB-101: alice's issue is adopted (labelled, marked); it sorts onto page 2.
    await app.push({ "docs/plan.md": planOf(range(1, 101)) });
    expect(issueOfTask(app, "AB-101")?.number).toBe(alice);
    // alice closes it (the webhook is lost; the daily reconcile catches up).
    await app.sim.actAs("alice", "PATCH", `/repos/${FULL}/issues/${alice}`, {
      state: "closed",
      state_reason: "completed",
    });
    await rescan(app);
    const titles = app.sim.issues(FULL).filter((i) => i.title.startsWith("AB-101"));
    expect(titles.map((i) => `#${i.number} ${i.state}`)).toEqual([`#${alice} closed`]);
  });
});
