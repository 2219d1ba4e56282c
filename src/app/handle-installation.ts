import type { Context } from "probot";
import { loadConfig } from "../github/load-config.js";
import { reportInvalidConfig, syncRepo } from "../github/sync-repo.js";
import type { AppServices } from "./app-services.js";
import { queueWriteBack } from "./queue-write-back.js";

type InstallationContext = Context<"installation.created"> | Context<"installation_repositories.added">;

/** Installing the app, or adding a repository to it, syncs the default branch in full. */
export async function handleInstallation(context: InstallationContext, services: AppServices): Promise<void> {
  const payload = context.payload;
  const repos = "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
  for (const { full_name } of repos) {
    const [owner, name] = full_name.split("/") as [string, string];
    void services.queue.enqueue(full_name, async () => fullSync(context, { owner, repo: name }, services));
  }
}

async function fullSync(
  context: InstallationContext,
  repo: { owner: string; repo: string },
  services: AppServices,
): Promise<void> {
  const log = context.log.child({ repo: `${repo.owner}/${repo.repo}` });
  const { data } = await context.octokit.rest.repos.get(repo);
  const loaded = await loadConfig(context.octokit, repo);
  const branch = loaded.ok ? (loaded.config.branch ?? data.default_branch) : data.default_branch;
  const { data: head } = await context.octokit.rest.repos.getBranch({ ...repo, branch });
  const target = {
    repo,
    sha: head.commit.sha,
    htmlUrl: data.html_url,
    paths: "all" as const,
    creator: await services.creator(),
  };
  if (!loaded.ok) return reportInvalidConfig(context.octokit, target, loaded.errors);
  log.info({ branch }, "Full sync after installation");
  const outcome = await syncRepo(context.octokit, target, loaded.config, log);
  queueWriteBack(context.octokit, repo, outcome.writeBacks, services, log);
}
