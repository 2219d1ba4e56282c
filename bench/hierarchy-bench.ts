import { readFileSync } from "node:fs";
import { FULL, OWNER, REPO, startApp } from "../test/app/app-harness.js";
import { pullRequestPayload } from "../test/app/webhook-payloads.js";
import type { LoggedRequest } from "../test/sim/github-sim.js";

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
  problems: string[];
}

function row(scenario: string, requests: readonly LoggedRequest[], problems: string[]): HierarchyRow {
  const counted = requests.filter((r) => r.operationId !== TOKEN);
  const writes = counted.filter((r) => r.method !== "GET");
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
    const rows = [row(`first sync, ${name}`, app.sim.requests, problems())];
    await app.push({ [PATH]: `${EPICS}\n` });
    rows.push(row(`re-sync, no task changed, ${name}`, app.sim.requests, problems()));
    app.sim.resetLog();
    await app.receive("push", payload);
    rows.push(row(`same push redelivered, ${name}`, app.sim.requests, problems()));
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

export function printHierarchy(rows: readonly HierarchyRow[]): void {
  console.log("\nHierarchy and preview: requests for the epic-breakdown fixture (12 stories in 5 epics)");
  console.log("| scenario | reads | writes | writes by operation |");
  console.log("| --- | --- | --- | --- |");
  for (const r of rows) {
    const ops = [...r.byOperation].map(([op, n]) => `${op} ${n}`).join(", ") || "none";
    console.log(
      `| ${r.scenario} | ${r.reads} | ${r.writes} | ${ops}${r.problems.length ? ` (PROBLEMS: ${r.problems.join("; ")})` : ""} |`,
    );
  }
}
