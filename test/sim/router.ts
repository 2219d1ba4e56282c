import { createBlob, createCommit, createTree, getBlob, getCommit, getTree } from "./routes-git-objects.js";
import { createRef, getRef, updateRef } from "./routes-git-refs.js";
import { createCheckRun, listCheckRunsForRef, updateCheckRun } from "./routes-checks.js";
import { getContent, putContent } from "./routes-contents.js";
import { createComment, createIssue, getIssue, listComments, listRepoIssues, updateIssue } from "./routes-issues.js";
import { createLabel, listLabels } from "./routes-labels.js";
import { addIssueAssignees, addIssueLabels, removeIssueAssignees, removeIssueLabel } from "./routes-issue-labels.js";
import { createMilestone, listMilestones, updateMilestone } from "./routes-milestones.js";
import { createPull, listPulls, updatePull } from "./routes-pulls.js";
import { listPullFiles } from "./routes-pull-files.js";
import { compareCommits, getAuthenticatedUser } from "./routes-compare.js";
import { addSubIssue, listSubIssues, removeSubIssue, reprioritizeSubIssue } from "./routes-sub-issues.js";
import { addBlockedBy, listBlockedBy, removeBlockedBy } from "./routes-dependencies.js";
import {
  checkUserCanBeAssigned,
  createInstallationAccessToken,
  getAuthenticatedApp,
  getBranch,
  getRepo,
  getRepoInstallation,
} from "./routes-repo.js";
import {
  listInstallationRepos,
  listInstallations,
  listWebhookDeliveries,
  redeliverWebhookDelivery,
} from "./routes-app.js";
import { getCollaboratorPermission } from "./routes-collaborators.js";
import { ghError, notFound, type SimResponse } from "./responses.js";
import type { Handler, RepoHandler, RouteContext } from "./route-context.js";

/** Handlers by GitHub operationId: the validator's match decides which one runs. */

const GLOBAL_ROUTES: Record<string, Handler> = {
  "apps/list-webhook-deliveries": listWebhookDeliveries,
  "apps/redeliver-webhook-delivery": redeliverWebhookDelivery,
  "apps/list-installations": listInstallations,
  "apps/list-repos-accessible-to-installation": listInstallationRepos,
  "apps/create-installation-access-token": createInstallationAccessToken,
  "apps/get-authenticated": getAuthenticatedApp,
  "users/get-authenticated": getAuthenticatedUser,
};

const REPO_ROUTES: Record<string, RepoHandler> = {
  "repos/get": getRepo,
  "apps/get-repo-installation": getRepoInstallation,
  "repos/get-branch": getBranch,
  "repos/get-content": getContent,
  "repos/create-or-update-file-contents": putContent,
  "git/get-tree": getTree,
  "git/create-tree": createTree,
  "git/get-blob": getBlob,
  "git/create-blob": createBlob,
  "git/get-commit": getCommit,
  "git/create-commit": createCommit,
  "git/get-ref": getRef,
  "git/update-ref": updateRef,
  "git/create-ref": createRef,
  "issues/list-for-repo": listRepoIssues,
  "issues/create": createIssue,
  "issues/get": getIssue,
  "issues/update": updateIssue,
  "issues/create-comment": createComment,
  "issues/list-comments": listComments,
  "issues/list-labels-for-repo": listLabels,
  "issues/create-label": createLabel,
  "issues/list-milestones": listMilestones,
  "issues/create-milestone": createMilestone,
  "issues/update-milestone": updateMilestone,
  "issues/check-user-can-be-assigned": checkUserCanBeAssigned,
  "repos/get-collaborator-permission-level": getCollaboratorPermission,
  "checks/create": createCheckRun,
  "checks/update": updateCheckRun,
  "checks/list-for-ref": listCheckRunsForRef,
  "pulls/list": listPulls,
  "pulls/create": createPull,
  "pulls/update": updatePull,
  "pulls/list-files": listPullFiles,
  "repos/compare-commits-with-basehead": compareCommits,
  "issues/list-sub-issues": listSubIssues,
  "issues/add-sub-issue": addSubIssue,
  "issues/remove-sub-issue": removeSubIssue,
  "issues/reprioritize-sub-issue": reprioritizeSubIssue,
  "issues/list-dependencies-blocked-by": listBlockedBy,
  "issues/add-blocked-by-dependency": addBlockedBy,
  "issues/remove-dependency-blocked-by": removeBlockedBy,
  "issues/add-labels": addIssueLabels,
  "issues/remove-label": removeIssueLabel,
  "issues/add-assignees": addIssueAssignees,
  "issues/remove-assignees": removeIssueAssignees,
};

export function route(ctx: RouteContext): SimResponse {
  const global = GLOBAL_ROUTES[ctx.operationId];
  if (global) return global(ctx);
  const handler = REPO_ROUTES[ctx.operationId];
  // Listed in scripts/openapi-operations.txt but not simulated yet: say so instead of guessing.
  if (!handler) return ghError(501, `GitHubSim does not implement ${ctx.operationId}`);
  const repo = ctx.state.findRepo(ctx.params.owner ?? "", ctx.params.repo ?? "");
  return repo ? handler({ ...ctx, repo }) : notFound(ctx.docs);
}
