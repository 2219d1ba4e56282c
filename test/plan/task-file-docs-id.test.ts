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

describe("what makes a file with an `id:` a task file", () => {
  it("is a task file with an `id:` and a `status:` key, even an empty one", () => {
    const plan = parsePlan(["---", "id: task-8", "title: T", "status:", "---", ""].join("\n"));
    expect(plan.tasks.map((t) => [t.id, t.checked])).toEqual([["task-8", false]]);
  });

  it("reads a spec whose frontmatter has an unknown status as one task, and says why its list items are not tasks", () => {
    const spec = [
      "---",
      "id: SPEC-12",
      "title: Auth",
      "status: Draft",
      "---",
      "",
      "- [ ] BE-1 Add the login endpoint",
      "",
    ].join("\n");
    const plan = parsePlan(spec);
    expect(plan.tasks.map((t) => t.id)).toEqual(["SPEC-12"]);
    expect(plan.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([["warning", "unknown-status", 4]]);
    expect(plan.diagnostics[0]!.message).toContain("its list items are not tasks");
  });
});
