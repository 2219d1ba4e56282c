import type { AppServices } from "./app-services.js";

/**
 * Puts issues into the repository's write-back window, for an `issues.closed`, `reopened` or
 * `edited` event. The job re-reads each issue and the config when it runs.
 */
export async function queueWriteBack(
  services: AppServices,
  target: { installationId: number | undefined; owner: string; repo: string },
  issues: number[],
): Promise<void> {
  if (target.installationId === undefined || issues.length === 0) return;
  await services.enqueue({ kind: "write-back", ...target, installationId: target.installationId, issues });
}
