import type { Context } from "probot";
import { ownerKindField } from "../github/owner-kind.js";
import type { AppServices } from "./app-services.js";

type InstallationContext = Context<"installation.created"> | Context<"installation_repositories.added">;

/** Installing the app, or adding a repository to it, syncs each repository's synced branch in full. */
export async function handleInstallation(context: InstallationContext, services: AppServices): Promise<void> {
  const payload = context.payload;
  const repos = "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
  for (const { full_name } of repos) {
    const [owner, repo] = full_name.split("/") as [string, string];
    await services.enqueue({
      kind: "sync",
      installationId: payload.installation.id,
      owner,
      repo,
      branch: null,
      commits: null,
      // Every repository of an installation is its account's (an enterprise's account has no type).
      ...ownerKindField((payload.installation.account as { type?: unknown } | null)?.type),
    });
  }
}
