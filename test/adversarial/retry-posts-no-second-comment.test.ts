import { startInProcessApp } from "../app/in-process-app.js";
import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";

const OWNER = "octo";
const REPO = "dupcomment";
const FULL = `${OWNER}/${REPO}`;

function start() {
  return startInProcessApp({ owner: OWNER, repo: REPO });
}

let app: ReturnType<typeof start> | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const byTask = (id: string) =>
  (app!.sim.issues(FULL) as any[]).find((issue) => readMarker(issue.body)?.id === id) as {
    number: number;
    state: string;
  };

describe("a removal whose comment went through but whose close failed (GitHub 5xx past octokit retries)", () => {
  it("is retried by the job without a second removal comment", async () => {
    app = start();
    await app.push({ "docs/plan.md": "# Plan\n\n- [ ] PF-1 One\n- [ ] PF-2 Two\n" });
    await app.idle();
    const pf2 = byTask("PF-2");
    app.outcomes.length = 0;
    // The close of PF-2 fails on the first attempt for good (more 502s than octokit retries).
    app.sim.failNext({ method: "PATCH", pathIncludes: `/issues/${pf2.number}`, status: 502, times: 4 });
    app.sim.resetLog();
    const sha = await app.push({ "docs/plan.md": "# Plan\n\n- [ ] PF-1 One\n" });
    await app.idle();
    const syncs = app.outcomes.filter((o) => o.kind === "sync").map((o) => `${o.attempt}:${o.outcome}`);
    expect(syncs).toEqual(["1:retrying", "2:done"]);
    expect(byTask("PF-2").state).toBe("closed");
    const comments = (app.sim.comments(FULL, pf2.number) as any[]).map((c) => String(c.body));
    expect(comments).toEqual([
      `Task PF-2 was removed from \`docs/plan.md\` in ${sha.slice(0, 7)}. Closing it as not planned; add the task back to a doc and plansync reopens this issue.`,
    ]);
    // Each attempt looked for the comment once before sending; only the first sent it.
    const onComments = app.sim.requests
      .filter((r) => r.path === `/repos/${FULL}/issues/${pf2.number}/comments`)
      .map((r) => `${r.method} ${r.status}`);
    expect(onComments).toEqual(["GET 200", "POST 201", "GET 200"]);
  });
});
