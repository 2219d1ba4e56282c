import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { pullRequestPayload } from "../app/webhook-payloads.js";

/**
 * The threat model (README "Threat model", anonymous user row) and the fork note plansync itself
 * prints say a fork's preview "reads nothing outside this repository". A fork's doc naming one
 * of the organisation's (private) boards in its frontmatter must not make the preview read that
 * board with the installation's token, nor tell the stranger which issues already sit on it.
 * A pull request from a branch of the repository (its author can push) previews its cards.
 */
const PLAN = "# Plan\n\n- [ ] FP-1 First\n- [ ] FP-2 Second\n";
const PROBE = "---\nproject: https://github.com/orgs/octo/projects/5\n---\n" + PLAN;
let app: TestApp;
checkAfterEach(() => app);

async function start() {
  // The repository uses no board at all.
  app = startApp({ ".github/plansync.yml": "types: false\n" }, { ownerType: "Organization" });
  await app.push({ "docs/plan.md": PLAN });
  // The organisation's private board, which holds FP-1's issue (#1) only.
  app.sim.createProject("orgs/octo", {
    number: 5,
    title: "Exec roadmap (private)",
    fields: [{ name: "Status", dataType: "SINGLE_SELECT", options: ["Todo", "In Progress", "Done"] }],
  });
  app.sim.setProjectField({ owner: "orgs/octo", number: 5 }, { ownerRepo: FULL, number: 1 }, "Status", "Todo");
}

async function preview(fork?: string) {
  const pr = app.sim.openPullRequest(FULL, { branch: "probe", fork, changes: { "docs/plan.md": PROBE } });
  app.sim.resetLog();
  await app.receive(
    "pull_request",
    pullRequestPayload(
      { owner: OWNER, repo: REPO },
      {
        action: "opened",
        number: pr.number,
        headSha: pr.headSha,
        headRef: "probe",
        fork,
      },
    ),
  );
  const run = app.sim.checkRuns(FULL).find((r) => r.name === "plansync preview" && r.headSha === pr.headSha)!;
  const text = `${run.output.summary}\n${run.output.text}`;
  const boardQueries = app.sim.requests.filter((r) => /graphql:query:(organization|nodes)/.test(r.operationId ?? ""));
  return { text, boardQueries: boardQueries.map((r) => r.operationId) };
}

describe("a fork's preview and the organisation's boards", () => {
  it("reads no board a fork's frontmatter `project:` names, reports nothing of its cards, and says why", async () => {
    await start();
    const { text, boardQueries } = await preview("mallory");
    expect({
      boardQueries,
      fp2AddedRow: /FP-2[^\n]*added to the board/.test(text),
      fp1AddedRow: /FP-1[^\n]*added to the board/.test(text),
    }).toEqual({ boardQueries: [], fp2AddedRow: false, fp1AddedRow: false });
    expect(text).toContain("comes from a fork, so no board was read");
    expect(text).not.toContain("Exec roadmap");
  });

  it("previews the cards of a pull request from a branch of the repository, whose author can push", async () => {
    await start();
    const { text, boardQueries } = await preview();
    expect(boardQueries.length).toBeGreaterThan(0);
    expect(text).toMatch(/FP-2[^\n]*added to the board/);
    expect(text).not.toMatch(/FP-1[^\n]*added to the board/);
    expect(text).not.toContain("comes from a fork");
  });
});
