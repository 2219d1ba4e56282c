import { describe, expect, it } from "vitest";
import { FULL, OWNER, REPO, checkAfterEach, startApp, type TestApp } from "./app-harness.js";
import { installationCreatedPayload } from "./webhook-payloads.js";

/**
 * Milestones are listed `due_on` ascending, undated ones last in creation order: a new undated
 * milestone is appended behind the last page. With exactly 100 milestones, page 1 is stored with
 * no rel="next"; after plansync creates the 101st, page 1 is unchanged (304) and the stored headers
 * end the listing, so the next sync does not see the milestone it made.
 */

const target = { owner: OWNER, repo: REPO };
const CONFIG = "paths: [docs/**]\n";

let app: TestApp | undefined;
checkAfterEach(() => app);

const planOf = (count: number) =>
  Array.from({ length: count }, (_, i) => `# Milestone: \`M${i + 1}\`\n\n- [ ] AB-${i + 1} Task ${i + 1}\n`).join("\n");

async function rescan(test: TestApp): Promise<void> {
  test.sim.resetLog();
  await test.receive("installation", installationCreatedPayload(target));
}

describe("conditional requests: the 101st milestone", () => {
  it("sees the milestone it created on the next sync: an unchanged rescan writes nothing", async () => {
    app = startApp({ "docs/plan.md": planOf(100), ".github/plansync.yml": CONFIG });
    await rescan(app); // 100 milestones, 100 issues
    await rescan(app); // reads the milestone listing: exactly 100, one page
    await app.push({ "docs/plan.md": planOf(101) }); // creates M101 (undated: listed last)
    expect(app.sim.writes().filter((w) => w.operationId === "issues/create-milestone")).toHaveLength(1);
    await rescan(app);
    const writes = app.sim.writes().map((w) => `${w.status} ${w.method} ${w.path}`);
    expect(writes.filter((w) => !w.includes("check-runs"))).toEqual([]);
    const summary = app.sim.checkRuns(FULL).at(-1)!.output.summary ?? "";
    expect(summary).not.toMatch(/422|refused|already/i);
  });
});
