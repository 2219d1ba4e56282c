import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { MARKER_GROWTH } from "../../src/sync/render-body.js";
import { startApp } from "./marker-app-harness.js";

let app: ReturnType<typeof startApp> | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

// A task whose details are longer than GitHub's 65,536-char body: render-body.ts cuts it, leaving
// room for the marker to grow (a cut to exactly the limit made every later marker-only update 422).
const details = Array.from({ length: 1200 }, (_, i) => `  - detail line ${i} ${"x".repeat(50)}`).join("\n");
const plan = (box: string) => `# Plan\n\n- [${box}] BIG-1 Huge task\n${details}\n`;

describe("a body plansync cut to fit GitHub's limit, then a marker-only update (ticked in the doc)", () => {
  it("closes the issue: the marker-only update still fits GitHub's limit", async () => {
    app = startApp("octo", "bodylimit");
    await app.push({ "docs/plan.md": plan(" ") });
    await app.idle();
    const created = (app.sim.issues(app.FULL) as any[]).find((i) => readMarker(i.body)?.id === "BIG-1");
    expect(String(created.body).length).toBeLessThanOrEqual(65_536 - MARKER_GROWTH + 200);
    app.sim.resetLog();
    await app.push({ "docs/plan.md": plan("x") });
    await app.idle();
    const patches = app.sim
      .writes()
      .filter((r) => r.method === "PATCH" && r.path.endsWith(`/issues/${created.number}`))
      .map((r) => r.status);
    expect(patches).toEqual([200]);
    const after = (app.sim.issues(app.FULL) as any[]).find((i) => readMarker(i.body)?.id === "BIG-1");
    expect(after.state).toBe("closed");
  }, 60_000);
});

import { issueStatePayload } from "../app/webhook-payloads.js";

describe("a human closes an issue whose body plansync cut to fit GitHub's limit", () => {
  it("writes the tick back and records the agreement in the marker (the write-back job succeeds)", async () => {
    app = startApp("octo", "bodylimitwb");
    app.sim.setCollaborators(app.FULL, ["alice"]);
    await app.push({ "docs/plan.md": plan(" ") });
    await app.idle();
    const created = (app.sim.issues(app.FULL) as any[]).find((i) => readMarker(i.body)?.id === "BIG-1");
    await app.sim.actAs("alice", "PATCH", `/repos/${app.FULL}/issues/${created.number}`, { state: "closed" });
    app.outcomes.length = 0;
    await app.receive(
      "issues",
      issueStatePayload({ owner: "octo", repo: "bodylimitwb" }, app.sim.issue(app.FULL, created.number), "closed"),
    );
    await app.idle();
    const writeBacks = app.outcomes.filter((o) => o.kind === "write-back").map((o) => `${o.attempt}:${o.outcome}`);
    const after = (app.sim.issues(app.FULL) as any[]).find((i) => i.number === created.number);
    expect({ writeBacks, marker: readMarker(after.body)?.state }).toEqual({ writeBacks: ["1:done"], marker: "closed" });
  }, 60_000);
});
