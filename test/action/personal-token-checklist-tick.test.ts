import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { issueEditedPayload, issueStatePayload, pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim } from "../sim/github-sim.js";
import type { RunningServer } from "../sim/http-server.js";
import { runActionProcess } from "./action-runner.js";

/**
 * The Action run with a person's token (a PAT in `token:`, e.g. so that write-back commits
 * trigger workflows): plansync's identity is that person. When that same person ticks a box in
 * an issue's checklist by hand, `owesWriteBack` takes the edit for plansync's own
 * (sender === creator) and never writes it back, although the marker's `checks` already tell
 * plansync's own edits (which keep marker and body in agreement) from a human's.
 */
const target = { owner: "octo", repo: "plans" };
const FULL = "octo/plans";
const PLAN = "- [ ] CL-1 Ship the export\n  - [ ] write tests\n  - [ ] update docs\n- [ ] CL-2 Other\n";
let sim: GitHubSim;
let server: RunningServer;
let dir: string;
beforeEach(async () => {
  sim = new GitHubSim({ actor: { login: "octo-dev", type: "User" } });
  sim.addRepo({ ...target, files: { "README.md": "# Plans\n" } });
  sim.setCollaborators(FULL, ["octo-dev"]);
  server = await sim.listen();
  dir = mkdtempSync(join(tmpdir(), "plansync-review-pat-"));
});
afterEach(() => server.close());

const run = (event: string, payload: unknown) =>
  runActionProcess(server, dir, event, payload, { token: "ghp_octo_dev" });
const byId = (id: string) => sim.issues(FULL).find((i) => readMarker(i.body)?.id === id)!;

describe("the Action with a person's token", { timeout: 120_000 }, () => {
  it("closing an issue by hand (control) is written back", async () => {
    const { sha, before } = sim.commitFiles(FULL, "main", { "docs/plan.md": PLAN }, "Plan");
    expect((await run("push", pushPayload(target, { before, after: sha }))).code).toBe(0);
    const issue = byId("CL-2");
    await sim.actAs("octo-dev", "PATCH", `/repos/${FULL}/issues/${issue.number}`, { state: "closed" });
    const payload = issueStatePayload(target, sim.issue(FULL, issue.number), "closed");
    payload.sender.login = "octo-dev";
    expect((await run("issues", payload)).code).toBe(0);
    expect(sim.readFile(FULL, "main", "docs/plan.md")).toContain("- [x] CL-2 Other");
  });

  it("that person ticking a checklist box in an issue by hand is written back", async () => {
    const { sha, before } = sim.commitFiles(FULL, "main", { "docs/plan.md": PLAN }, "Plan");
    expect((await run("push", pushPayload(target, { before, after: sha }))).code).toBe(0);
    const issue = byId("CL-1");
    const ticked = issue.body!.replace("- [ ] update docs", "- [x] update docs");
    await sim.actAs("octo-dev", "PATCH", `/repos/${FULL}/issues/${issue.number}`, { body: ticked });
    const payload = issueEditedPayload(target, sim.issue(FULL, issue.number), issue.body!);
    payload.sender.login = "octo-dev";
    const result = await run("issues", payload);
    expect(result.code).toBe(0);
    expect(sim.readFile(FULL, "main", "docs/plan.md")).toBe(PLAN.replace("- [ ] update docs", "- [x] update docs"));
  });
});
