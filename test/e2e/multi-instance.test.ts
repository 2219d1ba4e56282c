import { generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { issueStatePayload, pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim, type RunningServer } from "../sim/github-sim.js";
import { AppProcess, HOST, sleep } from "./app-process.js";

/**
 * Two app processes, started the README's way with the same REDIS_URL, against the loopback
 * simulator: every case ends with each task having exactly one issue, each box equal to its
 * issue's state, and one commit per coalesced write-back.
 */

const redisUrl = inject("redisUrl");
const secret = randomBytes(32).toString("hex");
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;
/** Throttling is shared through Redis: creates go 3 s apart across both instances. */
const SYNC_MS = 45_000;
const WRITE_BACK_COMMIT = /^Check off /;
/**
 * A killed instance may die holding a slot of the shared write limiter (Bottleneck counts a job
 * as running while it waits out minTime); octokit's throttling gives clustered jobs a 60 s
 * expiration, so the other instance's writes may wait that long.
 */
const TAKEOVER_MS = 100_000;

let sim: GitHubSim;
let simServer: RunningServer | undefined;
const apps: AppProcess[] = [];
const env = {
  REDIS_URL: redisUrl,
  REDIS_PREFIX: `e2e-${randomUUID()}`,
  JOB_LEASE_MS: "2000",
  JOB_BACKOFF_MS: "500",
  WRITE_BACK_DELAY_MS: "2500",
};

function instance(name: string): AppProcess {
  const app = new AppProcess({ name, secret, privateKey, simPort: simServer!.port, env });
  apps.push(app);
  return app;
}

const plan = (prefix: string, count: number, ticked: number[] = []) =>
  `# Plan ${prefix}\n\n${Array.from({ length: count }, (_, i) => `- [${ticked.includes(i + 1) ? "x" : " "}] ${prefix}-${i + 1} Task ${i + 1}\n`).join("")}`;

function push(repo: string, files: Record<string, string>) {
  const { sha, before } = sim.commitFiles(`octo/${repo}`, "main", files, `Edit ${Object.keys(files).join(", ")}`);
  return pushPayload({ owner: "octo", repo }, { before, after: sha, modified: Object.keys(files) });
}

/** Each task in the repository's docs has exactly one issue, open exactly when its box is. */
function converged(repo: string, paths: string[]): string | undefined {
  const issues = sim.issues(`octo/${repo}`) as { state: string; body?: string | null }[];
  const byId = new Map<string, string[]>();
  for (const issue of issues) {
    const id = readMarker(issue.body)?.id;
    if (id) byId.set(id, [...(byId.get(id) ?? []), issue.state]);
  }
  for (const path of paths) {
    const text = sim.readFile(`octo/${repo}`, "main", path) ?? "";
    for (const [, box, id] of text.matchAll(/^- \[( |x)\] (\S+-\d+)/gm)) {
      const states = byId.get(id!) ?? [];
      if (states.length !== 1) return `${id} has ${states.length} issues`;
      if ((box === "x") !== (states[0] === "closed")) return `${id}: box [${box}] but issue ${states[0]}`;
    }
  }
  return undefined;
}

async function waitConverged(app: AppProcess, repo: string, paths: string[], tasks: number, ms = SYNC_MS) {
  await app.waitFor(`octo/${repo} to converge`, ms, () =>
    sim.issues(`octo/${repo}`).length >= tasks && converged(repo, paths) === undefined ? true : undefined,
  );
  // Settle: nothing further may happen (a late duplicate would show here).
  await sleep(1_500);
  expect(converged(repo, paths)).toBeUndefined();
  expect(sim.issues(`octo/${repo}`)).toHaveLength(tasks);
}

beforeAll(async () => {
  if (!redisUrl) return;
  sim = new GitHubSim();
  for (const repo of ["alpha", "beta", "gamma", "delta", "missed"])
    sim.addRepo({ owner: "octo", repo, files: { "README.md": `# ${repo}\n` } });
  simServer = await sim.listen();
});

afterAll(async () => {
  for (const app of apps) await app.stop("SIGKILL").catch(() => undefined);
  await simServer?.close();
});

describe.skipIf(!redisUrl)("two instances sharing Redis", () => {
  let a: AppProcess;
  let b: AppProcess;

  it("start the README's way, in Redis mode", async () => {
    a = instance("a");
    b = instance("b");
    await Promise.all([a.start(), b.start()]);
    const health = JSON.parse((await a.get("/healthz")).text);
    expect(health).toMatchObject({ status: "ok", backend: "redis" });
  });

  it("different pushes delivered to each at once make one issue per task", async () => {
    const first = push("alpha", { "docs/a.md": plan("AL", 2) });
    const second = push("alpha", { "docs/b.md": plan("AB", 2) });
    const answers = await Promise.all([a.deliver("push", first), b.deliver("push", second)]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    await waitConverged(a, "alpha", ["docs/a.md", "docs/b.md"], 4);
  }, 60_000);

  it("the same push delivered to both at once makes no duplicate", async () => {
    const payload = push("beta", { "docs/plan.md": plan("BE", 3, [2]) });
    await Promise.all([a.deliver("push", payload, { id: "same-delivery" }), b.deliver("push", payload)]);
    await waitConverged(a, "beta", ["docs/plan.md"], 3);
  }, 60_000);

  it("closes delivered alternately to both make one write-back commit", async () => {
    const issues = sim.issues("octo/alpha") as { number: number }[];
    for (const [i, issue] of issues.entries()) {
      await sim.handle({
        method: "PATCH",
        url: `/repos/octo/alpha/issues/${issue.number}`,
        body: '{"state":"closed"}',
      });
      const payload = issueStatePayload(
        { owner: "octo", repo: "alpha" },
        sim.issue("octo/alpha", issue.number),
        "closed",
      );
      await (i % 2 === 0 ? a : b).deliver("issues", payload);
    }
    await a.waitFor("the write-back commit", SYNC_MS, () =>
      sim.commitMessages("octo/alpha", "main").some((m) => WRITE_BACK_COMMIT.test(m)) ? true : undefined,
    );
    await sleep(4_000); // a second window would have closed by now
    const commits = sim.commitMessages("octo/alpha", "main").filter((m) => WRITE_BACK_COMMIT.test(m));
    expect(commits).toHaveLength(1);
    expect(converged("alpha", ["docs/a.md", "docs/b.md"])).toBeUndefined();
    expect(sim.readFile("octo/alpha", "main", "docs/a.md")).toBe(plan("AL", 2, [1, 2]));
  }, 60_000);

  it("a kill -9 mid-sync is finished by the other instance, with no duplicate", async () => {
    const payload = push("gamma", { "docs/plan.md": plan("GA", 5) });
    await a.deliver("push", payload);
    await a.waitFor("the sync to have begun creating issues", SYNC_MS, () =>
      sim.issues("octo/gamma").length >= 1 ? true : undefined,
    );
    // Whichever instance took the job, kill it mid-sync.
    const runner = a.output.includes("octo/gamma") && a.jsonLines().some((l) => l.repo === "octo/gamma") ? a : b;
    const other = runner === a ? b : a;
    await runner.stop("SIGKILL");
    expect(sim.issues("octo/gamma").length).toBeLessThan(5);
    const t0 = Date.now();
    await waitConverged(other, "gamma", ["docs/plan.md"], 5, TAKEOVER_MS);
    console.info(`the other instance finished the sync ${Date.now() - t0} ms after the kill`);
    const replacement = instance(runner === a ? "a2" : "b2");
    await replacement.start();
    if (runner === a) a = replacement;
    else b = replacement;
  }, 150_000);

  it("a write-back waiting in its window survives both instances dying", async () => {
    await waitConverged(a, "beta", ["docs/plan.md"], 3);
    const issue = (sim.issues("octo/beta") as { number: number; body?: string | null }[]).find(
      (i) => readMarker(i.body)?.id === "BE-1",
    )!;
    await sim.handle({ method: "PATCH", url: `/repos/octo/beta/issues/${issue.number}`, body: '{"state":"closed"}' });
    await a.deliver(
      "issues",
      issueStatePayload({ owner: "octo", repo: "beta" }, sim.issue("octo/beta", issue.number), "closed"),
    );
    await Promise.all([a.stop("SIGKILL"), b.stop("SIGKILL")]);
    expect(sim.readFile("octo/beta", "main", "docs/plan.md")).toBe(plan("BE", 3, [2]));
    a = instance("a3");
    await a.start();
    await a.waitFor("the write-back after the restart", SYNC_MS, () =>
      sim.readFile("octo/beta", "main", "docs/plan.md") === plan("BE", 3, [1, 2]) ? true : undefined,
    );
    expect(sim.commitMessages("octo/beta", "main").filter((m) => WRITE_BACK_COMMIT.test(m))).toHaveLength(1);
    await a.stop("SIGTERM");
  }, 90_000);

  it("webhooks that failed while both were down are redelivered exactly once, then synced", async () => {
    const missed = push("missed", { "docs/plan.md": plan("MI", 2) });
    const failed = [
      sim.addDelivery({ event: "push", payload: missed, statusCode: 502 }),
      sim.addDelivery({ event: "push", payload: push("delta", { "docs/plan.md": plan("DE", 1) }), statusCode: 0 }),
    ];
    a = instance("a4");
    b = instance("b4");
    // GitHub sends each redelivery to the app's URL, behind which a balancer picks a live
    // instance: a first, else b when a refuses the connection (not listening yet).
    sim.sendWebhooksTo(
      () => [a, b].filter((app) => app.port > 0).map((app) => `http://${HOST}:${app.port}/api/github/webhooks`),
      secret,
    );
    await Promise.all([a.start(), b.start()]);
    await waitConverged(a, "missed", ["docs/plan.md"], 2).catch((e) => {
      console.log(
        "DEBUG",
        sim.requests.slice(-20).map((r) => `${r.method} ${r.path} ${r.status}`),
        b.logs(),
      );
      throw e;
    });
    await waitConverged(a, "delta", ["docs/plan.md"], 1);
    for (const delivery of failed) {
      const attempts = sim.requests.filter((r) => r.path === `/app/hook/deliveries/${delivery.id}/attempts`);
      expect(attempts, `attempts of delivery ${delivery.id}`).toHaveLength(1);
    }
    expect(a.errors().concat(b.errors())).toEqual([]);
    expect(sim.violations).toEqual([]);
  }, 90_000);
});
