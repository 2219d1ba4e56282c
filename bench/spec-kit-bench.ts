import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parsePlan } from "../src/plan/index.js";
import { FULL, OWNER, REPO, startApp } from "../test/app/app-harness.js";
import { installationCreatedPayload, repositoriesAddedPayload } from "../test/app/webhook-payloads.js";
import { countOps, notModified, rateLimited } from "./request-counts.js";
import { generateSpecKitFeature } from "./generate-spec-kit.js";
import { interleavedMedianMs } from "./measure.js";

const FEATURES = 50;
const FEATURE_BYTES = 25_000;

interface ScanRun {
  label: string;
  ms: number;
  reads: number;
  /** Requests charged against the rate limit (reads and writes; a 304 is free). */
  charged: number;
  /** Conditional re-reads answered 304. */
  notModified: number;
  writes: number;
  readOps: Map<string, number>;
  writeOps: Map<string, number>;
}

export interface SpecKitRow {
  features: number;
  bytes: number;
  tasks: number;
  /** Parsing every tasks.md once, as a full scan does: median of 5, interleaved with `bareMs`'s runs. */
  parseMs: number;
  /** The same texts through bare remark-parse + remark-gfm, measured the same way. */
  bareMs: number;
  issues: number;
  milestones: number;
  runs: ScanRun[];
  problems: string[];
}

/**
 * A repository of 50 spec-kit features (tasks.md about 25 KB each, spec.md beside it), installed:
 * the first full scan creates everything; the second, as when the app is added again to the
 * repository, finds everything in step.
 */
export async function benchSpecKit(featureCount = FEATURES): Promise<SpecKitRow> {
  const features = Array.from({ length: featureCount }, (_, i) => generateSpecKitFeature(i + 1, FEATURE_BYTES));
  const files: Record<string, string> = {};
  for (const f of features) {
    files[`${f.folder}/tasks.md`] = f.tasks;
    files[`${f.folder}/spec.md`] = f.spec;
  }
  const texts = features.map((f) => f.tasks);
  const bare = unified().use(remarkParse).use(remarkGfm).freeze();
  const [parseMs, bareMs] = interleavedMedianMs([
    () => texts.forEach((t) => parsePlan(t)),
    () => texts.forEach((t) => bare.parse(t)),
  ]) as [number, number];
  const app = startApp(files);
  const runs: ScanRun[] = [];
  const scan = async (label: string, payload: unknown, name: string) => {
    app.sim.resetLog();
    const start = process.hrtime.bigint();
    await app.receive(name, payload);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const reads = app.sim.reads();
    const writes = app.sim.writes();
    runs.push({
      label,
      ms,
      reads: reads.length,
      charged: rateLimited(app.sim.requests).length,
      notModified: notModified(app.sim.requests).length,
      writes: writes.length,
      readOps: countOps(reads),
      writeOps: countOps(writes),
    });
  };
  try {
    const repo = { owner: OWNER, repo: REPO };
    await scan("first full scan (installation)", installationCreatedPayload(repo), "installation");
    await scan(
      "second full scan (repository added again)",
      repositoriesAddedPayload(repo),
      "installation_repositories",
    );
    // The second scan re-reads every page once, since the first scan's creates changed them; from
    // then on an unchanged repository answers 304 to everything.
    await scan(
      "third full scan (unchanged since the second)",
      repositoriesAddedPayload(repo),
      "installation_repositories",
    );
    return {
      features: featureCount,
      bytes: texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0),
      tasks: features.reduce((sum, f) => sum + f.taskCount, 0),
      parseMs,
      bareMs,
      issues: app.sim.issues(FULL).length,
      milestones: app.sim.milestones(FULL).length,
      runs,
      problems: [...app.sim.violations, ...app.errors.map((e) => `sync failed: ${String(e)}`)],
    };
  } finally {
    app.stop();
  }
}

const list = (ops: Map<string, number>) => [...ops].map(([op, n]) => `${op} x${n}`).join(", ") || "none";

/** An unchanged rescan: everything it re-reads answers 304, whatever the repository's size. */
export const RESCAN_CHARGED_LIMIT = 3;

/** Prints the figures; returns the targets missed (the bench then exits non-zero). */
export function printSpecKit(row: SpecKitRow): string[] {
  const kb = (row.bytes / row.features / 1024).toFixed(1);
  console.log("");
  console.log(
    `spec-kit repository: ${row.features} features (specs/NNN-*/tasks.md, ${kb} KB each on average, ` +
      `${row.tasks.toLocaleString("en-US")} tasks; spec.md beside each)`,
  );
  console.log(
    `  parse of every tasks.md (${(row.bytes / 1024 / 1024).toFixed(2)} MB): ${row.parseMs.toFixed(0)} ms ` +
      `(${(row.parseMs / row.features).toFixed(1)} ms a feature; median of 5, interleaved with bare, after a warm-up); bare remark-parse + ` +
      `remark-gfm: ${row.bareMs.toFixed(0)} ms, ratio ${(row.parseMs / row.bareMs).toFixed(2)}`,
  );
  console.log(`  after the first scan: ${row.issues.toLocaleString("en-US")} issues, ${row.milestones} milestones`);
  for (const run of row.runs) {
    console.log(
      `  ${run.label}: ${run.reads} reads, ${run.writes} writes, ${run.charged} charged against the rate limit, ` +
        `${run.notModified} answered 304, ${(run.ms / 1000).toFixed(1)} s wall`,
    );
    console.log(`    reads:  ${list(run.readOps)}`);
    console.log(`    writes: ${list(run.writeOps)}`);
  }
  console.log(
    "  get-content in the first scan: the 50 tasks.md, the 50 spec.md (the default path specs/**/*.md matches them;",
  );
  console.log("  they hold no tasks), and the config (repository, then the owner's .github); in the second, the blob");
  console.log("  cache leaves only the config. Wall time is against the in-memory");
  const creates =
    (row.runs[0]?.writeOps.get("issues/create") ?? 0) +
    (row.runs[0]?.writeOps.get("graphql:mutation:createIssue") ?? 0);
  console.log(
    `  simulator with throttling off; on GitHub, ${creates.toLocaleString("en-US")} creates at the secondary limit of ` +
      `500 content-creating requests an hour take about ${(creates / 500).toFixed(1)} h: the sync pauses at the limit ` +
      `and resumes by itself.`,
  );
  for (const problem of row.problems) console.log(`  PROBLEM: ${problem.slice(0, 300)}`);
  const rescan = row.runs[2];
  const met = rescan !== undefined && rescan.writes === 0 && rescan.charged <= RESCAN_CHARGED_LIMIT;
  console.log(
    `  target: the unchanged rescan of ${row.issues.toLocaleString("en-US")} issues writes nothing and makes <= ` +
      `${RESCAN_CHARGED_LIMIT} rate-limited requests: ${met && row.problems.length === 0 ? "met" : "MISSED"}`,
  );
  return met && row.problems.length === 0 ? [] : ["spec-kit: unchanged rescan"];
}
