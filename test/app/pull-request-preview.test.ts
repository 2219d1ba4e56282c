import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { pullRequestPayload, type PullFields } from "./webhook-payloads.js";

const target = { owner: OWNER, repo: REPO };
const PLAN = [
  "# Sprint 14",
  "",
  "## Tasks",
  "",
  "- [ ] BE-001: Create the retry table",
  "- [ ] BE-002: Schedule endpoints",
  "- [ ] BE-003: Admin-only changes",
  "- [ ] BE-004: Reminder emails",
  "",
].join("\n");

let app: TestApp | undefined;
checkAfterEach(() => app);

/** A synced repository with one plan, then a pull request that changes it as `changes` says. */
async function syncedRepo(files: Record<string, string> = {}) {
  app = startApp({ "README.md": "# Ledgerly\n", ...files });
  await app.push({ "docs/sprint.md": PLAN });
  return app;
}

async function openPull(
  changes: Record<string, string | null>,
  options: { fork?: string; number?: number; action?: PullFields["action"]; base?: string } = {},
) {
  const pr = app!.sim.openPullRequest(FULL, { branch: "plan-change", ...options, changes });
  const payload = pullRequestPayload(target, {
    action: options.action ?? "opened",
    number: pr.number,
    headSha: pr.headSha,
    headRef: "plan-change",
    baseRef: options.base,
    fork: options.fork,
  });
  app!.sim.resetLog();
  await app!.receive("pull_request", payload);
  return { ...pr, payload };
}

const previews = (sha: string) =>
  app!.sim.checkRuns(FULL).filter((run) => run.name === "plansync preview" && run.headSha === sha);

/** The change table's rows, as `task | issue | change | status` cells. */
function rows(text: string | null): string[][] {
  return (text ?? "")
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Task") && !line.startsWith("| ---"))
    .map((line) =>
      line
        .slice(2, -2)
        .split(" | ")
        .map((cell) => cell.trim()),
    );
}

const EDITED = PLAN.replace("BE-002: Schedule endpoints", "BE-002: Schedule endpoints for tenants")
  .replace("- [ ] BE-003", "- [x] BE-003")
  .replace("- [ ] BE-004: Reminder emails\n", "")
  .concat("- [ ] BE-005: Retry dashboard\n");

describe("pull-request preview", () => {
  it("shows what merging would do, row by row, and writes nothing but its check run", async () => {
    await syncedRepo();
    const be002 = issueOfTask(app!, "BE-002").number;
    const be003 = issueOfTask(app!, "BE-003").number;
    const be004 = issueOfTask(app!, "BE-004").number;
    const pr = await openPull({ "docs/sprint.md": EDITED });
    const [run] = previews(pr.headSha);
    expect(run).toBeDefined();
    expect(run!.conclusion).toBe("success");
    expect(run!.output.title).toBe("Merging would create 1, update 1, close 2 issues");
    expect(run!.output.summary).toContain("merged into `main`");
    const url = `https://github.com/${FULL}/issues`;
    expect(rows(run!.output.text)).toEqual([
      ["BE-002", `[#${be002}](${url}/${be002})`, "title changed (title, body)", "on merge"],
      ["BE-003", `[#${be003}](${url}/${be003})`, "ticked in the doc (body, state)", "on merge"],
      ["BE-005", "–", "created", "on merge"],
      ["BE-004", `[#${be004}](${url}/${be004})`, expect.stringMatching(/^removed from the doc/), "on merge"],
    ]);
    expect(app!.sim.writes().map((w) => w.operationId)).toEqual(["checks/create"]);
    expect(issueOfTask(app!, "BE-005")).toBeUndefined();
    expect(issueOfTask(app!, "BE-003").state).toBe("open");
  });

  it("a redelivered or repeated event makes zero writes; a new head gets its own check run", async () => {
    await syncedRepo();
    const pr = await openPull({ "docs/sprint.md": EDITED });
    app!.sim.resetLog();
    await app!.receive("pull_request", pr.payload);
    expect(app!.sim.writes()).toEqual([]);
    const next = await openPull(
      { "docs/sprint.md": EDITED.replace("Retry dashboard", "Retry dashboard and export") },
      { number: pr.number, action: "synchronize" },
    );
    expect(next.headSha).not.toBe(pr.headSha);
    expect(previews(next.headSha)).toHaveLength(1);
    expect(previews(pr.headSha)).toHaveLength(1);
  });

  it("previews a fork's pull request from the head commit the base repository holds", async () => {
    await syncedRepo();
    const pr = await openPull({ "docs/sprint.md": EDITED }, { fork: "outside-contributor" });
    expect(app!.sim.branches(FULL)).not.toContain("plan-change");
    const [run] = previews(pr.headSha);
    expect(run!.output.title).toBe("Merging would create 1, update 1, close 2 issues");
    expect(app!.sim.writes().map((w) => w.operationId)).toEqual(["checks/create"]);
  });

  it("a pull request touching only code costs its file list and writes nothing", async () => {
    await syncedRepo();
    await openPull({ "src/index.ts": "export {};\n" });
    expect(app!.sim.writes()).toEqual([]);
    const calls = app!.sim.requests.filter((r) => r.operationId !== "apps/create-installation-access-token");
    expect(calls.map((r) => r.operationId)).toEqual(["pulls/list-files"]);
  });

  it("a pull request into another branch is not previewed", async () => {
    await syncedRepo();
    app!.sim.commitFiles(FULL, "release", {}, "Start the release branch");
    const pr = await openPull({ "docs/sprint.md": EDITED }, { base: "release" });
    expect(previews(pr.headSha)).toEqual([]);
    expect(app!.sim.writes()).toEqual([]);
  });

  it("previews the config at the head, and annotates problem lines", async () => {
    await syncedRepo();
    const config = "labels:\n  sections: true\n";
    const plan = PLAN.replace("- [ ] BE-004: Reminder emails", "- [ ] **BE-04XX**: Reminder emails");
    const pr = await openPull({ ".github/plansync.yml": config, "docs/sprint.md": plan });
    const [run] = previews(pr.headSha);
    expect(run!.conclusion).toBe("success");
    const changes = rows(run!.output.text).map(([task, , change]) => `${task}: ${change}`);
    expect(changes).toContain("BE-001: details changed (body, labels)");
    expect(run!.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      ["docs/sprint.md", 8, "warning"],
    ]);
  });

  it("shows hierarchy and dependency changes, and progress per milestone", async () => {
    const doc = [
      "# Milestone: `M1`",
      "",
      "### Epic 1: Billing",
      "",
      "- [ ] BIL-1: Invoices (3 points)",
      "- [x] BIL-2: Receipts (2 points)",
      "",
      "### Epic 2: Reports",
      "",
      "- [ ] REP-1: Monthly report (5 points)",
      "",
    ].join("\n");
    app = startApp({});
    await app.push({ "docs/plan.md": doc });
    const moved = doc
      .replace("- [x] BIL-2: Receipts (2 points)\n", "")
      .replace(
        "- [ ] REP-1: Monthly report (5 points)",
        "- [x] BIL-2: Receipts (2 points)\n- [ ] REP-1: Monthly report (5 points)\n  - **Dependencies:** BIL-1",
      );
    const pr = await openPull({ "docs/plan.md": moved });
    const [run] = previews(pr.headSha);
    const changes = rows(run!.output.text).map(([task, , change]) => `${task}: ${change}`);
    expect(changes).toContain("BIL-2: moved to Epic 2 (docs/plan.md)");
    expect(changes).toContain("REP-1: blocked by BIL-1");
    expect(run!.output.summary).toContain("- M1: ▓▓▓▓▓▓▓░░░░░░░░░░░░░ 33% · 1 of 3 tasks done · 2 of 10 points");
    expect(app!.sim.writes().map((w) => w.operationId)).toEqual(["checks/create"]);
  });

  it("an invalid config at the head fails the preview with what to fix", async () => {
    await syncedRepo();
    const pr = await openPull({ ".github/plansync.yml": "paths: 12\n" });
    const [run] = previews(pr.headSha);
    expect(run!.conclusion).toBe("failure");
    expect(run!.output.summary).toContain("paths");
  });
});
