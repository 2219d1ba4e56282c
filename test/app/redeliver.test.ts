import { describe, expect, it } from "vitest";
import { createJobHandler } from "../../src/jobs/job-handler.js";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { pushPayload } from "./webhook-payloads.js";

let app: TestApp;
checkAfterEach(() => app);

const attemptsOf = (id: number) =>
  app.sim.requests.filter(
    (r) => r.operationId === "apps/redeliver-webhook-delivery" && r.path.endsWith(`/${id}/attempts`),
  );

describe("missed webhooks", () => {
  // The simulator's clock is the real one here: GitHub's 3-day window is measured against it.
  it("are redelivered once each, and the push the app missed is synced", async () => {
    app = startApp({}, { clock: () => new Date() });
    const { sha, before } = app.sim.commitFiles(FULL, "main", { "docs/plan.md": "- [ ] RD-1 Missed\n" }, "Plan");
    const missed = pushPayload({ owner: OWNER, repo: REPO }, { before, after: sha, added: ["docs/plan.md"] });
    const failed = app.sim.addDelivery({ event: "push", payload: missed, statusCode: 502 });
    const fine = app.sim.addDelivery({ event: "push", payload: missed, statusCode: 200 });
    app.sim.redeliverTo(async (event, payload) => {
      await app.deliver(event, payload);
      return 202;
    });
    await app.enqueue({ kind: "redeliver" });
    await app.idle();
    await app.idle(); // the redelivered push's sync
    expect(attemptsOf(failed.id)).toHaveLength(1);
    expect(attemptsOf(fine.id)).toHaveLength(0);
    expect((app.sim.issues(FULL) as any[]).map((i) => readMarker(i.body)?.id)).toEqual(["RD-1"]);
    app.sim.resetLog();
    await app.enqueue({ kind: "redeliver" });
    await app.idle();
    expect(app.sim.requests.filter((r) => r.method === "POST")).toEqual([]);
  });

  it("are redelivered once even when GitHub lists the new attempt late", async () => {
    app = startApp({}, { clock: () => new Date() });
    const failed = app.sim.addDelivery({ event: "ping", payload: {}, statusCode: 500 });
    // No sender: the attempt stays listed as pending, not as a redelivery GitHub has answered.
    const listed = app.sim.deliveries();
    await app.enqueue({ kind: "redeliver" });
    await app.idle();
    (listed.at(-1) as any).redelivery = false; // as if GitHub had not listed it yet
    await app.enqueue({ kind: "redeliver" });
    await app.idle();
    expect(attemptsOf(failed.id)).toHaveLength(1);
    expect(app.sim.requests.filter((r) => r.operationId === "apps/redeliver-webhook-delivery")).toHaveLength(1);
  });

  // `app.auth()` without an installation returns Probot's one shared app client: a run must not
  // leave anything on it (a lease guard would refuse every later run's writes, and pile up).
  it("leave Probot's shared app client as they found it, whatever a run's lease did", async () => {
    app = startApp({}, { clock: () => new Date() });
    await app.enqueue({ kind: "reconcile" }); // the app has loaded
    await app.idle();
    const first = app.sim.addDelivery({ event: "ping", payload: {}, statusCode: 500 });
    const handler = createJobHandler({
      app: app.probot,
      creator: async () => null,
      enqueue: async () => undefined,
      claimOnce: async () => true,
    });
    const lost = new AbortController();
    lost.abort();
    await handler("redeliver", [{ kind: "redeliver" }], lost.signal);
    const second = app.sim.addDelivery({ event: "ping", payload: {}, statusCode: 500 });
    await handler("redeliver", [{ kind: "redeliver" }], new AbortController().signal);
    expect(attemptsOf(first.id)).toHaveLength(1);
    expect(attemptsOf(second.id)).toHaveLength(1);
  });
});

describe("the periodic reconcile", () => {
  it("fully syncs every installed repository, as its own job each", async () => {
    app = startApp({ "docs/plan.md": "- [ ] RC-1 Drifted\n" });
    await app.enqueue({ kind: "reconcile" });
    await app.idle();
    expect((app.sim.issues(FULL) as any[]).map((i) => i.title)).toEqual(["RC-1: Drifted"]);
    expect(app.sim.requests.map((r) => r.operationId)).toContain("apps/list-repos-accessible-to-installation");
  });
});
