import { describe, expect, it } from "vitest";
import { readMilestoneMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "./app-harness.js";

let app: TestApp | undefined;
checkAfterEach(() => app);

const DOC = [
  "# Milestone: `M2.3 Invoice PDF export`",
  "",
  "## Overview",
  "Finance teams want archivable PDFs of every invoice; @carol signs off on the layout.",
  "This milestone renders them server-side.",
  "",
  "Second paragraph, not in the description.",
  "",
  "## Tasks",
  "",
  "- [x] BIL-1: Render the template (3 points)",
  "- [ ] BIL-2: Store the files (5 points)",
  "- [ ] BIL-3: Signed download links (2 points)",
  "",
].join("\n");

const milestone = () => (app!.sim.milestones(FULL) as any[])[0];
const milestoneWrites = () => app!.sim.writes().filter((w) => w.operationId?.includes("milestone"));

describe("milestone descriptions from the plan", () => {
  it("carries the overview's first paragraph, a link to the doc and the progress, with no ping", async () => {
    app = startApp({});
    await app.push({ "docs/m23.md": DOC });
    const description: string = milestone().description;
    expect(description).toContain("Finance teams want archivable PDFs of every invoice;");
    expect(description).toContain("This milestone renders them server-side.");
    expect(description).not.toContain("Second paragraph");
    expect(description).not.toMatch(/(^|[^`])@carol/);
    expect(description).toContain(
      "Planned in [`docs/m23.md`](https://github.com/octo/plans/blob/HEAD/docs/m23.md) · 1 of 3 tasks done · 3 of 10 points",
    );
    expect(readMilestoneMarker(description)).toMatchObject({ doc: "docs/m23.md" });
    const run = app.sim.checkRuns(FULL).at(-1)!;
    expect(run.output.summary).toContain(
      "- M2.3 Invoice PDF export: ▓▓▓▓▓▓▓░░░░░░░░░░░░░ 33% · 1 of 3 tasks done · 3 of 10 points",
    );
  });

  it("rewrites it only when the progress changes: one request per tick, none on a redelivery", async () => {
    app = startApp({});
    await app.push({ "docs/m23.md": DOC });
    const ticked = DOC.replace("- [ ] BIL-2", "- [x] BIL-2");
    const payload = await app.push({ "docs/m23.md": ticked });
    expect(milestoneWrites()).toHaveLength(1);
    expect(milestone().description).toContain("2 of 3 tasks done · 8 of 10 points");
    app.sim.resetLog();
    await app.receive("push", payload);
    expect(app.sim.writes()).toEqual([]);
    await app.push({ "docs/m23.md": ticked.replace("Store the files", "Store the PDF files") });
    expect(milestoneWrites()).toEqual([]);
  });

  it("never overwrites a description a human edited", async () => {
    app = startApp({});
    await app.push({ "docs/m23.md": DOC });
    const { number, description } = milestone();
    const edited = description.replace("Finance teams", "Our finance teams (edited by a PM)");
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/milestones/${number}`,
      body: JSON.stringify({ description: edited }),
    });
    await app.push({ "docs/m23.md": DOC.replace("- [ ] BIL-2", "- [x] BIL-2") });
    expect(milestone().description).toBe(edited);
    expect(milestoneWrites()).toEqual([]);
  });

  it("two docs naming one milestone do not take turns rewriting it", async () => {
    app = startApp({});
    const other =
      "---\nmilestone_name: M2.3 Invoice PDF export\n---\n\n## Overview\nAnother view.\n\n- [ ] BIL-9: Docs\n";
    await app.push({ "docs/m23.md": DOC, "docs/zz-extra.md": other });
    const first = milestone().description;
    expect(first).toContain("Planned in [`docs/m23.md`]");
    expect(first).toContain("1 of 4 tasks done");
    await app.push({ "docs/zz-extra.md": other.replace("Docs", "User docs") });
    expect(milestoneWrites()).toEqual([]);
    await app.push({ "docs/m23.md": DOC.replace("Render the template", "Render the invoice template") });
    expect(milestoneWrites()).toEqual([]);
  });
});
