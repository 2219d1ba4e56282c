import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { createPlansyncApp } from "../../src/app/plansync-app.js";
import { RepoQueue } from "../../src/app/repo-queue.js";
import { GitHubSim } from "../sim/github-sim.js";

export const OWNER = "octo";
export const REPO = "plans";
export const FULL = `${OWNER}/${REPO}`;

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

/**
 * A real Probot running plansync against the simulator through nock. Throttling and retries are
 * off (function form: Probot overwrites an object's `throttle`), so tests see every request once.
 */
export function startApp(files: Record<string, string>, options: { clock?: () => Date } = {}) {
  const sim = new GitHubSim({ now: options.clock ?? tickingClock() });
  sim.addRepo({ owner: OWNER, repo: REPO, files });
  const stopNock = sim.interceptWithNock();
  const errors: unknown[] = [];
  const queue = new RepoQueue((_key, error) => errors.push(error));
  const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({
    ...o,
    retry: { enabled: false },
    throttle: { ...o.throttle, enabled: false },
  }));
  const probot = new Probot({ appId: 1, privateKey, Octokit, logLevel: "warn" });
  probot.load(createPlansyncApp({ queue }));

  async function receive(name: string, payload: unknown): Promise<void> {
    await probot.receive({ id: randomUUID(), name, payload } as Parameters<Probot["receive"]>[0]);
    await queue.idle();
  }

  return { sim, queue, probot, errors, receive, stop: stopNock };
}

export function tickingClock(start = "2026-11-01T10:00:00Z"): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}
