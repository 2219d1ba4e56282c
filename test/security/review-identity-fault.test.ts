import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

/**
 * Fault: GET /app fails while an issues.closed for plansync's own issue arrives (a fresh process
 * during a GitHub blip). README: "If GitHub does not say who plansync is (GET /app failing), the
 * job fails and is retried rather than guess. (Found by review: the handler guessed, read the app's
 * own bot issue as a foreign claim, and dropped the event.)
 */
const target = { owner: OWNER, repo: REPO };
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] FX-1 Real task\n- [ ] FX-2 Other task\n";

let app: TestApp | undefined;
checkAfterEach(() => app, { jobErrors: true });

describe("GET /app failing when plansync's own issue is closed", () => {
  it("still writes the box back once GitHub answers again (the close is not dropped as foreign)", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["bob"]);
    await app.push({ [PATH]: PLAN });
    const real = issueOfTask(app, "FX-1");
    expect(real.user.login).toMatch(/\[bot\]$/);

    // A fresh process (deploy, crash), and GitHub's GET /app answering 500 for a while.
    await app.restart();
    app.sim.failNext({ method: "GET", pathIncludes: "/app", status: 500, times: 3 });

    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${real.number}`,
      headers: { "x-sim-actor": "bob" },
      body: JSON.stringify({ state: "closed" }),
    });
    await app.receive("issues", issueStatePayload(target, app.sim.issue(FULL, real.number), "closed"));
    // The event was not dropped: its write-back job ran and failed on the unknown identity, which
    // the backend retries with backoff (this harness tries each job once; see the backend tests).
    expect(app.errors.map((e) => String((e as Error).message))).toContainEqual(
      expect.stringContaining("could not tell which GitHub identity it acts as"),
    );
    app.sim.clearFaults();
    // The retry, once GitHub answers again, writes the box back.
    await app.enqueue({ kind: "write-back", installationId: 1, owner: OWNER, repo: REPO, issues: [real.number] });
    await app.idle();
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN.replace("- [ ] FX-1", "- [x] FX-1"));
  });
});

describe("what held", () => {
  it("a push while GET /app fails: the job fails, nothing is created", async () => {
    app = startApp({});
    app.sim.failNext({ method: "GET", pathIncludes: "/app", status: 500, times: 10 });
    await app.push({ [PATH]: PLAN });
    expect(app.sim.issues(FULL)).toEqual([]);
    expect(app.errors.length).toBeGreaterThan(0);
    app.sim.clearFaults();
  });

  it("plansync's own marker-only edit, delivered as issues.edited, costs no request", async () => {
    const { issueEditedPayload } = await import("../app/webhook-payloads.js");
    app = startApp({});
    app.sim.setCollaborators(FULL, ["bob"]);
    await app.push({ [PATH]: PLAN.replace("- [ ] FX-1", "- [x] FX-1") });
    const real = issueOfTask(app, "FX-1");
    const payload = issueEditedPayload(target, real, real.body.replace('"state":"closed"', '"state":"open"'));
    const login = real.user.login as string;
    payload.sender = { ...payload.sender, login, type: "Bot" };
    app.sim.resetLog();
    await app.receive("issues", payload);
    expect(app.sim.reads().length + app.sim.writes().length).toBe(0);
  });
});
