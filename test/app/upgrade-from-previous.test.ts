// Upgrade: issues synced by the previous version (3e132f0) must see zero writes from the new
// version when the docs did not change. The previous app runs in-process against the same
// simulator, then the current app takes over and the same push is delivered again.
// Before the fix, a roadmap's `- [ ] Q3 planning offsite` / `- [ ] EC2 migration` (tasks, with
// issues, under 3e132f0; words under the new grammar) were closed as not planned with a comment
// saying the task "was removed" from a doc nobody changed (src/sync/still-written.ts keeps them).
// The old code is read from git history: a clone without that commit (a shallow one) skips these.
import { execSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlansyncApp } from "../../src/app/plansync-app.js";
import { MemoryBlobCache } from "../../src/github/blob-cache.js";
import { PlansyncOctokit } from "../../src/github/plansync-octokit.js";
import { MemoryBackend } from "../../src/jobs/memory-backend.js";
import { GitHubSim } from "../sim/github-sim.js";
import { pushPayload } from "../app/webhook-payloads.js";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

const PREVIOUS = "3e132f0";
const hasPrevious = spawnSync("git", ["cat-file", "-e", `${PREVIOUS}^{commit}`]).status === 0;

let oldDir = "";
beforeAll(() => {
  if (!hasPrevious) return;
  oldDir = mkdtempSync(join(tmpdir(), "plansync-3e132f0-"));
  execSync(`git archive ${PREVIOUS} src | tar -x -C ${oldDir}`, { cwd: process.cwd() });
  symlinkSync(join(process.cwd(), "node_modules"), join(oldDir, "node_modules"));
});
afterAll(() => {
  if (oldDir) execSync(`rm -rf ${oldDir}`);
});

async function runApp(
  sim: GitHubSim,
  create: typeof createPlansyncApp,
  Backend: typeof MemoryBackend,
  Cache: typeof MemoryBlobCache,
) {
  const stopNock = sim.interceptWithNock();
  const Octokit = PlansyncOctokit.defaults((o: Record<string, any>) => ({
    ...o,
    retry: { enabled: true, retryAfterBaseValue: 1 },
    throttle: { ...o.throttle, enabled: false },
  }));
  const probot = new Probot({ appId: 1, privateKey, Octokit, logLevel: "fatal" });
  let jobs!: MemoryBackend;
  let runtime: any;
  const loaded = probot.load(
    create({
      backend: (o: any) => (jobs = new Backend({ ...o, attempts: 3, backoffMs: 20 })),
      writeBackDelayMs: 10,
      cache: new Cache(1024 * 1024),
      onStarted: (r: any) => (runtime = r),
    } as any),
  );
  return {
    async receive(name: string, payload: unknown) {
      await loaded;
      await probot.receive({ id: randomUUID(), name, payload } as any);
      await jobs.idle();
    },
    async stop() {
      await jobs.close();
      stopNock();
      runtime?.stop();
    },
  };
}

const FULL = "octo/plans";
async function upgrade(files: Record<string, string>) {
  const sim = new GitHubSim({
    now: (() => {
      let t = Date.parse("2026-11-01T10:00:00Z");
      return () => new Date((t += 1000));
    })(),
  });
  sim.addRepo({ owner: "octo", repo: "plans", files: {} });
  const { sha, before } = sim.commitFiles(FULL, "main", files, "Add plans");
  const payload = pushPayload(
    { owner: "octo", repo: "plans" },
    { before, after: sha, modified: Object.keys(files), removed: [] },
  );
  const oldApp = await import(join(oldDir, "src/app/plansync-app.ts"));
  const oldBackend = await import(join(oldDir, "src/jobs/memory-backend.ts"));
  const oldCache = await import(join(oldDir, "src/github/blob-cache.ts"));
  const previous = await runApp(sim, oldApp.createPlansyncApp, oldBackend.MemoryBackend, oldCache.MemoryBlobCache);
  await previous.receive("push", payload);
  await previous.stop();
  const synced = (sim.issues(FULL) as any[]).map((i) => ({ number: i.number, title: i.title, state: i.state }));
  expect(synced.length).toBeGreaterThan(0);
  const current = await runApp(sim, createPlansyncApp, MemoryBackend, MemoryBlobCache);
  sim.resetLog();
  // An unchanged doc: the same push redelivered (as after a deploy), then a full reconcile.
  await current.receive("push", payload);
  const writes = sim
    .writes()
    .map((r) => `${r.method} ${r.path.replace(/\?.*$/, "")} ${JSON.stringify(r.body ?? "").slice(0, 160)}`);
  await current.stop();
  return {
    writes,
    before: synced,
    after: (sim.issues(FULL) as any[]).map((i) => ({ number: i.number, title: i.title, state: i.state })),
    sim,
  };
}

const fixture = (name: string) => readFileSync(join(process.cwd(), "fixtures/plans", name), "utf8");

const probes: Record<string, string> = {
  "docs/roadmap.md":
    "# Roadmap\n\n- [ ] Q3 planning offsite\n- [ ] EC2 migration\n- [x] 716 tests passing\n- [ ] 2024 review\n- [ ] A11y audit\n",
  "docs/steps.md": "# Plan\n\n- [ ] T001 Setup\n- [ ] T002 Build\n- [x] 1. Run the tests\n- [ ] 2. Ship it\n",
  "docs/reqs.md":
    "# Spec\n\n- [ ] T001 Setup\n\n## Functional Requirements\n\n- **FR-001**: System MUST store once\n- **FR-002**: System MUST log\n",
  "docs/emoji.md": "# Plan\n\n- [ ] ✅ T001 Done thing\n- [ ] 🟡 T002 Doing thing\n- [ ] BE-001 Other\n",
  "docs/parens.md": "# Plan\n\n- [ ] (T001) Setup\n- [ ] T002) Build\n- [ ] BE-001 Other\n",
  "docs/mixed.md": "# Plan\n\n- [ ] OAuth2 login\n- [ ] x86 build\n- [ ] IPv6 support\n- [ ] BE-001 Other\n",
  "docs/colon.md": "# Plan\n\n- [ ] PAY-111：返金\n- [ ] T001: Setup\n- [ ] BE-7's thing\n",
};

describe.runIf(hasPrevious)("upgrading from 3e132f0: issues the old grammar made are never retitled or closed", () => {
  const fixtures = {
    "docs/outline-ids.md": fixture("outline-ids.md"),
    "specs/002-x/tasks.md": fixture("letter-suffix-spec-kit.md"),
  };
  for (const [path, doc] of [...Object.entries(probes), ...Object.entries(fixtures)])
    it(
      path,
      async () => {
        const { writes, before, after } = await upgrade({ [path]: doc });
        const old = after.filter((a) => before.some((b) => b.number === a.number));
        expect({ old, closes: writes.filter((w) => /"state":"closed"|comments/.test(w)) }).toEqual({
          old: before,
          closes: [],
        });
      },
      60_000,
    );
});

describe.runIf(hasPrevious)("upgrading from 3e132f0: a title's #tag ~2h tail becomes labels", () => {
  it("moves the tail into labels in one update, closing and commenting nothing", async () => {
    const doc = "# Plan\n\n- [ ] T001: Setup #infra ~2h\n- [ ] T002: Build\n";
    const { writes, before, after, sim } = await upgrade({ "docs/tail.md": doc });
    const setup = before.find((b) => b.title.includes("Setup"))!;
    expect(setup.title).toBe("T001 (docs): Setup #infra ~2h");
    expect(after.find((a) => a.number === setup.number)).toEqual({ ...setup, title: "T001 (docs): Setup" });
    expect((sim.issue(FULL, setup.number) as any).labels.map((l: any) => l.name ?? l).sort()).toEqual(
      expect.arrayContaining(["estimate: 2h", "infra"]),
    );
    expect(writes.filter((w) => /"state":"closed"|comments|POST \/repos\/octo\/plans\/issues /.test(w))).toEqual([]);
  }, 60_000);
});

describe.runIf(hasPrevious)("upgrading from 3e132f0: unchanged docs cost no write", () => {
  for (const [name, path] of [
    ["spec-kit tasks.md", "specs/001-photo-albums/tasks.md"],
    ["milestone doc", "docs/milestone.md"],
    ["epic breakdown", "docs/epic-breakdown.md"],
    ["backend spec", "docs/backend-spec.md"],
    ["task list", "docs/task-list.md"],
    ["technical spec", "docs/technical-spec.md"],
    ["kiro", ".kiro/specs/login/tasks.md"],
    ["openspec", "openspec/changes/add-login/tasks.md"],
    ["numbered", "docs/numbered.md"],
    ["traceability", "docs/traceability.md"],
    ["marks", "docs/marks.md"],
    ["crlf", "docs/crlf.md"],
  ] as const) {
    it(`${name}`, async () => {
      const src =
        {
          "spec-kit tasks.md": "tasks.md",
          kiro: "kiro.md",
          openspec: "openspec.md",
          "letter-suffix spec-kit": "letter-suffix-spec-kit.md",
        }[name as string] ?? path.split("/").pop()!;
      const { writes, before, after } = await upgrade({ [path]: fixture(src) });
      // Each epic gains its stories' picture (epic-diagram.ts): one body rewrite, once, and a check run.
      const pictures = name === "epic breakdown" ? writes.filter((w) => /^PATCH \S+ \{"body":"/.test(w)) : [];
      expect(pictures).toHaveLength(name === "epic breakdown" ? 5 : 0);
      const rest = writes.filter(
        (w) => !pictures.includes(w) && !(pictures.length && w.startsWith("POST /repos/octo/plans/check-runs")),
      );
      expect({ writes: rest, titles: after }).toEqual({ writes: [], titles: before });
    }, 60_000);
  }
});
