// A box-less task whose status emoji says done (`- ✅ T1`, README "Checkbox marks"): reopening
// its issue must reach the doc (README "Write-back": "reopening writes [ ]"), or at least the
// doc must stop saying done. Before the fix the reopen was dropped: no commit was made, yet the marker
// recorded "open" as agreed, so the next push that touched the file closed the issue again.
import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { startInProcessApp } from "./in-process-app.js";
import { pushChanges, repoIssues } from "./repo-under-test.js";
import { issueStatePayload } from "./webhook-payloads.js";

let app: ReturnType<typeof startInProcessApp>;
afterEach(async () => {
  await app?.stop();
});
const issueOf = (id: string) => repoIssues(app).find((i) => readMarker(i.body)?.id === id);

describe("reopening the issue of an emoji-done task", () => {
  it("changes the doc so that it no longer reads as done, touching only that item", async () => {
    app = startInProcessApp({ owner: "octo", repo: "plans" });
    const doc = "# Plan\n\n- ✅ T1 Setup the repo\n- ⬜ T2 Build it\n";
    await pushChanges(app, { "docs/plan.md": doc });
    const issue = issueOf("T1");
    expect(issue.state).toBe("closed");
    const commits = app.sim.commitMessages(app.FULL, "main").length;

    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${app.FULL}/issues/${issue.number}`,
      body: JSON.stringify({ state: "open" }),
    });
    app.sim.resetLog();
    await app.receive(
      "issues",
      issueStatePayload({ owner: "octo", repo: "plans" }, app.sim.issue(app.FULL, issue.number), "reopened"),
    );
    await app.idle();

    const after = app.sim.readFile(app.FULL, "main", "docs/plan.md")!;
    // One write-back commit, and the T1 line no longer says done (✅ with no open box).
    expect(app.sim.commitMessages(app.FULL, "main")).toHaveLength(commits + 1);
    const line = after.split("\n").find((l) => l.includes("T1 Setup"))!;
    expect(line).not.toBe("- ✅ T1 Setup the repo");
    expect(after.split("\n").filter((l, i) => l !== doc.split("\n")[i])).toEqual([line]);
    expect(issueOf("T1").state).toBe("open");
  });

  it("a later push of the unchanged task does not close the reopened issue again", async () => {
    app = startInProcessApp({ owner: "octo", repo: "plans" });
    const doc = "# Plan\n\n- ✅ T1 Setup the repo\n- ⬜ T2 Build it\n";
    await pushChanges(app, { "docs/plan.md": doc });
    const number = issueOf("T1").number;
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${app.FULL}/issues/${number}`,
      body: JSON.stringify({ state: "open" }),
    });
    await app.receive(
      "issues",
      issueStatePayload({ owner: "octo", repo: "plans" }, app.sim.issue(app.FULL, number), "reopened"),
    );
    await app.idle();
    // Someone edits another line of the same file; the T1 item is untouched.
    const current = app.sim.readFile(app.FULL, "main", "docs/plan.md")!;
    await pushChanges(app, { "docs/plan.md": current.replace("Build it", "Build it well") });
    expect(app.sim.issue(app.FULL, number)!.state).toBe("open");
  });
});
