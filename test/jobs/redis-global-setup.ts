import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A real redis-server for the Redis suites; "" when none could be had (they are then skipped, saying why). */
    redisUrl: string;
  }
}

let server: ChildProcess | undefined;

/**
 * A real redis-server for the tests: the one .ci/run started (PLANSYNC_TEST_REDIS_URL), or one
 * started here on a free loopback port when `redis-server` is on the PATH. Nothing is persisted.
 */
export async function setup(project: TestProject): Promise<void> {
  const given = process.env.PLANSYNC_TEST_REDIS_URL;
  if (given) return project.provide("redisUrl", given);
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    console.warn("redis-server is not on the PATH: the Redis suites are skipped (apt-get install -y redis-server)");
    return project.provide("redisUrl", "");
  }
  const port = await freePort();
  server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await waitForPing(port);
  project.provide("redisUrl", `redis://127.0.0.1:${port}`);
}

export async function teardown(): Promise<void> {
  server?.kill("SIGTERM");
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitForPing(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      spawnSync("redis-cli", ["-p", String(port), "ping"])
        .stdout?.toString()
        .trim() === "PONG"
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer PING on 127.0.0.1:${port} within 5 s`);
}
