import { spawn, spawnSync } from "node:child_process";
import { freePort } from "../e2e/app-process.js";

export interface RunningRedis {
  url: string;
  stop: () => void;
}

/**
 * A throw-away redis-server on a free loopback port, persisting nothing; null when `redis-server`
 * is not on the PATH. For the test suites (redis-global-setup.ts) and the bench.
 */
export async function startRedisServer(): Promise<RunningRedis | null> {
  if (spawnSync("redis-server", ["--version"]).status !== 0) return null;
  const port = await freePort();
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  const server = spawn("redis-server", args, { stdio: "ignore" });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      spawnSync("redis-cli", ["-p", String(port), "ping"])
        .stdout?.toString()
        .trim() === "PONG"
    )
      return { url: `redis://127.0.0.1:${port}`, stop: () => server.kill("SIGTERM") };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.kill("SIGKILL");
  throw new Error(`redis-server did not answer PING on 127.0.0.1:${port} within 5 s`);
}
