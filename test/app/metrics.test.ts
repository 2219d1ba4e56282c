import { describe, expect, it } from "vitest";
import { checkAfterEach, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { installationCreatedPayload } from "./webhook-payloads.js";

let app: TestApp;
checkAfterEach(() => app);

/** The value of one sample in Prometheus text, or undefined when absent. */
function sample(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe("metrics", () => {
  it("count jobs by kind and outcome, operations by kind, cache lookups and the queue", async () => {
    app = startApp({ "docs/plan.md": "- [ ] ME-1 One\n- [x] ME-2 Two\n" });
    const installed = installationCreatedPayload({ owner: OWNER, repo: REPO });
    await app.receive("installation", installed);
    await app.receive("installation", installed);
    const text = await app.metrics.registry.metrics();
    expect(sample(text, 'plansync_jobs_total{kind="sync",outcome="done"}')).toBe(2);
    expect(sample(text, 'plansync_operations_total{kind="create-issue"}')).toBe(2);
    expect(sample(text, 'plansync_blob_cache_lookups{result="hit"}')).toBe(1);
    expect(sample(text, 'plansync_blob_cache_lookups{result="miss"}')).toBe(1);
    expect(sample(text, 'plansync_queue_jobs{state="waiting"}')).toBe(0);
    expect(sample(text, 'plansync_job_duration_seconds_count{kind="sync"}')).toBe(2);
    expect(text).toContain("plansync_process_resident_memory_bytes");
  });
});
