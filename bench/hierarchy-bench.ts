import { readFileSync } from "node:fs";
import { FULL, OWNER, REPO, startApp } from "../test/app/app-harness.js";
import { pullRequestPayload } from "../test/app/webhook-payloads.js";
import type { LoggedRequest } from "../test/sim/github-sim.js";
import { countWrites, isWrite } from "./request-counts.js";

const EPICS = readFileSync(new URL("../fixtures/plans/epic-breakdown.md", import.meta.url), "utf8");
const PATH = "docs/epics.md";
const FLAT = "hierarchy:\n  subIssues: false\n  epics: none\n  dependencies: false\n";
const TOKEN = "apps/create-installation-access-token";

export interface HierarchyRow {
  scenario: string;
  reads: number;
  writes: number;
  /** operationId → count, writes only. */
  byOperation: Map<string, number>;
  /** The target, in words, and whether it is met; rows without one print none. */
  target?: { text: string; ok: boolean };
  problems: string[];
}

/**
 * The epic fixture's first sync at GitHub's floor: one write per issue (each story created under
 * its epic), the blocked-by links, the labels and the check run, and not one sub-issue call.
 */
function firstSyncTarget(requests: readonly LoggedRequest[], issues: number): { text: string; ok: boolean } {
  const b = countWrites(requests.filter(isWrite));
  const floor = issues + b.blockedBy + b.labels + b.checkRuns;
  const writes = requests.filter(isWrite).length;
  return {
    text: `${floor} writes = ${issues} creates + ${b.blockedBy} blocked-by + ${b.labels} labels + ${b.checkRuns} check-run writes, no sub-issue call (25 in the issue)`,
    ok: b.issueCreates === issues && b.subIssueLinks === 0 && b.other === 0 && writes === floor && floor === 25,
  };
}

const NO_WRITES = (requests: readonly LoggedRequest[]) => ({
  text: "0 writes",
  ok: requests.filter(isWrite).length === 0,
});

function row(scenario: string, requests: readonly LoggedRequest[], problems: string[]): HierarchyRow {
  const counted = requests.filter((r) => r.operationId !== TOKEN);
  const writes = counted.filter(isWrite);
  const byOperation = new Map<string, number>();
  for (const w of writes) byOperation.set(w.operationId ?? w.path, (byOperation.get(w.operationId ?? w.path) ?? 0) + 1);
  return { scenario, reads: counted.length - writes.length, writes: writes.length, byOperation, problems };
}

/** One app per scenario: the first push is measured, then the same docs again (new commit, then the same push redelivered). */
async function syncScenarios(name: string, config: string | null): Promise<HierarchyRow[]> {
  const app = startApp(config ? { ".github/plansync.yml": config } : {});
  const problems = () => [...app.sim.violations, ...app.errors.map(String)];
  try {
    const payload = await app.push({ [PATH]: EPICS });
    const first = row(`first sync, ${name}`, app.sim.requests, problems());
    if (config === null) first.target = firstSyncTarget(app.sim.requests, app.sim.issues(FULL).length);
    const rows = [first];
    await app.push({ [PATH]: `${EPICS}\n` });
    rows.push({
      ...row(`re-sync, no task changed, ${name}`, app.sim.requests, problems()),
      target: NO_WRITES(app.sim.requests),
    });
    app.sim.resetLog();
    await app.receive("push", payload);
    rows.push({
      ...row(`same push redelivered, ${name}`, app.sim.requests, problems()),
      target: NO_WRITES(app.sim.requests),
    });
    return rows;
  } finally {
    app.stop();
  }
}

/** Moving a story to another epic, and reordering an epic's stories. */
async function changeScenarios(): Promise<HierarchyRow[]> {
  const app = startApp({});
  const problems = () => [...app.sim.violations, ...app.errors.map(String)];
  try {
    await app.push({ [PATH]: EPICS });
    const story = /^- \*\*BE-201:\*\*[^\n]*\n(?: {2}[^\n]*\n)*/m.exec(EPICS)![0];
    const moved = EPICS.replace(story, "").replace(/(### Epic 3[^\n]*\n)/, `$1\n${story}\n`);
    await app.push({ [PATH]: moved });
    const rows = [row("move a story to another epic", app.sim.requests, problems())];
    const b301 = /^- \*\*BE-301:\*\*[^\n]*\n(?: {2}[^\n]*\n)*/m.exec(moved)![0];
    const b303 = /^- \*\*BE-303:\*\*[^\n]*\n(?: {2}[^\n]*\n)*/m.exec(moved)![0];
    const swapped = moved.replace(b301, "\u0000").replace(b303, b301).replace("\u0000", b303);
    await app.push({ [PATH]: swapped });
    rows.push(row("swap two stories of an epic", app.sim.requests, problems()));
    return rows;
  } finally {
    app.stop();
  }
}

/** A pull request touching only code, and one editing the plan. */
async function previewScenarios(): Promise<HierarchyRow[]> {
  const app = startApp({});
  const problems = () => [...app.sim.violations, ...app.errors.map(String)];
  const preview = async (changes: Record<string, string>, branch: string) => {
    const pr = app.sim.openPullRequest(FULL, { branch, changes });
    const payload = pullRequestPayload(
      { owner: OWNER, repo: REPO },
      { action: "opened", number: pr.number, headSha: pr.headSha, headRef: branch },
    );
    app.sim.resetLog();
    await app.receive("pull_request", payload);
    return payload;
  };
  try {
    await app.push({ [PATH]: EPICS });
    await preview({ "src/app.ts": "export {};\n" }, "code");
    const rows = [row("preview, pull request touching only code", app.sim.requests, problems())];
    const payload = await preview(
      { [PATH]: EPICS.replace("- **BE-202:**", "- **BE-204:** New story\n\n- **BE-202:**") },
      "plan",
    );
    rows.push(row("preview, pull request editing the plan", app.sim.requests, problems()));
    app.sim.resetLog();
    await app.receive("pull_request", payload);
    rows.push(row("preview, same event redelivered", app.sim.requests, problems()));
    return rows;
  } finally {
    app.stop();
  }
}

export async function benchHierarchy(): Promise<HierarchyRow[]> {
  return [
    ...(await syncScenarios("with hierarchy", null)),
    ...(await syncScenarios("without hierarchy", FLAT)),
    ...(await changeScenarios()),
    ...(await previewScenarios()),
  ];
}

/** Prints the table; returns the scenarios that missed their target (the bench then exits non-zero). */
export function printHierarchy(rows: readonly HierarchyRow[]): string[] {
  console.log("\nHierarchy and preview: requests for the epic-breakdown fixture (12 stories in 5 epics)");
  console.log("| scenario | reads | writes | writes by operation |");
  console.log("| --- | --- | --- | --- |");
  for (const r of rows) {
    const ops = [...r.byOperation].map(([op, n]) => `${op} ${n}`).join(", ") || "none";
    console.log(
      `| ${r.scenario} | ${r.reads} | ${r.writes} | ${ops}${r.problems.length ? ` (PROBLEMS: ${r.problems.join("; ")})` : ""} |`,
    );
  }
  for (const r of rows)
    if (r.target) console.log(`  target, ${r.scenario}: ${r.target.text}: ${r.target.ok ? "met" : "MISSED"}`);
  return rows.filter((r) => (r.target && !r.target.ok) || r.problems.length > 0).map((r) => r.scenario);
}
