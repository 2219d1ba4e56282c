import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { installationCreatedPayload } from "./webhook-payloads.js";

let app: TestApp;
checkAfterEach(() => app);

const FILES = 50;
const plans = Object.fromEntries(
  Array.from({ length: FILES }, (_, i) => [`docs/area-${i}.md`, `# Area ${i}\n\n- [ ] CA-${i + 1} Task ${i}\n`]),
);
const fileReads = () =>
  app.sim.requests.filter((r) => r.operationId === "repos/get-content" || r.operationId === "git/get-blob");
const installed = installationCreatedPayload({ owner: OWNER, repo: REPO });

describe("the blob cache", () => {
  it("makes a full scan of an unchanged repository read no plan file again", async () => {
    app = startApp(plans);
    await app.receive("installation", installed);
    expect(fileReads().filter((r) => r.path.includes("/docs/"))).toHaveLength(FILES);
    app.sim.resetLog();
    await app.receive("installation", installed);
    expect(app.sim.writes()).toEqual([]);
    // Only the config: .github/plansync.yml, then the owner's .github repository it falls back to.
    expect(fileReads().map((r) => r.path)).toEqual([
      `/repos/${FULL}/contents/.github/plansync.yml`,
      `/repos/${OWNER}/.github/contents/.github/plansync.yml`,
    ]);
    expect(app.cache.stats.hits).toBe(FILES);
  });

  it("reads just the file whose blob changed", async () => {
    app = startApp(plans);
    await app.receive("installation", installed);
    app.sim.commitFiles(FULL, "main", { "docs/area-7.md": "# Area 7\n\n- [x] CA-8 Task 7\n" }, "Tick CA-8");
    app.sim.resetLog();
    await app.receive("installation", installed);
    expect(fileReads().filter((r) => r.path.includes("/docs/"))).toHaveLength(1);
    const closed = (app.sim.issues(FULL) as any[]).filter((i) => i.state === "closed");
    expect(closed.map((i) => i.title)).toEqual(["CA-8: Task 7"]);
  });
});
