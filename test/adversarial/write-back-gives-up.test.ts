import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

let app: TestApp;
checkAfterEach(() => app, { jobErrors: true });

const PLAN = "# Plan\n\n- [ ] GU-1 First\n";

describe("a write-back that keeps conflicting", () => {
  it("fails its job with an error that says what failed and how it is retried", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN });
    const number = issueOfTask(app, "GU-1").number as number;
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${number}`,
      body: JSON.stringify({ state: "closed" }),
    });
    // Every commit attempt meets a file that moved on (a stale sha): all four attempts conflict.
    app.sim.failNext({
      method: "PUT",
      pathIncludes: "/contents/docs",
      status: 409,
      body: { message: "docs/plan.md does not match 0123" },
      times: 4,
    });
    await app.receive("issues", issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, number), "closed"));
    expect(app.errors).toHaveLength(1);
    const error = app.errors[0] as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      `Write-back for issue #${number} gave up after 4 attempts: docs/plan.md kept changing on main while plansync committed (docs/plan.md does not match 0123). The job fails so it is tried again later.`,
    );
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(PLAN);
  }, 20_000);
});
