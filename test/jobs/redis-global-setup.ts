import type { TestProject } from "vitest/node";
import { startRedisServer, type RunningRedis } from "./redis-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A real redis-server for the Redis suites; "" when none could be had (they are then skipped, saying why). */
    redisUrl: string;
  }
}

let started: RunningRedis | null = null;

/**
 * A real redis-server for the tests: the one .ci/run started (PLANSYNC_TEST_REDIS_URL), or one
 * started here on a free loopback port when `redis-server` is on the PATH.
 */
export async function setup(project: TestProject): Promise<void> {
  const given = process.env.PLANSYNC_TEST_REDIS_URL;
  if (given) return project.provide("redisUrl", given);
  started = await startRedisServer();
  if (!started)
    console.warn("redis-server is not on the PATH: the Redis suites are skipped (apt-get install -y redis-server)");
  project.provide("redisUrl", started?.url ?? "");
}

export async function teardown(): Promise<void> {
  started?.stop();
}
