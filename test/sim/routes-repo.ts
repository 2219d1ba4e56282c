import { gitCommitJson } from "./present-git.js";
import { repoJson } from "./present-repo.js";
import { userJson } from "./present-user.js";
import type { RepoState } from "./records.js";
import { branchSha } from "./repo-git.js";
import { ghError, json, noContent, notFound } from "./responses.js";
import { repoApiUrl, repoHtmlUrl, type Handler, type RepoHandler, type SimUrls } from "./route-context.js";
import type { SimState } from "./sim-state.js";

/** Repository, branch, installation and assignee endpoints. */

const APP_PERMISSIONS = {
  checks: "write",
  contents: "write",
  issues: "write",
  metadata: "read",
  pull_requests: "write",
};

export const getRepo: RepoHandler = (ctx) => json(200, repoJson(ctx.repo, ctx.urls));

export const getRepoInstallation: RepoHandler = (ctx) => json(200, installationJson(ctx.state, ctx.repo, ctx.urls));

export const createInstallationAccessToken: Handler = (ctx) => {
  const id = Number(ctx.params.installation_id);
  const repos = [...ctx.state.repos.values()].filter((repo) => repo.installationId === id);
  if (repos.length === 0) return notFound(ctx.docs);
  const expires = new Date(ctx.state.date().getTime() + 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const token = `ghs_sim${id}x${ctx.state.nextId().toString(36)}`.padEnd(40, "0");
  return json(201, { token, expires_at: expires, permissions: APP_PERMISSIONS, repository_selection: "selected" });
};

/** `GET /app` with the app's JWT: the app whose bot login is the simulator's actor (`<slug>[bot]`). */
export const getAuthenticatedApp: Handler = (ctx) => {
  const slug = ctx.state.actor.login.replace(/\[bot\]$/, "");
  const owner = ctx.state.user("octo-org", "Organization");
  return json(200, {
    id: 1,
    slug,
    node_id: "A_kwDOAAAAAQ",
    client_id: "Iv1.0000000000000001",
    owner: userJson(owner, ctx.urls),
    name: slug,
    description: "Keeps markdown planning documents and GitHub issues in sync.",
    external_url: `${ctx.urls.html}/apps/${slug}`,
    html_url: `${ctx.urls.html}/apps/${slug}`,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    permissions: APP_PERMISSIONS,
    events: ["push", "issues", "installation", "installation_repositories", "pull_request"],
  });
};

export const getBranch: RepoHandler = (ctx) => {
  const name = ctx.params.branch ?? "";
  const sha = branchSha(ctx.repo, name);
  const commit = sha === undefined ? undefined : ctx.repo.git.commit(sha);
  if (sha === undefined || !commit) return ghError(404, "Branch not found", ctx.docs);
  const isProtected = ctx.repo.protectedBranches.has(name);
  const api = repoApiUrl(ctx.urls, ctx.repo);
  const { sha: _sha, ...git } = gitCommitJson(ctx.repo, ctx.urls, sha, commit);
  return json(200, {
    name,
    commit: {
      sha,
      commit: git,
      url: `${api}/commits/${sha}`,
      html_url: `${repoHtmlUrl(ctx.urls, ctx.repo)}/commit/${sha}`,
      parents: git.parents,
    },
    _links: { self: `${api}/branches/${name}`, html: `${repoHtmlUrl(ctx.urls, ctx.repo)}/tree/${name}` },
    protected: isProtected,
    protection: {
      enabled: isProtected,
      required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
    },
    protection_url: `${api}/branches/${name}/protection`,
  });
};

/** 204 when the user can be assigned issues in the repository, 404 otherwise. */
export const checkUserCanBeAssigned: RepoHandler = (ctx) =>
  ctx.repo.collaborators.has((ctx.params.assignee ?? "").toLowerCase()) ? noContent() : notFound(ctx.docs);

export function installationJson(state: SimState, repo: RepoState, urls: SimUrls) {
  return {
    id: repo.installationId,
    account: userJson(repo.owner, urls),
    repository_selection: "selected",
    access_tokens_url: `${urls.api}/app/installations/${repo.installationId}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.html}/settings/installations/${repo.installationId}`,
    app_id: 1,
    app_slug: state.actor.login.replace(/\[bot\]$/, ""),
    target_id: repo.owner.id,
    target_type: repo.owner.type === "Organization" ? "Organization" : "User",
    permissions: APP_PERMISSIONS,
    events: ["issues", "pull_request", "push"],
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    single_file_name: null,
    suspended_at: null,
    suspended_by: null,
  };
}
