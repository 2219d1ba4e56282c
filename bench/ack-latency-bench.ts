import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { pullRequestPayload, pushPayload } from "../test/app/webhook-payloads.js";
import { appCredentials } from "../test/e2e/app-credentials.js";
import { AppProcess, HOST, sleep } from "../test/e2e/app-process.js";
import { nestedLists } from "../test/hostile-docs.js";
import { GitHubSim } from "../test/sim/github-sim.js";
import type { AckJob, AckSample } from "./ack-client.js";
import { generatePlan } from "./generate-plan.js";

const CLIENT = fileURLToPath(new URL("./ack-client.ts", import.meta.url));
/** The pause between one answer and the next delivery. */
const GAP_MS = 10;
const IDLE_MS = 10_000;
/** The busy phase ends when the preview is posted, or after this long. */
const BUSY_MAX_MS = 90_000;
const TARGET_P99_MS = 100;

export interface Latency {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export interface AckFigures {
  idle: Latency;
  busy: Latency;
  /** How long the busy repository's preview took: the span the busy samples cover. */
  busyMs: number;
  /** The preview's check-run title, to show the parse finished (or was stopped) within the window. */
  preview: string;
}

/**
 * `npm run bench -- ack`: how fast the app, run as its own process (`node dist/src/server.js`, so
 * `npm run build` first), acknowledges push webhooks for one repository, first idle, then while
 * another repository's pull request adds a 1 MB plan (12,500 tasks) and a hostile file (20,000
 * nested lists), which the parse pool reads for its preview meanwhile. The deliveries come from a
 * process of their own (ack-client.ts), one at a time.
 */
export async function benchAck(): Promise<AckFigures> {
  const sim = new GitHubSim();
  sim.addRepo({ owner: "bench", repo: "busy", files: { "README.md": "# Busy\n" } });
  sim.addRepo({ owner: "bench", repo: "quiet", files: { "README.md": "# Quiet\n" } });
  const server = await sim.listen();
  const { secret, privateKey } = appCredentials();
  // A generous budget: the 1 MB plan is read in full on a busy machine, and its 12,500 tasks then
  // reach the event loop (the preview's reconcile), which the figures should include.
  const env = { LOG_LEVEL: "warn", PARSE_TIMEOUT_MS: String(BUSY_MAX_MS) };
  const app = new AppProcess({ name: "bench", secret, privateKey, simPort: server.port, env });
  const client = fork(CLIENT, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  try {
    await app.start();
    const { sha, before } = sim.commitFiles("bench/quiet", "main", { "docs/plan.md": QUIET_PLAN }, "Plan");
    const payload = pushPayload({ owner: "bench", repo: "quiet" }, { before, after: sha, added: ["docs/plan.md"] });
    const job: AckJob = {
      url: `http://${HOST}:${app.port}/api/github/webhooks`,
      secret,
      event: "push",
      payload,
      gapMs: GAP_MS,
    };
    client.send({ start: job });
    // Warm-up: the quiet repository's first sync (its issues) and the JIT, before anything is measured.
    await app.waitFor("the quiet repository's first sync", 60_000, () =>
      sim.checkRuns("bench/quiet").some((r) => r.conclusion) ? true : undefined,
    );
    const idleFrom = Date.now();
    await sleep(IDLE_MS);
    const busyFrom = Date.now();
    const pr = sim.openPullRequest("bench/busy", {
      branch: "big-plan",
      changes: { "docs/big.md": generatePlan(12_500), "docs/hostile.md": nestedLists(20_000) },
    });
    await app.deliver(
      "pull_request",
      pullRequestPayload(
        { owner: "bench", repo: "busy" },
        { action: "opened", number: pr.number, headSha: pr.headSha, headRef: "big-plan" },
      ),
    );
    const previewed = () => sim.checkRuns("bench/busy").find((r) => r.headSha === pr.headSha && r.conclusion);
    while (!previewed() && Date.now() - busyFrom < BUSY_MAX_MS) await sleep(100);
    const busyTo = Date.now();
    const samples = await stopClient(client);
    const between = (from: number, to: number) => samples.filter(([at]) => at >= from && at < to).map(([, ms]) => ms);
    return {
      idle: latency(between(idleFrom, busyFrom)),
      busy: latency(between(busyFrom, busyTo)),
      busyMs: busyTo - busyFrom,
      preview: previewed()?.output.title ?? "(not posted in time)",
    };
  } finally {
    client.kill();
    await app.stop("SIGTERM", 10_000);
    await server.close();
  }
}

const QUIET_PLAN = "# Quiet plan\n\n- [ ] QT-1 First task\n- [ ] QT-2 Second task\n";

async function stopClient(client: ReturnType<typeof fork>): Promise<AckSample[]> {
  const answer = once(client, "message");
  client.send({ stop: true });
  const [{ samples }] = (await answer) as [{ samples: AckSample[] }];
  return samples;
}

export function printAck(f: AckFigures): void {
  console.log("\n## Webhook acknowledgement latency of the app process (one delivery at a time)");
  const row = (name: string, l: Latency) =>
    console.log(
      `${name.padEnd(52)} ${String(l.samples).padStart(5)} samples  p50 ${l.p50.toFixed(1).padStart(6)} ms  p99 ${l.p99.toFixed(1).padStart(6)} ms  max ${l.max.toFixed(1).padStart(6)} ms`,
    );
  row("idle", f.idle);
  row("while a 1 MB plan and a hostile file are parsed", f.busy);
  console.log(`  busy window ${(f.busyMs / 1000).toFixed(1)} s; the preview said: ${f.preview}`);
  console.log(`  target: p99 < ${TARGET_P99_MS} ms while parsing (${f.busy.p99 < TARGET_P99_MS ? "met" : "NOT met"})`);
}

function latency(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}
