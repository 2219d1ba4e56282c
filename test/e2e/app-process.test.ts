import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { issueStatePayload, pushPayload } from "../app/webhook-payloads.js";
import { GitHubSim, type RunningServer } from "../sim/github-sim.js";

/**
 * The app as its own process, started the way `npm start` starts it (`node dist/src/server.js`),
 * talking to the simulator over loopback HTTP as a GitHub Enterprise host, receiving signed webhooks.
 * Everything listens on 127.0.0.1; every wait is bounded in time.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SERVER = join(ROOT, "dist", "src", "server.js");
const HOST = "127.0.0.1";
const STARTUP_MS = 15_000;
/** Probot's throttling spaces issue creations 3 s apart (its "notifications" group), so 3 issues take ~7 s. */
const SYNC_MS = 25_000;
const POLL_MS = 100;
/** Output kept for the error-level check, and the tail shown in failure messages. */
const LOG_KEEP = 4 * 1024 * 1024;
const LOG_SHOWN = 32 * 1024;

const PLAN = [
  "# Plan",
  "",
  "- [ ] BE-001 Set up database schema",
  "- [x] BE-002 Wire the queue",
  "- [ ] BE-003 Send invoices",
  "",
].join("\n");

const secret = randomBytes(32).toString("hex");
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

let sim: GitHubSim;
let simServer: RunningServer | undefined;
let child: ChildProcess | undefined;
let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
let appPort = 0;
let cwd: string | undefined;
let output = "";

function capture(chunk: Buffer): void {
  output += chunk.toString("utf8");
  if (output.length > LOG_KEEP) output = output.slice(-LOG_KEEP);
}

function logs(): string {
  const status = exited ? `\n[app exited: code ${exited.code}, signal ${exited.signal}]` : "";
  return `--- app output (last ${LOG_SHOWN / 1024} KB) ---\n${output.slice(-LOG_SHOWN)}${status}`;
}

/** Probot's JSON log lines at level error (50) or above, except the expected bad-signature rejection. */
function appErrors(): string[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .filter((line) => {
      try {
        return (JSON.parse(line) as { level?: number }).level! >= 50;
      } catch {
        return false;
      }
    })
    .filter((line) => !line.includes("signature does not match"));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls until `check` returns a value, the app dies, or `ms` pass; then fails with the app's output. */
async function waitFor<T>(what: string, ms: number, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (let attempt = 0; attempt < Math.ceil(ms / POLL_MS) + 1; attempt++) {
    if (exited) break;
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  const reason = exited ? "the app process exited" : `${ms} ms passed`;
  throw new Error(`Gave up waiting for ${what}: ${reason}\n${logs()}`);
}

function sign(body: string, key = secret): string {
  return `sha256=${createHmac("sha256", key).update(body).digest("hex")}`;
}

async function deliver(event: string, payload: unknown, signature?: string) {
  const body = JSON.stringify(payload);
  const response = await fetch(`http://${HOST}:${appPort}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "x-github-event": event,
      "x-github-delivery": randomUUID(),
      "content-type": "application/json",
      "x-hub-signature-256": signature ?? sign(body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, text: await response.text() };
}

/** Commits files to the simulator like a person would and returns the push payload for that commit. */
function commitAndBuildPush(repo: string, files: Record<string, string>) {
  const { sha, before } = sim.commitFiles(`octo/${repo}`, "main", files, "Add plan");
  return pushPayload({ owner: "octo", repo }, { before, after: sha, added: Object.keys(files) });
}

function killOnExit(): void {
  if (child && !exited) child.kill("SIGKILL");
}

async function stopChild(): Promise<void> {
  const proc = child;
  if (!proc || exited) return;
  const gone = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  proc.kill("SIGTERM");
  const stopped = await Promise.race([gone.then(() => true), sleep(5_000).then(() => false)]);
  if (!stopped && !exited) {
    proc.kill("SIGKILL");
    await Promise.race([gone, sleep(2_000)]);
  }
}

beforeAll(async () => {
  if (!existsSync(SERVER)) {
    throw new Error(`${SERVER} is missing: run \`npm run build\` first (\`npm test\` builds before running vitest).`);
  }
  sim = new GitHubSim();
  sim.addRepo({ owner: "octo", repo: "plans", files: { "README.md": "# Plans\n" } });
  sim.addRepo({ owner: "octo", repo: "other", files: { "README.md": "# Other\n" } });
  simServer = await sim.listen();
  appPort = await freePort();
  // An empty working directory: Probot loads `.env` from the cwd over the environment, and a developer's
  // .env (real credentials, WEBHOOK_PROXY_URL) must not leak into the test.
  cwd = mkdtempSync(join(tmpdir(), "plansync-e2e-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? cwd,
    APP_ID: "1",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: secret,
    PORT: String(appPort),
    HOST,
    GHE_HOST: `${HOST}:${simServer.port}`,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    NODE_ENV: "test",
  };
  child = spawn(process.execPath, [SERVER], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", capture);
  child.stderr!.on("data", capture);
  child.once("exit", (code, signal) => (exited = { code, signal }));
  // Should the test runner exit without running afterAll, the app must not outlive it.
  process.once("exit", killOnExit);
  child.once("error", (error) => capture(Buffer.from(`[spawn error] ${String(error)}\n`)));

  const started = Date.now();
  const status = await waitFor("the app to answer GET /ping", STARTUP_MS, async () => {
    try {
      const response = await fetch(`http://${HOST}:${appPort}/ping`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return undefined;
    }
  });
  console.info(`app answered /ping with ${status} after ${Date.now() - started} ms`);
});

afterAll(async () => {
  try {
    await stopChild();
  } finally {
    process.removeListener("exit", killOnExit);
    await simServer?.close();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  }
});

describe("plansync as its own process, against the simulator over HTTP", () => {
  it("rejects a webhook with a wrong signature and does nothing", async () => {
    const payload = commitAndBuildPush("other", { "docs/plan.md": PLAN });
    const body = JSON.stringify(payload);
    const answer = await deliver("push", payload, sign(body, `${secret}-wrong`));
    expect(answer.status, `${answer.text}\n${logs()}`).toBeGreaterThanOrEqual(400);
    expect(answer.status, `${answer.text}\n${logs()}`).toBeLessThan(500);
    expect(answer.text).toContain("signature does not match");
    // The rejection is synchronous; give a wrongly queued sync a moment to show itself anyway.
    await sleep(1_000);
    expect(sim.issues("octo/other")).toEqual([]);
    expect(sim.checkRuns("octo/other")).toEqual([]);
    expect(sim.requests.filter((r) => r.path.startsWith("/repos/octo/other"))).toEqual([]);
    expect(sim.violations).toEqual([]);
  });

  it("syncs a pushed plan into issues, closing the ticked task's issue", async () => {
    const payload = commitAndBuildPush("plans", { "docs/plan.md": PLAN });
    const sent = Date.now();
    const answer = await deliver("push", payload);
    expect(answer.status, `${answer.text}\n${logs()}`).toBeGreaterThanOrEqual(200);
    expect(answer.status, `${answer.text}\n${logs()}`).toBeLessThan(300);

    // The check run is the sync's last write, so once it is there the issues are final.
    await waitFor("3 issues and a check run in octo/plans", SYNC_MS, () =>
      sim.issues("octo/plans").length >= 3 && sim.checkRuns("octo/plans").length > 0 ? true : undefined,
    );
    console.info(`sync finished ${Date.now() - sent} ms after the webhook was sent`);

    const issues = sim.issues("octo/plans") as { title: string; state: string; body?: string | null }[];
    expect(issues.map((i) => i.title).sort(), logs()).toEqual([
      "BE-001: Set up database schema",
      "BE-002: Wire the queue",
      "BE-003: Send invoices",
    ]);
    const states = Object.fromEntries(issues.map((i) => [readMarker(i.body)?.id, i.state]));
    expect(states).toEqual({ "BE-001": "open", "BE-002": "closed", "BE-003": "open" });
    expect(sim.checkRuns("octo/plans")[0]).toMatchObject({ headSha: payload.after, conclusion: "success" });
    expect(sim.violations).toEqual([]);
    expect(appErrors(), logs()).toEqual([]);
  }, 40_000);

  // Last: it stops the process.
  it("on SIGTERM, writes back a close still waiting in its window, then exits 0", async () => {
    const issue = (sim.issues("octo/plans") as { number: number; body?: string | null }[]).find(
      (i) => readMarker(i.body)?.id === "BE-001",
    )!;
    await sim.handle({ method: "PATCH", url: `/repos/octo/plans/issues/${issue.number}`, body: '{"state":"closed"}' });
    const answer = await deliver(
      "issues",
      issueStatePayload({ owner: "octo", repo: "plans" }, sim.issue("octo/plans", issue.number), "closed"),
    );
    expect(answer.status, `${answer.text}\n${logs()}`).toBeLessThan(300);
    // The default window is 10 s: the signal arrives while the close is still waiting in it.
    child!.kill("SIGTERM");
    const gone = new Promise((resolve) => (exited ? resolve(exited) : child!.once("exit", resolve)));
    await Promise.race([gone, sleep(SYNC_MS)]);
    expect(exited, logs()).toEqual({ code: 0, signal: null });
    expect(sim.readFile("octo/plans", "main", "docs/plan.md")).toBe(PLAN.replace("[ ] BE-001", "[x] BE-001"));
    expect(sim.violations).toEqual([]);
    expect(appErrors(), logs()).toEqual([]);
  }, 40_000);
});
