import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, startApp, type TestApp } from "../app/app-harness.js";

let app: TestApp;
checkAfterEach(() => app);

const issueOf = (id: string) => issueOfTask(app, id);

describe("text over GitHub's size limits", () => {
  it("is cut visibly, with a link to the doc line, and the issue is still made and managed", async () => {
    app = startApp({});
    const title = "Title ".repeat(60).trim();
    const body = Array.from({ length: 2_000 }, (_, i) => `  - detail line ${i} ${"x".repeat(30)}`).join("\n");
    await app.push({ "docs/plan.md": `# Plan\n\n- [ ] SL-1 ${title}\n${body}\n- [ ] SL-2 Small\n` });
    const issue = issueOf("SL-1");
    expect(issue).toBeDefined();
    expect(issue.title.length).toBeLessThanOrEqual(256);
    expect(issue.title).toMatch(/…\(truncated\)$/);
    expect(issue.body.length).toBeLessThanOrEqual(65_536);
    expect(issue.body).toContain("…(truncated)");
    expect(issue.body).toContain("docs/plan.md#L3");
    expect(readMarker(issue.body)).toMatchObject({ id: "SL-1", file: "docs/plan.md" });
    app.sim.resetLog();
    await app.push({ "docs/plan.md": `# Plan\n\n- [ ] SL-1 ${title}\n${body}\n- [ ] SL-2 Small, edited\n` });
    expect(app.sim.writes().filter((w) => w.path.endsWith(`/issues/${issue.number}`))).toEqual([]);
  });

  it("keeps a check run within its limits when hundreds of problems are reported", async () => {
    app = startApp({});
    const lines = Array.from({ length: 1500 }, (_, i) => `- [ ] DUP-1 Copy ${i} ${"y".repeat(40)}`).join("\n");
    await app.push({ "docs/plan.md": `# Plan\n\n${lines}\n` });
    const [run] = app.sim.checkRuns(FULL);
    expect(run!.conclusion).toBe("failure");
    expect(run!.annotations.length).toBe(1499);
  });
});
