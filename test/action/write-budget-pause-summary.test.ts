// Regression, issue #22 (write budget / reporters): in the Action (and the CLI) nothing resumes a sync the
// budget pauses: the run ends (the Action throws "the sync stopped part-way ...; rerun the job to
// go on", run-action.ts) and the next run starts over. Yet the report the Action writes to its
// job summary is the App's: "plansync resumes it by itself in about N min", "paused until HH:MM
// UTC (...); resumes by itself". A user reading the summary waits for a resume that never comes.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit as RestOctokit } from "@octokit/rest";
import { config } from "@probot/octokit-plugin-config";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { summaryReporter } from "../../src/action/summary-reporter.js";
import type { Octokit } from "../../src/github/octokit.js";
import type { WriteBudget } from "../../src/github/write-budget.js";
import { writeBudget } from "../../src/github/write-budget-plugin.js";
import { writePolicy } from "../../src/github/write-policy.js";
import { runSync } from "../../src/jobs/sync-job.js";
import { mergeSyncWork } from "../../src/jobs/merge-work.js";
import { GitHubSim } from "../sim/github-sim.js";

const ActionLikeOctokit = RestOctokit.plugin(retry, throttling, config, writePolicy, writeBudget);

/** The token's hour spent after `admit` writes (as by 450 earlier writes of this run). */
function spentAfter(admit: number): WriteBudget {
  return {
    async reserve() {
      if (admit > 0) return (admit--, { waitMs: 0, chunkWaitMs: 0 });
      return { waitMs: 40 * 60_000, chunkWaitMs: 40 * 60_000 };
    },
  };
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe("the Action's summary of a sync the write budget paused", () => {
  it("does not promise a resume by itself when the Action's run ends and must be rerun", async () => {
    const sim = new GitHubSim({ actor: { login: "github-actions[bot]", type: "Bot" } });
    sim.addRepo({ owner: "octo", repo: "plans", files: {} });
    const plan = `# Plan\n\n## Tasks\n\n${Array.from({ length: 8 }, (_, i) => `- [ ] BP-${i + 1} Task ${i + 1}\n`).join("")}`;
    sim.commitFiles("octo/plans", "main", { "docs/plan.md": plan }, "Add plan");
    stop = sim.interceptWithNock();
    const octokit = new ActionLikeOctokit({
      auth: "ghs_token",
      retry: { enabled: false },
      throttle: { enabled: false },
      writeBudget: { budget: spentAfter(4), installation: "token" },
    }) as unknown as Octokit;
    const dir = mkdtempSync(join(tmpdir(), "plansync-budget-"));
    const summaryFile = join(dir, "summary.md");
    writeFileSync(summaryFile, "");
    const { reporter } = summaryReporter({ summaryFile, log: () => {} });
    const outcome = await runSync(
      octokit,
      mergeSyncWork([
        { kind: "sync", installationId: 0, owner: "octo", repo: "plans", branch: null, commits: null } as any,
      ]),
      { creator: "github-actions[bot]", log: pino({ level: "silent" }) as any, reporter },
    );
    // The Action treats this outcome as a stopped sync and fails the step (run-action.ts:
    // `if (outcome?.failed) throw new Error("... rerun the job to go on")`): nothing resumes it.
    expect(outcome?.failed).toBe(true);
    expect(outcome?.resumeAfterMs).toBeGreaterThan(0);
    const summary = readFileSync(summaryFile, "utf8");
    expect(summary).not.toMatch(/resumes (it )?by itself/);
    // It says what does resume it: running the workflow again, or the next scheduled run.
    expect(summary).toMatch(/run the workflow again after \d\d:\d\d UTC, or the next scheduled run resumes it/);
  });
});
