import { startInProcessApp } from "../app/in-process-app.js";

/** The in-process app for one repository, as the marker and label tests use it. */
export function startApp(owner: string, repo: string) {
  return startInProcessApp({ owner, repo });
}
