// Shared steps for app tests that drive one repository through pushes (backlog-two-way,
// openspec-archive, folder-rename-half-applied): commit, deliver, and read what the app wrote.
import type { startInProcessApp } from "./in-process-app.js";
import { pushPayload } from "./webhook-payloads.js";

type App = ReturnType<typeof startInProcessApp>;

/** The repository's issues in the simulator, as GitHub would return them. */
export const repoIssues = (app: App) => app.sim.issues(app.FULL) as any[];

/** The app's write requests since the log was last reset, as "METHOD /path" without the query. */
export const writeLines = (app: App) => app.sim.writes().map((r) => `${r.method} ${r.path.replace(/\?.*$/, "")}`);

/**
 * Commits `changes` to main (null deletes a file), delivers the push and waits until the app is
 * idle; the request log then shows this push alone. Returns the push payload.
 */
export async function pushChanges(app: App, changes: Record<string, string | null>, message = "Update plans") {
  const [owner, repo] = app.FULL.split("/") as [string, string];
  const { sha, before } = app.sim.commitFiles(app.FULL, "main", changes, message);
  const paths = Object.keys(changes);
  const payload = pushPayload(
    { owner, repo },
    {
      before,
      after: sha,
      modified: paths.filter((p) => changes[p] !== null),
      removed: paths.filter((p) => changes[p] === null),
    },
  );
  app.sim.resetLog();
  await app.receive("push", payload);
  await app.idle();
  return payload;
}
