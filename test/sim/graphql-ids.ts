import type { IssueRecord, LabelRecord, MilestoneRecord, RepoState, SimUser } from "./records.js";
import type { SimState } from "./sim-state.js";

/**
 * GraphQL global ids are the REST `node_id` strings (present-user.ts `nodeId`): `I_…` for an issue,
 * `LA_…` a label, `MI_…` a milestone, `R_…` a repository, `U_…`/`BOT_…`/`O_…` an account. Decoding
 * one finds the record it was made from, so an id read through either API works in the other.
 */
export type NodeRef =
  | { type: "Issue"; repo: RepoState; issue: IssueRecord }
  | { type: "Label"; repo: RepoState; label: LabelRecord }
  | { type: "Milestone"; repo: RepoState; milestone: MilestoneRecord }
  | { type: "Repository"; repo: RepoState }
  | { type: "User" | "Bot" | "Organization"; user: SimUser };

const NODE_ID = /^([A-Z]+)_kwDO([A-Za-z0-9_-]+)$/;

/** Prefixes the simulator hands out in REST but does not resolve as GraphQL nodes yet. */
const UNSIMULATED: Record<string, string> = {
  PR: "PullRequest",
  IC: "IssueComment",
  CR: "CheckRun",
  B: "Blob",
  C: "Commit",
  REF: "Ref",
};

export type NodeLookup = NodeRef | { unsimulated: string } | null;

export function findNode(state: SimState, id: string): NodeLookup {
  const match = NODE_ID.exec(id);
  if (!match) return null;
  const [, prefix = "", encoded = ""] = match;
  const unsimulated = UNSIMULATED[prefix];
  if (unsimulated) return { unsimulated };
  const dbId = Number(Buffer.from(encoded, "base64url").toString("utf8"));
  if (!Number.isSafeInteger(dbId)) return null;
  const repos = [...state.repos.values()];
  switch (prefix) {
    case "I":
      for (const repo of repos)
        for (const issue of repo.issues.values())
          if (issue.id === dbId && !issue.pull) return { type: "Issue", repo, issue };
      return null;
    case "LA":
      for (const repo of repos) {
        const label = repo.labels.find((l) => l.id === dbId);
        if (label) return { type: "Label", repo, label };
      }
      return null;
    case "MI":
      for (const repo of repos)
        for (const milestone of repo.milestones.values())
          if (milestone.id === dbId) return { type: "Milestone", repo, milestone };
      return null;
    case "R": {
      const repo = repos.find((r) => r.id === dbId);
      return repo ? { type: "Repository", repo } : null;
    }
    case "U":
    case "BOT":
    case "O": {
      const user = knownUsers(state).find((u) => u.id === dbId);
      const type = prefix === "U" ? "User" : prefix === "BOT" ? "Bot" : "Organization";
      return user && user.type === type ? { type, user } : null;
    }
    default:
      return null;
  }
}

/**
 * Every account the simulated GitHub has seen: the app, repository owners and collaborators, and
 * the authors and assignees of issues, comments and milestones.
 */
export function knownUsers(state: SimState): SimUser[] {
  const users = new Set<SimUser>([state.actor]);
  for (const repo of state.repos.values()) {
    users.add(repo.owner);
    for (const login of repo.collaborators) users.add(state.user(login));
    for (const issue of repo.issues.values()) [issue.user, ...issue.assignees].forEach((u) => users.add(u));
    for (const comment of repo.comments) users.add(comment.user);
    for (const milestone of repo.milestones.values()) users.add(milestone.creator);
  }
  return [...users];
}
