import { GitHubSim } from "../sim/github-sim.js";
import { appCredentials } from "./app-credentials.js";
import { AppProcess } from "./app-process.js";

/** A running simulator holding octo/plans and the app process (named "app") against it. */
export interface PlansRepoApp {
  sim: GitHubSim;
  app: AppProcess;
  /** Stops the app, then closes the simulator (even when the app's stop fails). */
  stop(): Promise<void>;
}

/**
 * Starts the simulator with octo/plans (a README only) and the app as its own process, with fresh
 * credentials and `env` added to its environment. For a test file's beforeAll; call stop in afterAll.
 * If the app fails to start, both are stopped before the error is thrown.
 */
export async function startPlansRepoApp(env?: Record<string, string>): Promise<PlansRepoApp> {
  const { secret, privateKey } = appCredentials();
  const sim = new GitHubSim();
  sim.addRepo({ owner: "octo", repo: "plans", files: { "README.md": "# Plans\n" } });
  const simServer = await sim.listen();
  const app = new AppProcess({ name: "app", secret, privateKey, simPort: simServer.port, env });
  const stop = async () => {
    try {
      await app.stop();
    } finally {
      await simServer.close();
    }
  };
  try {
    await app.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { sim, app, stop };
}
