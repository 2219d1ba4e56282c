import { generateKeyPairSync } from "node:crypto";
import { Redis } from "ioredis";
import { Probot } from "probot";
import { afterEach, describe, expect, inject, it } from "vitest";
import { PlansyncOctokit } from "../../src/github/plansync-octokit.js";
import { GitHubSim } from "../sim/github-sim.js";

const redisUrl = inject("redisUrl");
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

let stopNock: (() => void) | undefined;
afterEach(() => stopNock?.());

/**
 * With REDIS_URL, Probot hands its throttling a Bottleneck connection on Redis, so every instance
 * spends one budget. plansync's Octokit subclass replaces the throttle options (to wait out
 * secondary limits): it must keep that connection.
 */
describe.skipIf(!redisUrl)("shared throttling", () => {
  it("keeps Probot's Redis connection in plansync's Octokit: its limiters live in Redis", async () => {
    // Bottleneck names its Redis keys after the installation: an id of this test's own keeps
    // keys made by other suites on the same redis-server out of the before/after comparison.
    const installationId = 700_000 + Math.floor(Math.random() * 100_000);
    const sim = new GitHubSim();
    sim.addRepo({ owner: "octo", repo: "plans", installationId, files: { "README.md": "# Plans\n" } });
    stopNock = sim.interceptWithNock();
    const redis = new Redis(redisUrl);
    const before = new Set(await redis.keys("b_*"));
    const probot = new Probot({
      appId: 1,
      privateKey,
      Octokit: PlansyncOctokit,
      redisConfig: redisUrl,
      logLevel: "warn",
    });
    const octokit = await probot.auth(installationId);
    const options = (octokit as unknown as { throttle?: unknown }).throttle;
    await octokit.rest.issues.create({ owner: "octo", repo: "plans", title: "Throttled through Redis" });
    const added = (await redis.keys("b_*")).filter((key) => !before.has(key));
    expect(added.length, `throttle: ${JSON.stringify(options)}`).toBeGreaterThan(0);
    expect(added.some((key) => key.includes("octokit") && key.includes(String(installationId)))).toBe(true);
    redis.disconnect();
  });
});
