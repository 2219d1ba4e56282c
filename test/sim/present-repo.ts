import type { RepoState } from "./records.js";
import { fullName } from "./records.js";
import { repoApiUrl, repoHtmlUrl, type SimUrls } from "./route-context.js";
import { nodeId, userJson } from "./present-user.js";

/** The repository object of `GET /repos/{owner}/{repo}` (the fields apps commonly read). */
export function repoJson(repo: RepoState, urls: SimUrls) {
  const api = repoApiUrl(urls, repo);
  return {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
    visibility: repo.private ? "private" : "public",
    owner: userJson(repo.owner, urls),
    html_url: repoHtmlUrl(urls, repo),
    description: null,
    fork: false,
    url: api,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    contents_url: `${api}/contents/{+path}`,
    default_branch: repo.defaultBranch,
    archived: false,
    disabled: false,
    has_issues: true,
    open_issues_count: [...repo.issues.values()].filter((issue) => issue.state === "open").length,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  };
}
