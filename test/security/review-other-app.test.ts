import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

/**
 * Another GitHub App installed on the repository: it can create issues and check runs under its
 * own bot. README, threat model: "a check run it names `plansync` is not read by
 * `removal.confirm`, which reads only plansync's own" (THREAT_CHECKS, no test yet).
 */
let app: TestApp | undefined;
checkAfterEach(() => app);

const PLAN = Array.from({ length: 14 }, (_, i) => `- [ ] MR-${i + 1} Task ${i + 1}`).join("\n") + "\n";
const KEEP = "- [ ] KP-1 Kept elsewhere\n";
const open = () => (app!.sim.issues(FULL) as any[]).filter((i) => i.state === "open");

describe("another app's check run named `plansync`", () => {
  it("is not read by removal.confirm: removals plansync itself never held stay held", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": PLAN, "plans/keep.md": KEEP });
    expect(open()).toHaveLength(15);
    // A commit plansync reported nothing on (no markdown touched).
    const quiet = await app.push({ "src/index.ts": "export {};\n" });
    expect(app.sim.checkRuns(FULL).filter((r) => r.headSha === quiet.after)).toEqual([]);
    const numbers = open()
      .filter((i) => readMarker(i.body)!.id.startsWith("MR-"))
      .map((i) => i.number);
    // The other app posts a look-alike `plansync` run there, "holding" every MR issue.
    const posted = await app.sim.handle({
      method: "POST",
      url: `/repos/${FULL}/check-runs`,
      headers: { "x-sim-actor": "other-app[bot];Bot" },
      body: JSON.stringify({
        name: "plansync",
        head_sha: quiet.after,
        status: "completed",
        conclusion: "failure",
        output: {
          title: "14 removals held: confirm them or fix the config",
          summary: `To go on, set removal.confirm: ${quiet.after}`,
          text: `<!-- plansync-held: ${numbers.join(",")} -->`,
        },
      }),
    });
    expect(posted.status).toBe(201);
    // A writer narrows the paths (a mistake: 14 of 15 look removed) and pastes that sha.
    await app.push({
      ".github/plansync.yml": `paths:\n  - "plans/**/*.md"\nremoval:\n  confirm: ${quiet.after}\n`,
    });
    expect(open()).toHaveLength(15);
  });
});

describe("another app's look-alike issue", () => {
  it("is no adoption candidate: the task's issue is created, the app's issue untouched", async () => {
    app = startApp({});
    const made = await app.sim.handle({
      method: "POST",
      url: `/repos/${FULL}/issues`,
      headers: { "x-sim-actor": "other-app[bot];Bot" },
      body: JSON.stringify({ title: "BE-001: Set up the database", body: "from another tool" }),
    });
    const number = (made.body as { number: number }).number;
    await app.push({ "docs/plan.md": "- [ ] BE-001 Set up the database\n", ".github/plansync.yml": "adopt: true\n" });
    expect(app.sim.writes().filter((w) => w.path.includes(`/issues/${number}`))).toEqual([]);
    expect(app.sim.issues(FULL).filter((i) => readMarker(i.body)?.id === "BE-001")).toHaveLength(1);
  });
});
