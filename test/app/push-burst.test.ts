import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { pushPayload } from "./webhook-payloads.js";

let app: TestApp;
checkAfterEach(() => app);

const issues = () => app.sim.issues(FULL) as any[];
const issueOf = (id: string) => issues().find((i) => readMarker(i.body)?.id === id);

/** Commits without delivering, returning the push payload GitHub would send for that commit. */
function commit(changes: Record<string, string | null>) {
  const { sha, before } = app.sim.commitFiles(FULL, "main", changes, "Update plans");
  const paths = Object.keys(changes);
  return pushPayload(
    { owner: OWNER, repo: REPO },
    {
      before,
      after: sha,
      modified: paths.filter((p) => changes[p] !== null),
      removed: paths.filter((p) => changes[p] === null),
    },
  );
}

describe("a burst of pushes", () => {
  it("makes one sync at the newest head while a sync runs, covering every pushed file", async () => {
    app = startApp({});
    const first = commit({ "docs/a.md": "- [ ] BU-1 First\n" });
    const burst = [
      commit({ "docs/b.md": "- [ ] BU-2 Second\n" }),
      commit({ "docs/c.md": "- [ ] BU-3 Third\n" }),
      commit({ "docs/b.md": "- [x] BU-2 Second, done\n" }),
    ];
    app.sim.resetLog();
    await app.deliver("push", first);
    const headReads = () => app.sim.requests.filter((r) => r.operationId === "git/get-ref");
    for (let i = 0; i < 200 && headReads().length === 0; i++) await new Promise((r) => setTimeout(r, 2));
    expect(headReads()).toHaveLength(1); // the first sync is running
    for (const payload of burst) await app.deliver("push", payload);
    await app.idle();
    // One branch-head read per sync: the first push's, then one for the whole burst.
    expect(headReads()).toHaveLength(2);
    expect(issues()).toHaveLength(3);
    expect(issueOf("BU-2")).toMatchObject({ state: "closed", title: "BU-2: Second, done" });
    expect(issueOf("BU-3").state).toBe("open");
  });

  // Held by reconcile: a task missing from the pushed files makes the sync read every plan file.
  it("never closes a file's issues when a late push says it was removed but it is back at the head", async () => {
    app = startApp({});
    await app.push({ "docs/a.md": "- [ ] BU-1 First\n", "docs/keep.md": "- [ ] BU-9 Keep\n" });
    const removed = commit({ "docs/a.md": null });
    const restored = commit({ "docs/a.md": "- [ ] BU-1 First, back\n" });
    // Delivered out of order, and merged into one run.
    await app.deliver("push", restored);
    await app.deliver("push", removed);
    await app.idle();
    expect(issueOf("BU-1")).toMatchObject({ state: "open", title: "BU-1: First, back" });
    // A late removal alone, synced at a head that moved on, is checked against the head too.
    app.sim.resetLog();
    await app.receive("push", removed);
    expect(issueOf("BU-1").state).toBe("open");
    expect(app.sim.writes()).toEqual([]);
  });
});
