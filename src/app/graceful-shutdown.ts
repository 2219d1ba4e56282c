import type { Logger, Server } from "probot";
import { integerSetting } from "./job-settings.js";
import type { Runtime } from "./plansync-app.js";

export interface Running {
  runtime?: Runtime;
  log?: Logger;
  /** The parse pool's worker threads, ended once the jobs that parse through them are done. */
  parsePool?: { destroy(): Promise<void> };
}

/**
 * On SIGTERM or SIGINT: stop taking webhooks, then close the job backend (bounded): in-process,
 * every write-back window runs at once and every queued job finishes; with Redis, running jobs
 * finish and waiting ones stay in Redis for the other instances. A deploy or a Ctrl-C then loses
 * no write-back that was waiting out its window. Each parse the draining jobs make is bounded by
 * its budget, so the drain ends; then the parse pool's threads are terminated. Probot's own SIGINT
 * handler exits at once, so it is replaced.
 */
export function drainOnSignals(server: Server, running: Running): void {
  // How long a stopping process may spend finishing its jobs (validated before the start: a
  // value that is no number would make the deadline pass at once and drop the write-backs).
  const timeoutMs = integerSetting(process.env, "SHUTDOWN_TIMEOUT_MS");
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const log = running.log;
    log?.info({ signal }, "Stopping: finishing queued syncs and write-backs");
    const timer = setTimeout(() => {
      log?.error({ timeoutMs }, "Jobs still running at the shutdown deadline; exiting anyway");
      process.exit(1);
    }, timeoutMs);
    try {
      await server.stop();
      await running.runtime?.jobs.close();
      running.runtime?.cache.close?.();
      running.runtime?.stop();
      await running.parsePool?.destroy();
      log?.info("Stopped: every queued job finished");
      clearTimeout(timer);
      process.exit(0);
    } catch (error) {
      log?.error({ err: error }, "Error while stopping");
      process.exit(1);
    }
  };
  process.removeAllListeners("SIGINT");
  process.once("SIGINT", (signal) => void stop(signal));
  process.once("SIGTERM", (signal) => void stop(signal));
}
