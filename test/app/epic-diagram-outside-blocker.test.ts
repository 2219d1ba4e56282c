import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { issueStatePayload } from "./webhook-payloads.js";

/**
 * An epic's picture when a story's blocker lives in another plan file. README "Pictures of the
 * plan": a blocker outside the epic is a dashed box with its ID and no state, so the picture never
 * depends on which files a sync read; the epic is "rewritten only when the picture changes … an
 * unchanged epic costs nothing".
 */

let app: TestApp | undefined;
checkAfterEach(() => app);

const A = (extra = "") =>
  ["# Billing", "", "### Epic 1: Billing", "", "- [ ] BIL-1: Invoices", "  - **Dependencies:** REP-1", extra].join(
    "\n",
  );
const B = (rep: boolean) =>
  ["# Reports", "", `- [${rep ? "x" : " "}] REP-1: Monthly`, "- [ ] REP-2: Yearly", ""].join("\n");

const epicBody = () => issueOfTask(app!, "Epic 1").body as string;
const epicWrites = () =>
  app!.sim.writes().filter((w) => w.path === `/repos/${FULL}/issues/${issueOfTask(app!, "Epic 1").number}`);

describe("an epic's picture with a blocker in another file", () => {
  it("draws the blocker with its ID and no state, so ticking it in its own file leaves the epic as it is", async () => {
    app = startApp({});
    await app.push({ "docs/a.md": A(), "docs/b.md": B(false) });
    expect(epicBody()).toContain('o1(["REP-1"])');
    app.sim.resetLog();
    await app.push({ "docs/b.md": B(true) });
    expect(issueOfTask(app, "REP-1").state).toBe("closed");
    // The picture never depends on files a sync did not read: no state, so nothing goes stale.
    expect(epicBody()).toContain('o1(["REP-1"])');
    expect(epicBody()).not.toContain("✓ REP-1");
    expect(epicWrites()).toEqual([]);
  });

  it("with write-back off, an issue closed by hand does not flip the epic's picture on every other push", async () => {
    app = startApp({ ".github/plansync.yml": "writeBack:\n  enabled: false\n" });
    await app.push({ "docs/a.md": A(), "docs/b.md": B(false) });
    // A person closes REP-1's issue; the doc keeps its box open (no write-back).
    const rep = issueOfTask(app, "REP-1").number as number;
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${rep}`,
      body: JSON.stringify({ state: "closed" }),
    });
    await app.receive("issues", issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, rep), "closed"));
    const rewrites: number[] = [];
    for (let i = 0; i < 4; i++) {
      // Alternately a push of a.md alone and a push of both files; the epic's stories never change.
      const a = A("\n".repeat(i + 1));
      const changes: Record<string, string> =
        i % 2 === 0 ? { "docs/a.md": a } : { "docs/a.md": a, "docs/b.md": `${B(false)}${"\n".repeat(i)}` };
      await app.push(changes);
      rewrites.push(epicWrites().length);
    }
    // A picture with the blocker's state flipped with each push: done (its issue) when b.md was unread, open (its box) when read.
    expect(rewrites.slice(1)).toEqual([0, 0, 0]);
  });
});
