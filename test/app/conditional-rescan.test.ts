import { afterEach, describe, expect, it } from "vitest";
import { FULL, OWNER, REPO, issueOfTask, startApp, type TestApp } from "./app-harness.js";
import { installationCreatedPayload } from "./webhook-payloads.js";

const target = { owner: OWNER, repo: REPO };
const CONFIG = "paths: [docs/**]\n";

let app: TestApp | undefined;
afterEach(() => {
  app?.stop();
  expect(app?.sim.violations ?? []).toEqual([]);
  expect(app?.errors ?? []).toEqual([]);
  app = undefined;
});

/** A plan of `count` open tasks, AB-1 to AB-count. */
function planOf(count: number): string {
  return Array.from({ length: count }, (_, i) => `- [ ] AB-${i + 1} Task ${i + 1}`).join("\n") + "\n";
}

/** Installing the app syncs the whole repository: the full rescan a reconcile or a re-install makes. */
async function rescan(test: TestApp): Promise<void> {
  test.sim.resetLog();
  await test.receive("installation", installationCreatedPayload(target));
}

const lines = (test: TestApp) => test.sim.requests.map((r) => `${r.status} ${r.method} ${r.path}`);

describe("conditional requests in a sync", () => {
  it("makes an unchanged full rescan of 250 issues cost at most 3 rate-limited requests, the rest 304s", async () => {
    app = startApp({ "docs/plan.md": planOf(250), ".github/plansync.yml": CONFIG });
    await rescan(app); // creates the issues
    await rescan(app); // reads what the creates changed, once
    await rescan(app);
    expect(app.sim.writes()).toEqual([]);
    expect(app.sim.rateLimited().length).toBeLessThanOrEqual(3);
    const paged = app.sim.notModified().filter((r) => r.path === `/repos/${FULL}/issues`);
    expect(paged.map((r) => r.query)).toEqual([
      "state=all&per_page=100&labels=plansync",
      "state=all&per_page=100&labels=plansync&page=2",
      "state=all&per_page=100&labels=plansync&page=3",
    ]);
    expect(app.sim.notModified().length).toBe(app.sim.requests.length - app.sim.rateLimited().length);
    const metrics = await app.metrics.registry.getSingleMetricAsString("plansync_github_conditional_requests_total");
    expect(metrics).toMatch(/plansync_github_conditional_requests_total\{result="not_modified"\} [1-9]\d*/);
  });

  it("reads a prose-only push on 250 synced tasks with at most 5 rate-limited requests", async () => {
    const plan = planOf(250);
    app = startApp({ "docs/plan.md": plan, ".github/plansync.yml": CONFIG });
    await rescan(app);
    await rescan(app);
    await app.push({ "docs/plan.md": plan.replace("Task 7\n", "Task 7\n\nWhy task 7 matters, in prose.\n") });
    expect(app.sim.writes()).toEqual([]);
    const reads = app.sim.rateLimited().filter((r) => r.method === "GET");
    expect(reads.length, lines(app).join("\n")).toBeLessThanOrEqual(5);
  });

  it("sees an issue a person changed between two rescans, and acts on its new state", async () => {
    app = startApp({ "docs/plan.md": planOf(150), ".github/plansync.yml": CONFIG });
    await rescan(app);
    await rescan(app);
    const closed = issueOfTask(app, "AB-120").number;
    await app.sim.actAs("alice", "PATCH", `/repos/${FULL}/issues/${closed}`, {
      state: "closed",
      state_reason: "completed",
    });
    await rescan(app);
    // The page holding the closed issue was read anew (200), the others were 304s.
    const pages = app.sim.requests.filter((r) => r.path === `/repos/${FULL}/issues` && r.query.includes("plansync"));
    expect(pages.map((r) => r.status)).toEqual([200, 304]);
    // The sync saw it closed: the box is ticked in the doc (write-back), not the issue reopened.
    expect(issueOfTask(app, "AB-120").state).toBe("closed");
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toContain("- [x] AB-120 Task 120\n");
  });

  it("sees a file changed between two rescans at the same URL: the config on the default branch", async () => {
    app = startApp({ "docs/plan.md": planOf(3), ".github/plansync.yml": CONFIG });
    await rescan(app);
    await rescan(app);
    expect(issueOfTask(app, "AB-2").title).toBe("AB-2: Task 2");
    app.sim.commitFiles(FULL, "main", { ".github/plansync.yml": `${CONFIG}issues:\n  title: "[{id}] {title}"\n` }, "c");
    await rescan(app);
    const config = app.sim.requests.filter((r) => r.path.endsWith("/contents/.github/plansync.yml"));
    expect(config[0]!.status).toBe(200);
    expect(issueOfTask(app, "AB-2").title).toBe("[AB-2] Task 2");
  });
});
