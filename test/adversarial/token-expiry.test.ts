import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

let app: TestApp;
checkAfterEach(() => app, { jobErrors: true });

const PLAN =
  Array.from({ length: 8 }, (_, i) => `- [${i === 2 ? "x" : " "}] TX-${i + 1} Task ${i + 1}`).join("\n") + "\n";

describe("an installation token that expires mid-sync", () => {
  it("stops the sync; the next push finishes it with one issue per task", async () => {
    app = startApp({});
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    // Config, head, listings and the first few creates pass; then the token is refused, also
    // for the retries @octokit/auth-app makes within 5 s of creating a token (1 + 3).
    app.sim.expireToken({ after: 10, requests: 4 });
    await app.push({ "docs/plan.md": PLAN });
    const partial = app.sim.issues(FULL).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(8);
    const [stopped] = app.sim.checkRuns(FULL);
    expect(stopped).toMatchObject({ conclusion: "failure" });
    expect(stopped!.output.summary).toContain("GitHub answered 401");
    await app.push({ "docs/plan.md": PLAN.replace("Task 8", "Task 8!") });
    const ids = (app.sim.issues(FULL) as any[]).map((i) => readMarker(i.body)!.id).sort();
    expect(ids).toEqual(Array.from({ length: 8 }, (_, i) => `TX-${i + 1}`).sort());
    // The first push's job failed, not "done" (the harness tries a job once); the second finished.
    expect(app.errors.map((e) => (e as Error).name)).toEqual(["SyncStoppedError"]);
  });
});
