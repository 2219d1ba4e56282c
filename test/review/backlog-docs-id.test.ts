import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * `docs/**` is a default path, and Docusaurus (and many static-site generators) give every page an
 * `id:` in its frontmatter. Any `id:` that the ID grammar accepts once uppercased turns the whole
 * page into a task, with no status line needed: the release notes page becomes an issue with the
 * page as its body (needless issues: spam), and a plan doc whose frontmatter carries an `id:`
 * loses every task in it without a word, so their issues get the removal action.
 */
describe("frontmatter `id:` in docs that are not Backlog.md task files", () => {
  it("a Docusaurus page with `id: release-2` and no task fields is not a task", () => {
    const page = [
      "---",
      "id: release-2",
      "title: Release 2 notes",
      "sidebar_label: Release 2",
      "sidebar_position: 3",
      "---",
      "",
      "# Release 2",
      "",
      "We shipped the new exporter.",
      "",
    ].join("\n");
    expect(parsePlan(page).tasks.map((t) => t.id)).toEqual([]);
  });

  it("a spec doc with an `id:` keeps its ID'd tasks, or at least says it dropped them", () => {
    const spec = [
      "---",
      "id: SPEC-12",
      "title: Auth spec",
      "---",
      "",
      "## Tasks",
      "",
      "- [ ] BE-1 Add the login endpoint",
      "- [ ] BE-2 Add the logout endpoint",
      "",
    ].join("\n");
    const plan = parsePlan(spec);
    const ids = plan.tasks.map((t) => t.id);
    const kept = ids.includes("BE-1") && ids.includes("BE-2");
    const warned = plan.diagnostics.some((d) => d.severity !== "info");
    // Either reading is acceptable; silently dropping BE-1 and BE-2 is not.
    expect({ ids, keptOrWarned: kept || warned }).toMatchObject({ keptOrWarned: true });
  });
});
