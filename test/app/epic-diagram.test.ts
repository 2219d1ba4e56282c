import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { issueStatePayload } from "./webhook-payloads.js";

/**
 * An epic's issue shows its stories as a Mermaid graph. It is drawn with the links known when the
 * body is written and rewritten only when the graph or a state in it changes: a first sync costs
 * what it cost before (the stories' numbers arriving later is no change), a tick costs one
 * rewrite of the epic. `hierarchy.closeEpics` decides whether plansync moves an epic's state.
 */

const EPICS = readFileSync(new URL("../../fixtures/plans/epic-breakdown.md", import.meta.url), "utf8");
const ISSUES = `https://github.com/${FULL}/issues/`;

let app: TestApp | undefined;
checkAfterEach(() => app);

let lastPush: unknown;
async function push(changes: Record<string, string>) {
  lastPush = await app!.push(changes);
}
const writes = () => app!.sim.writes().filter((w) => !w.operationId?.startsWith("checks/"));
const number = (id: string) => issueOfTask(app!, id).number as number;
const state = (id: string) => issueOfTask(app!, id).state as string;

async function expectNothingOnRedelivery() {
  app!.sim.resetLog();
  await app!.receive("push", lastPush);
  expect(app!.sim.writes()).toEqual([]);
}

/** A person closes or reopens the issue on GitHub; the webhook follows. */
async function setOnGitHub(issue: number, to: "closed" | "open") {
  await app!.sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${issue}`,
    body: JSON.stringify({ state: to }),
  });
  const action = to === "closed" ? "closed" : "reopened";
  app!.sim.resetLog();
  await app!.receive("issues", issueStatePayload({ owner: OWNER, repo: REPO }, app!.sim.issue(FULL, issue), action));
}

const plan = (ticks: [boolean, boolean, boolean]) =>
  [
    "# Plan",
    "",
    "### Epic 1: Billing",
    "",
    `- [${ticks[0] ? "x" : " "}] BIL-1: Invoices`,
    `- [${ticks[1] ? "x" : " "}] BIL-2: Receipts`,
    "  - **Dependencies:** BIL-1",
    `- [${ticks[2] ? "x" : " "}] BIL-3: Refunds`,
    "",
  ].join("\n");

describe("an epic's picture in its issue", () => {
  it("is in the first sync's epic bodies, at the same 25 writes, and a redelivery writes nothing", async () => {
    app = startApp({});
    await push({ "docs/epics.md": EPICS });
    expect(app.sim.writes().length).toBe(25);
    const body = issueOfTask(app, "Epic 2").body as string;
    const sha = (lastPush as { after: string }).after;
    expect(body).toContain(
      [
        "#### Stories",
        "",
        "```mermaid",
        "flowchart LR",
        '  t1["BE-201: API Foundation"]',
        '  t2["BE-202: API Documentation"]',
      ].join("\n"),
    );
    // The stories were created after their epic: their lines are linked, not their issues.
    expect(body).toContain(`  click t1 "https://github.com/${FULL}/blob/${sha}/docs/epics.md#L59"`);
    await expectNothingOnRedelivery();
    await push({ "docs/epics.md": `${EPICS}\n` });
    expect(writes()).toEqual([]);
  });

  it("rewrites the epic once when a story is ticked, with ✓ and its stories' issues linked", async () => {
    app = startApp({});
    await push({ "docs/plan.md": plan([false, false, false]) });
    app.sim.resetLog();
    await push({ "docs/plan.md": plan([true, false, false]) });
    const epicUpdates = writes().filter((w) => w.path === `/repos/${FULL}/issues/${number("Epic 1")}`);
    expect(writes().map((w) => w.path)).toEqual([
      `/repos/${FULL}/issues/${number("Epic 1")}`,
      `/repos/${FULL}/issues/${number("BIL-1")}`,
    ]);
    const body = (epicUpdates[0]!.body as { body: string }).body;
    expect(body).toContain('  t1["✓ BIL-1: Invoices"]');
    expect(body).toContain("  t1 --> t2");
    expect(body).toContain("  class t1 done\n  class t2,t3 open");
    expect(body).toContain(`  click t1 "${ISSUES}${number("BIL-1")}"`);
    expect(body).toContain(`  click t3 "${ISSUES}${number("BIL-3")}"`);
    expect(state("Epic 1")).toBe("open");
    await expectNothingOnRedelivery();
  });

  it("closeEpics when-done: a human's reopen stands until a story changes, then the rule applies again", async () => {
    app = startApp({});
    await push({ "docs/plan.md": plan([true, true, true]) });
    expect(state("Epic 1")).toBe("closed");
    await setOnGitHub(number("Epic 1"), "open");
    await push({ "docs/plan.md": `${plan([true, true, true])}\n` });
    expect(state("Epic 1")).toBe("open");
    // A story unticked and ticked again: the epic is done again, and closed.
    await push({ "docs/plan.md": plan([true, false, true]) });
    expect(state("Epic 1")).toBe("open");
    await push({ "docs/plan.md": plan([true, true, true]) });
    expect(state("Epic 1")).toBe("closed");
    await expectNothingOnRedelivery();
  });

  it("closeEpics when-done: a human's close of an open epic stands until a story changes", async () => {
    app = startApp({});
    await push({ "docs/plan.md": plan([false, false, false]) });
    await setOnGitHub(number("Epic 1"), "closed");
    await push({ "docs/plan.md": `${plan([false, false, false])}\n` });
    expect(state("Epic 1")).toBe("closed");
    app.sim.resetLog();
    await push({ "docs/plan.md": plan([true, false, false]) });
    expect(state("Epic 1")).toBe("open");
    const reopen = writes().find((w) => w.path === `/repos/${FULL}/issues/${number("Epic 1")}`)!;
    expect(reopen.body).toMatchObject({ state: "open", state_reason: "reopened" });
    await expectNothingOnRedelivery();
  });

  it("closeEpics never: the epic stays open when all stories are done, and switching reopens nothing", async () => {
    app = startApp({ ".github/plansync.yml": "hierarchy:\n  closeEpics: never\n" });
    await push({ "docs/plan.md": plan([true, true, false]) });
    await push({ "docs/plan.md": plan([true, true, true]) });
    expect(state("BIL-3")).toBe("closed");
    expect(state("Epic 1")).toBe("open");
    await expectNothingOnRedelivery();

    app.stop();
    app = startApp({});
    await push({ "docs/plan.md": plan([true, true, true]) });
    expect(state("Epic 1")).toBe("closed");
    await push({ ".github/plansync.yml": "hierarchy:\n  closeEpics: never\n" });
    app.sim.resetLog();
    await push({ "docs/plan.md": plan([true, false, true]) });
    expect(state("BIL-2")).toBe("open");
    expect(state("Epic 1")).toBe("closed");
    const epicWrite = writes().find((w) => w.path === `/repos/${FULL}/issues/${number("Epic 1")}`);
    expect(epicWrite?.body).not.toHaveProperty("state");
  });
});
