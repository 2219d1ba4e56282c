import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useEtagCache } from "../../src/github/conditional-requests.js";
import { MemoryEtagCache } from "../../src/github/etag-cache.js";
import type { Octokit } from "../../src/github/octokit.js";
import { tokenOctokit } from "../../src/github/token-octokit.js";
import type { GitHubSim } from "../sim/github-sim.js";
import { newSim } from "../sim/sim-test-helpers.js";

/**
 * A page's ETag covers its body, not its `link` header (GitHub, and the simulator: etags.ts), and a
 * 304 carries no `link`. So a page stored when it was the LAST page (no rel="next") is answered
 * 304 later even after the listing grew a new page behind it, and the plugin hands back the stored
 * headers: `octokit.paginate` stops there and the items on the new last page are never seen.
 */

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const repo = { owner: "octo", repo: "plans" };

let sim: GitHubSim;
let stopNock: () => void;
let octokit: Octokit;

beforeEach(() => {
  sim = newSim({ "README.md": "# Plans\n" });
  stopNock = sim.interceptWithNock();
  useEtagCache(new MemoryEtagCache(8 * 1024 * 1024));
  octokit = tokenOctokit({ token: "ghs_test", userAgent: "plansync-test", log: quiet });
});

afterEach(() => {
  stopNock();
  useEtagCache(null);
  expect(sim.violations).toEqual([]);
});

describe("conditional requests: a listing that grows a page behind a full, unchanged last page", () => {
  it("lists an old issue that joined a labelled listing after its last page was stored", async () => {
    for (let i = 1; i <= 5; i++) await sim.openIssueAs("octo/plans", "alice", `Task ${i}`, `Body ${i}`);
    // #2..#5 carry the label: two full pages of 2 (newest first), the second without a next link.
    for (const n of [2, 3, 4, 5])
      await sim.actAs("alice", "POST", `/repos/octo/plans/issues/${n}/labels`, { labels: ["tracked"] });
    const list = () =>
      octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, state: "all", labels: "tracked", per_page: 2 });
    expect((await list()).map((i) => i.number)).toEqual([5, 4, 3, 2]);
    // A person labels the oldest issue: it sorts last, onto a new third page; pages 1 and 2 are unchanged.
    await sim.actAs("alice", "POST", "/repos/octo/plans/issues/1/labels", { labels: ["tracked"] });
    sim.resetLog();
    const after = await list();
    expect(
      after.map((i) => i.number),
      sim.requests.map((r) => `${r.status} ${r.query}`).join("\n"),
    ).toEqual([5, 4, 3, 2, 1]);
  });

  it("lists a milestone created after the last page of the milestone listing was stored (due_on asc: appended)", async () => {
    for (let i = 1; i <= 4; i++) await sim.actAs("alice", "POST", "/repos/octo/plans/milestones", { title: `M${i}` });
    const list = () => octokit.paginate(octokit.rest.issues.listMilestones, { ...repo, state: "all", per_page: 2 });
    expect((await list()).map((m) => m.title)).toEqual(["M1", "M2", "M3", "M4"]);
    await sim.actAs("alice", "POST", "/repos/octo/plans/milestones", { title: "M5" });
    sim.resetLog();
    expect((await list()).map((m) => m.title)).toEqual(["M1", "M2", "M3", "M4", "M5"]);
  });

  it("lists a comment added after the last page of an issue's comments was stored (oldest first: appended)", async () => {
    const issue = await sim.openIssueAs("octo/plans", "alice", "Task", "Body");
    for (let i = 1; i <= 2; i++)
      await sim.actAs("alice", "POST", `/repos/octo/plans/issues/${issue}/comments`, { body: `c${i}` });
    const list = () =>
      octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issue, per_page: 2 });
    expect((await list()).map((c) => c.body)).toEqual(["c1", "c2"]);
    await sim.actAs("alice", "POST", `/repos/octo/plans/issues/${issue}/comments`, { body: "c3" });
    expect((await list()).map((c) => c.body)).toEqual(["c1", "c2", "c3"]);
  });
  it("lists a repository added to the installation after the last page of /installation/repositories was stored (wrapped listing)", async () => {
    for (const name of ["r2", "r3", "r4"]) sim.addRepo({ owner: "octo", repo: name, installationId: 1 });
    const installation = tokenOctokit({ token: "ghs_sim1x_test", userAgent: "plansync-test", log: quiet });
    const list = () => installation.paginate(installation.rest.apps.listReposAccessibleToInstallation, { per_page: 2 });
    expect((await list()).map((r) => r.name)).toEqual(["plans", "r2", "r3", "r4"]);
    // GitHub's `total_count` counts the whole listing, so here page 2 changes too (answered 200
    // with its real link); this guards the wrapped listing's walk, the model test its counting.
    sim.addRepo({ owner: "octo", repo: "r5", installationId: 1 });
    sim.resetLog();
    const after = await list();
    expect(
      after.map((r) => r.name),
      sim.requests.map((r) => `${r.status} ${r.query}`).join("\n"),
    ).toEqual(["plans", "r2", "r3", "r4", "r5"]);
  });

  it("lists a file pushed to a pull request after the last page of its files was stored (sorted by name: appended)", async () => {
    const changes = { "f1.md": "1\n", "f2.md": "2\n", "f3.md": "3\n", "f4.md": "4\n" };
    const pull = sim.openPullRequest("octo/plans", { branch: "plan", changes }).number;
    const list = () => octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pull, per_page: 2 });
    expect((await list()).map((f) => f.filename)).toEqual(["f1.md", "f2.md", "f3.md", "f4.md"]);
    sim.openPullRequest("octo/plans", { branch: "plan", number: pull, changes: { "f5.md": "5\n" } });
    sim.resetLog();
    expect((await list()).map((f) => f.filename)).toEqual(["f1.md", "f2.md", "f3.md", "f4.md", "f5.md"]);
    // The pages 1 and 2 were unchanged: answered 304, free.
    expect(sim.requests.map((r) => `${r.status} ${new URLSearchParams(r.query).get("page") ?? "1"}`)).toEqual([
      "304 1",
      "304 2",
      "200 3",
    ]);
  });

  it("asks once past a full last page when nothing was appended: a free 304 chain and an empty page", async () => {
    for (let i = 1; i <= 4; i++) await sim.actAs("alice", "POST", "/repos/octo/plans/milestones", { title: `M${i}` });
    const list = () => octokit.paginate(octokit.rest.issues.listMilestones, { ...repo, state: "all", per_page: 2 });
    await list();
    await list(); // stores page 3 (empty) behind the full last page
    sim.resetLog();
    expect((await list()).map((m) => m.title)).toEqual(["M1", "M2", "M3", "M4"]);
    expect(sim.requests.map((r) => `${r.status} ${new URLSearchParams(r.query).get("page") ?? "1"}`)).toEqual([
      "304 1",
      "304 2",
      "304 3",
    ]);
  });
});
