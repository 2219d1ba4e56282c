import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { onConditionalRequest, useEtagCache, type ConditionalResult } from "../../src/github/conditional-requests.js";
import { MemoryEtagCache } from "../../src/github/etag-cache.js";
import type { Octokit } from "../../src/github/octokit.js";
import { tokenOctokit } from "../../src/github/token-octokit.js";
import type { GitHubSim } from "../sim/github-sim.js";
import { newSim } from "../sim/sim-test-helpers.js";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const repo = { owner: "octo", repo: "plans" };

let sim: GitHubSim;
let stopNock: () => void;
let octokit: Octokit;
let results: ConditionalResult[];
let stopListening: () => void;

beforeEach(() => {
  sim = newSim({ "README.md": "# Plans\n", ".github/plansync.yml": "paths: [docs/**]\n" });
  sim.addRepo({ owner: "octo", repo: "other", files: { "README.md": "# Plans\n" } });
  stopNock = sim.interceptWithNock();
  useEtagCache(new MemoryEtagCache(8 * 1024 * 1024));
  octokit = tokenOctokit({ token: "ghs_test", userAgent: "plansync-test", log: quiet });
  results = [];
  stopListening = onConditionalRequest((result) => results.push(result));
});

afterEach(() => {
  stopListening();
  stopNock();
  expect(sim.violations).toEqual([]);
});

async function openIssues(count: number, into = "octo/plans"): Promise<void> {
  for (let i = 1; i <= count; i++) await sim.openIssueAs(into, "alice", `Task ${i}`, `Body ${i}`);
  sim.resetLog();
}

const listAll = () => octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, state: "all", per_page: 2 });

describe("conditional requests", () => {
  it("answers an unchanged re-read from the cache through a free 304", async () => {
    await openIssues(1);
    const first = await octokit.rest.issues.listForRepo({ ...repo, state: "all" });
    const second = await octokit.rest.issues.listForRepo({ ...repo, state: "all" });
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    expect(second.data.map((i) => i.title)).toEqual(["Task 1"]);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 304]);
    expect(sim.rateLimited()).toHaveLength(1);
    expect(sim.notModified()).toHaveLength(1);
    expect(results).toEqual(["uncached", "not_modified"]);
    // The 304's own rate-limit headers are handed on: it spent nothing.
    expect(second.headers["x-ratelimit-remaining"]).toBe(first.headers["x-ratelimit-remaining"]);
  });

  it("walks every page of a listing from 304s, each page its own conditional request", async () => {
    await openIssues(5);
    const first = await listAll();
    const second = await listAll();
    expect(first.map((i) => i.title)).toEqual(["Task 5", "Task 4", "Task 3", "Task 2", "Task 1"]);
    expect(second).toEqual(first);
    expect(sim.requests.map((r) => [r.query, r.status])).toEqual([
      ["state=all&per_page=2", 200],
      ["state=all&per_page=2&page=2", 200],
      ["state=all&per_page=2&page=3", 200],
      ["state=all&per_page=2", 304],
      ["state=all&per_page=2&page=2", 304],
      ["state=all&per_page=2&page=3", 304],
    ]);
    expect(sim.rateLimited()).toHaveLength(3);
  });

  it("reads a changed resource anew, never the stored answer", async () => {
    await openIssues(3);
    await listAll();
    await sim.actAs("alice", "PATCH", "/repos/octo/plans/issues/2", { title: "Renamed", state: "closed" });
    sim.resetLog();
    const after = await listAll();
    expect(after.map((i) => [i.number, i.title, i.state])).toEqual([
      [3, "Task 3", "open"],
      [2, "Renamed", "closed"],
      [1, "Task 1", "open"],
    ]);
    // The first page holds #2 and is read anew; the second (#1 alone) did not change.
    expect(sim.requests.map((r) => r.status)).toEqual([200, 304]);
    expect(results.slice(-2)).toEqual(["modified", "not_modified"]);
    // And the new answer is what the next unchanged read is served.
    const again = await listAll();
    expect(again).toEqual(after);
    expect(sim.requests.map((r) => r.status)).toEqual([200, 304, 304, 304]);
  });

  it("keeps a raw file as the string it is", async () => {
    const read = () =>
      octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
        ...repo,
        path: ".github/plansync.yml",
        mediaType: { format: "raw" },
      });
    const first = await read();
    const second = await read();
    expect(first.data).toBe("paths: [docs/**]\n");
    expect(second.data).toBe("paths: [docs/**]\n");
    expect(sim.requests.map((r) => r.status)).toEqual([200, 304]);
    // The same file as JSON is another answer: another entry, never the raw string.
    const json = await octokit.rest.repos.getContent({ ...repo, path: ".github/plansync.yml" });
    expect(typeof json.data).toBe("object");
    expect((json.data as { type: string }).type).toBe("file");
    expect(results).toEqual(["uncached", "not_modified", "uncached"]);
  });

  it("keeps no error: a 404 stays a 404, asked unconditionally every time", async () => {
    const missing = () => octokit.rest.repos.getContent({ ...repo, path: "nope.md" }).catch((e) => e.status);
    expect(await missing()).toBe(404);
    expect(await missing()).toBe(404);
    // Only answers are counted; an error is GitHub's to report, not the cache's.
    expect(results).toEqual([]);
    expect(sim.rateLimited()).toHaveLength(2);
  });

  it("never answers one repository's read with another's stored body", async () => {
    await openIssues(1, "octo/plans");
    await openIssues(1, "octo/other");
    const plans = await octokit.rest.issues.listForRepo({ ...repo, state: "all" });
    const other = await octokit.rest.issues.listForRepo({ owner: "octo", repo: "other", state: "all" });
    expect(plans.data[0]!.repository_url).toMatch(/\/repos\/octo\/plans$/);
    expect(other.data[0]!.repository_url).toMatch(/\/repos\/octo\/other$/);
    expect(results).toEqual(["uncached", "uncached"]);
  });

  it("hands every caller its own copy: mutating a read changes no later one", async () => {
    await openIssues(1);
    const first = await octokit.rest.issues.listForRepo({ ...repo, state: "all" });
    first.data[0]!.title = "mutated";
    const second = await octokit.rest.issues.listForRepo({ ...repo, state: "all" });
    expect(second.data[0]!.title).toBe("Task 1");
    const third = await octokit.rest.issues.listForRepo({ ...repo, state: "all" });
    second.data.pop();
    expect(third.data).toHaveLength(1);
  });

  it("sends nothing conditional when turned off", async () => {
    useEtagCache(null);
    await octokit.rest.repos.get({ ...repo });
    await octokit.rest.repos.get({ ...repo });
    expect(sim.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(results).toEqual([]);
  });
});
