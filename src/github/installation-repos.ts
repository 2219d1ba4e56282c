import type { Probot } from "probot";
import type { Octokit } from "./octokit.js";
import { ownerKindField, type OwnerKind } from "./owner-kind.js";

export interface InstalledRepo {
  installationId: number;
  owner: string;
  repo: string;
  ownerKind?: OwnerKind;
}

/**
 * Every repository of every installation of the app, 100 per page: what the periodic reconcile
 * syncs. Suspended installations are skipped (their tokens are refused).
 */
export async function installedRepos(app: Probot): Promise<InstalledRepo[]> {
  const jwt = (await app.auth()) as Octokit;
  const found: InstalledRepo[] = [];
  for await (const { data } of jwt.paginate.iterator(jwt.rest.apps.listInstallations, { per_page: 100 })) {
    for (const installation of data) {
      if (installation.suspended_at) continue;
      const octokit = (await app.auth(installation.id)) as Octokit;
      const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
      for (const repo of repos)
        found.push({
          installationId: installation.id,
          owner: repo.owner.login,
          repo: repo.name,
          ...ownerKindField(repo.owner.type),
        });
    }
  }
  return found;
}
