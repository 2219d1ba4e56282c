import { connection, type PageArgs } from "./graphql-connection.js";
import type { GraphqlContext } from "./graphql-context.js";
import { GitHubGraphqlError } from "./graphql-errors.js";
import { issueLabels } from "./present-issue.js";
import { findLabel } from "./issue-fields.js";
import { dueOnTimestamp } from "./pacific-date.js";
import { nodeId } from "./present-user.js";
import {
  fullName,
  type IssueRecord,
  type LabelRecord,
  type MilestoneRecord,
  type RepoState,
  type SimUser,
} from "./records.js";
import { repoHtmlUrl, type SimUrls } from "./route-context.js";
import { issueById } from "./routes-sub-issues.js";
import { projectItemsOf, projectV2Of } from "./graphql-projects.js";
import { issueTypeById, issueTypeObject, ownerIssueTypes } from "./issue-types.js";

/**
 * GraphQL objects over the simulator's records, the GraphQL side of present-*.ts. Each field is a
 * value or a function of the field's arguments (graphql-js calls it); a field left out here is one
 * the simulator does not simulate, and querying it records a violation (see graphql-execute.ts).
 * Ids are the REST `node_id`s and `databaseId` the REST `id`.
 */

type Args<T = object> = PageArgs & T;

export function issueObject(repo: RepoState, urls: SimUrls, issue: IssueRecord) {
  const children = () => (issue.subIssueIds ?? []).flatMap((id) => issueById(repo, id) ?? []);
  const html = `${repoHtmlUrl(urls, repo)}/issues/${issue.number}`;
  return {
    __typename: "Issue",
    id: nodeId("I", issue.id),
    databaseId: issue.id,
    fullDatabaseId: String(issue.id),
    number: issue.number,
    title: issue.title,
    // GitHub's Issue.body is non-null: an issue created without one has "".
    body: issue.body ?? "",
    state: issue.state.toUpperCase(),
    stateReason: issue.stateReason?.toUpperCase() ?? null,
    closed: issue.state === "closed",
    closedAt: issue.closedAt,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    url: html,
    resourcePath: new URL(html).pathname,
    author: () => accountObject(urls, issue.user),
    repository: () => repositoryObject(repo, urls),
    parent: () => {
      const parent = issue.parentId ? issueById(repo, issue.parentId) : undefined;
      return parent ? issueObject(repo, urls, parent) : null;
    },
    subIssues: (args: Args) => connection("subIssues", children(), args, (c) => issueObject(repo, urls, c)),
    subIssuesSummary: () => {
      const all = children();
      const completed = all.filter((c) => c.state === "closed").length;
      return {
        total: all.length,
        completed,
        percentCompleted: all.length ? Math.round((100 * completed) / all.length) : 0,
      };
    },
    labels: (args: Args) => connection("labels", issueLabels(repo, issue), args, (l) => labelObject(repo, urls, l)),
    assignees: (args: Args) => connection("assignees", issue.assignees, args, (u) => accountObject(urls, u)),
    milestone: () => {
      const milestone = issue.milestoneNumber === null ? undefined : repo.milestones.get(issue.milestoneNumber);
      return milestone ? milestoneObject(repo, urls, milestone) : null;
    },
    issueType: () => {
      const type = issueTypeById(repo, issue.typeId);
      return type ? issueTypeObject(type) : null;
    },
    projectItems: (args: Args, ctx: GraphqlContext) => projectItemsOf(ctx, issue, args),
  };
}

export function labelObject(repo: RepoState, urls: SimUrls, label: LabelRecord) {
  return {
    __typename: "Label",
    id: nodeId("LA", label.id),
    name: label.name,
    color: label.color,
    description: label.description,
    isDefault: false,
    url: `${repoHtmlUrl(urls, repo)}/labels/${encodeURIComponent(label.name)}`,
    repository: () => repositoryObject(repo, urls),
  };
}

export function milestoneObject(repo: RepoState, urls: SimUrls, milestone: MilestoneRecord) {
  return {
    __typename: "Milestone",
    id: nodeId("MI", milestone.id),
    number: milestone.number,
    title: milestone.title,
    description: milestone.description,
    state: milestone.state.toUpperCase(),
    closed: milestone.state === "closed",
    dueOn: milestone.dueOn === null ? null : dueOnTimestamp(milestone.dueOn),
    createdAt: milestone.createdAt,
    updatedAt: milestone.updatedAt,
    closedAt: milestone.closedAt,
    url: `${repoHtmlUrl(urls, repo)}/milestone/${milestone.number}`,
    creator: () => accountObject(urls, milestone.creator),
    repository: () => repositoryObject(repo, urls),
  };
}

/** A User, Bot or Organization, typed as GitHub's schema types them. */
export function accountObject(urls: SimUrls, user: SimUser) {
  const prefix = user.type === "Bot" ? "BOT" : user.type === "Organization" ? "O" : "U";
  return {
    __typename: user.type,
    id: nodeId(prefix, user.id),
    databaseId: user.id,
    login: user.login,
    url: `${urls.html}/${user.login}`,
    resourcePath: `/${user.login}`,
    avatarUrl: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    // Projects (v2) belong to organisations and users (graphql-projects.ts).
    ...(user.type !== "Bot"
      ? { projectV2: ({ number }: { number: number }, ctx: GraphqlContext) => projectV2Of(ctx, user, number) }
      : {}),
    // Organizations' issue types (issue-types.ts).
    ...(user.type === "Organization"
      ? {
          issueTypes: (args: Args, ctx: GraphqlContext) =>
            connection("issueTypes", ownerIssueTypes(ctx.state, user), args, issueTypeObject),
        }
      : {}),
  };
}

export function repositoryObject(repo: RepoState, urls: SimUrls) {
  return {
    __typename: "Repository",
    id: nodeId("R", repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: fullName(repo),
    url: repoHtmlUrl(urls, repo),
    isPrivate: repo.private,
    visibility: repo.private ? "PRIVATE" : "PUBLIC",
    hasIssuesEnabled: true,
    owner: () => accountObject(urls, repo.owner),
    label: ({ name }: { name: string }) => {
      const label = findLabel(repo, name);
      return label ? labelObject(repo, urls, label) : null;
    },
    labels: (args: Args<{ query?: string | null }>) => {
      const query = args.query?.toLowerCase();
      const labels = query ? repo.labels.filter((l) => l.name.toLowerCase().includes(query)) : repo.labels;
      return connection("labels", labels, args, (l) => labelObject(repo, urls, l));
    },
    milestone: ({ number }: { number: number }) => {
      const milestone = repo.milestones.get(number);
      return milestone ? milestoneObject(repo, urls, milestone) : null;
    },
    milestones: (args: Args<{ states?: string[] | null }>) => {
      const states = args.states?.map((s) => s.toLowerCase());
      const all = [...repo.milestones.values()].filter((m) => !states || states.includes(m.state));
      return connection("milestones", all, args, (m) => milestoneObject(repo, urls, m));
    },
    issue: ({ number }: { number: number }) => {
      const issue = repo.issues.get(number);
      if (!issue || issue.pull)
        throw new GitHubGraphqlError("NOT_FOUND", `Could not resolve to an Issue with the number of ${number}.`);
      return issueObject(repo, urls, issue);
    },
    assignableUsers: (args: Args<{ query?: string | null }>, ctx: GraphqlContext) => {
      const query = args.query?.toLowerCase();
      const logins = [...repo.collaborators].filter((login) => !query || login.includes(query));
      return connection("assignableUsers", logins, args, (login) => accountObject(urls, ctx.state.user(login)));
    },
    // The owning organisation's issue types (issue-types.ts); a user's repository has none.
    issueTypes: (args: Args, ctx: GraphqlContext) =>
      connection("issueTypes", ownerIssueTypes(ctx.state, repo.owner), args, issueTypeObject),
    issueType: ({ name }: { name: string }, ctx: GraphqlContext) => {
      const type = ownerIssueTypes(ctx.state, repo.owner).find((t) => t.name.toLowerCase() === name.toLowerCase());
      return type ? issueTypeObject(type) : null;
    },
  };
}
