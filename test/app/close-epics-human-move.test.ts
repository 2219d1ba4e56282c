import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { issueStatePayload } from "./webhook-payloads.js";

/**
 * `hierarchy.closeEpics: when-done`. README "State": a human's close or reopen of an epic stands
 * until one of the epic's own stories is ticked, unticked, added or removed; a change outside its
 * stories (a blocker in another epic ticked, a retitle) leaves it standing.
 */

let app: TestApp | undefined;
checkAfterEach(() => app);

const number = (id: string) => issueOfTask(app!, id).number as number;
const state = (id: string) => issueOfTask(app!, id).state as string;

async function setOnGitHub(issue: number, to: "closed" | "open") {
  await app!.sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${issue}`,
    body: JSON.stringify({ state: to }),
  });
  app!.sim.resetLog();
  await app!.receive(
    "issues",
    issueStatePayload(
      { owner: OWNER, repo: REPO },
      app!.sim.issue(FULL, issue),
      to === "closed" ? "closed" : "reopened",
    ),
  );
}

/** Epic 1's stories never change below; only REP-1, a story of Epic 2 that BIL-2 depends on, is ticked. */
const plan = (bil: boolean, rep: boolean) =>
  [
    "# Plan",
    "",
    "### Epic 1: Billing",
    "",
    `- [${bil ? "x" : " "}] BIL-1: Invoices`,
    `- [${bil ? "x" : " "}] BIL-2: Receipts`,
    "  - **Dependencies:** REP-1",
    "",
    "### Epic 2: Reports",
    "",
    `- [${rep ? "x" : " "}] REP-1: Monthly`,
    "- [ ] REP-2: Yearly",
    "",
  ].join("\n");

describe("closeEpics when-done: a human's move on an epic vs a change outside its stories", () => {
  it("a human's close of Epic 1 stands when a story of another epic (a blocker of one of its stories) is ticked", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": plan(false, false) });
    expect(state("Epic 1")).toBe("open");
    // A person shelves Epic 1 on GitHub.
    await setOnGitHub(number("Epic 1"), "closed");
    expect(state("Epic 1")).toBe("closed");
    // None of Epic 1's stories is ticked, unticked, added, removed or retitled; Epic 1's text is unchanged.
    await app.push({ "docs/plan.md": plan(false, true) });
    expect(state("REP-1")).toBe("closed");
    // The human's close stands (a change outside Epic 1's stories once reopened it).
    expect(state("Epic 1")).toBe("closed");
  });

  it("a human's reopen of a done Epic 1 stands when a blocker in another epic is ticked", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": plan(true, false) });
    expect(state("Epic 1")).toBe("closed");
    await setOnGitHub(number("Epic 1"), "open");
    await app.push({ "docs/plan.md": plan(true, true) });
    expect(state("Epic 1")).toBe("open");
  });
});

describe("closeEpics when-done: a story retitled", () => {
  const LONG = "Render every invoice as an archivable PDF with the company letterhead";
  const doc = (tail: string) =>
    ["# Plan", "", "### Epic 1: Billing", "", `- [ ] BIL-1: ${LONG}${tail}`, "- [ ] BIL-2: Receipts", ""].join("\n");

  it("a human's close of an open epic stands when one of its stories is retitled (no state changed)", async () => {
    app = startApp({});
    await app.push({ "docs/plan.md": doc("") });
    await setOnGitHub(number("Epic 1"), "closed");
    // The story's title changes after its 60th character (the picture cuts titles there).
    await app.push({ "docs/plan.md": doc(" and footer") });
    expect(issueOfTask(app, "BIL-1").title).toBe(`BIL-1: ${LONG} and footer`);
    // README "State": only a story ticked, unticked, added or removed applies the rule again.
    expect(state("Epic 1")).toBe("closed");
    // A story ticked does: the epic still has an open story, so it is reopened.
    await app.push({ "docs/plan.md": doc(" and footer").replace("- [ ] BIL-2", "- [x] BIL-2") });
    expect(state("Epic 1")).toBe("open");
  });
});
