import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, startApp, type TestApp } from "./app-harness.js";

/**
 * Milestone progress. README: "The check run lists the same progress for each
 * milestone the synced docs name"; the milestone description carries "its progress (`5 of 12 tasks
 * done · …`), rewritten only when that text changes". Tasks removed from the docs (closed as not
 * planned) are not tasks of the milestone any more: a full read does not count them.
 */

let app: TestApp | undefined;
checkAfterEach(() => app);

const A = (title: string) =>
  ["# Milestone: M1", "", "## Tasks", "", "- [x] BIL-1: Invoices", `- [ ] BIL-2: ${title}`, ""].join("\n");
const B = ["# Milestone: M1", "", "## Tasks", "", "- [ ] PAY-1: Cards", "- [ ] PAY-2: Wallets", ""].join("\n");

const summary = () => app!.sim.checkRuns(FULL).at(-1)!.output.summary as string;
const milestone = () => (app!.sim.milestones(FULL) as any[]).find((m) => m.title === "M1");

describe("milestone progress after a plan file is deleted", () => {
  it("does not count the deleted file's removed tasks as done on a later push of another file", async () => {
    app = startApp({});
    await app.push({ "docs/a.md": A("Receipts"), "docs/b.md": B });
    expect(summary()).toContain("- M1: ");
    expect(summary()).toContain("1 of 4 tasks done");
    // b.md is deleted: PAY-1 and PAY-2 are closed as not planned.
    await app.push({ "docs/b.md": null });
    expect(summary()).toContain("1 of 2 tasks done");
    expect(milestone().description).toContain("1 of 2 tasks done");
    // A retitle in a.md: no box changes. M1 is still BIL-1 (done) and BIL-2 (open).
    await app.push({ "docs/a.md": A("Receipts and credit notes") });
    const milestoneWrites = app.sim.writes().filter((w) => w.operationId?.includes("milestone"));
    expect(summary()).toContain("- M1: ▓▓▓▓▓▓▓▓▓▓░░░░░░░░░░ 50% · 1 of 2 tasks done");
    expect(milestone().description).toContain("1 of 2 tasks done");
    expect(milestoneWrites).toEqual([]);
  });
});

describe("milestone progress with fractional points", () => {
  const DOC = [
    "# Milestone: M1",
    "",
    "## Tasks",
    "",
    "- [x] BIL-1: Spike (0.1 points)",
    "- [ ] BIL-2: Tweak (0.2 points)",
    "",
  ].join("\n");

  it("the check run and the milestone's description show 0.1 of 0.3 points, not a float artefact", async () => {
    app = startApp({});
    await app.push({ "docs/m1.md": DOC });
    const line = summary()
      .split("\n")
      .find((l) => l.startsWith("- M1: "));
    // Not `… · 0.1 of 0.30000000000000004 points`.
    expect(line).toBe("- M1: ▓▓▓▓▓▓▓▓▓▓░░░░░░░░░░ 50% · 1 of 2 tasks done · 0.1 of 0.3 points");
    expect(milestone().description).toContain("1 of 2 tasks done · 0.1 of 0.3 points");
  });

  it("plansync plan --json reports points 0.3", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { planCommand } = await import("../../src/cli/plan-command.js");
    const dir = mkdtempSync(join(tmpdir(), "pictures-points-"));
    writeFileSync(join(dir, "m1.md"), DOC);
    const out: string[] = [];
    planCommand([join(dir, "m1.md")], true, { out: (t) => out.push(t), err: () => {}, writeFile: () => {} });
    expect(JSON.parse(out.join("\n")).progress).toEqual([
      { milestone: "M1", tasks: 2, done: 1, points: 0.3, donePoints: 0.1, percent: 50 },
    ]);
  });
});

describe("a milestone the docs name with no tasks yet", () => {
  it("gets its bar in the check run (0 of 0 tasks, 0%)", async () => {
    app = startApp({});
    await app.push({
      "docs/m1.md": A("Receipts"),
      "docs/m2.md": ["# Milestone: M2", "", "## Overview", "Planned for next quarter; tasks to come.", ""].join("\n"),
    });
    expect((app.sim.milestones(FULL) as any[]).map((m) => m.title).sort()).toEqual(["M1", "M2"]);
    // README: "The check run shows one bar per milestone the docs name".
    expect(summary()).toContain("- M2: ░░░░░░░░░░░░░░░░░░░░ 0% · 0 of 0 tasks done");
  });
});
