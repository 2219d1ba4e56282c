import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

let app: TestApp;
checkAfterEach(() => app, { jobErrors: true });

const PLAN = "# Plan\n\n- [ ] DS-1 First\n- [ ] DS-2 Second\n";
const issueOf = (id: string) => issueOfTask(app, id);
const closeOnGitHub = (number: number) =>
  app.sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${number}`,
    body: JSON.stringify({ state: "closed" }),
  });

describe("a write-back that was lost", () => {
  it("is queued by the next sync, which lists every managed issue anyway", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN });
    // Closed on GitHub while the app was down: the webhook never arrives.
    await closeOnGitHub(issueOf("DS-1").number);
    await app.push({ "docs/other.md": "- [ ] DS-9 Unrelated\n" });
    await app.idle();
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(PLAN.replace("[ ] DS-1", "[x] DS-1"));
    expect(readMarker(issueOf("DS-1").body)!.state).toBe("closed");
  });

  it("is retried by the next sync after it failed past its retries", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN });
    const number = issueOf("DS-2").number;
    await closeOnGitHub(number);
    app.sim.failNext({ method: "PUT", pathIncludes: "/contents/", status: 500, times: 1 });
    await app.receive("issues", issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, number), "closed"));
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(PLAN);
    expect(app.errors).toHaveLength(1);
    app.errors.length = 0;
    await app.push({ "docs/other.md": "- [ ] DS-9 Unrelated\n" });
    await app.idle();
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(PLAN.replace("[ ] DS-2", "[x] DS-2"));
    expect(app.errors).toEqual([]);
  });
});
