import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };

type Example = Record<string, any>;

/** A real payload from @octokit/webhooks-examples, deep-copied, picked by event name and a predicate. */
function example(name: string, pick: (e: Example) => boolean): Example {
  const group = (examples as unknown as { name: string; examples: Example[] }[]).find((g) => g.name === name);
  const found = group?.examples.find(pick);
  if (!found) throw new Error(`No ${name} example matches in @octokit/webhooks-examples`);
  return structuredClone(found);
}

export interface RepoTarget {
  owner: string;
  repo: string;
  installationId?: number;
  defaultBranch?: string;
  /** The owner's `type`; the example's (a user) when absent. */
  ownerType?: "User" | "Organization";
}

/** Points a real payload's repository and installation at the simulated repository. */
function retarget(payload: Example, t: RepoTarget): Example {
  const r = payload.repository;
  r.name = t.repo;
  r.full_name = `${t.owner}/${t.repo}`;
  r.owner.login = t.owner;
  r.owner.name = t.owner;
  if (t.ownerType) r.owner.type = t.ownerType;
  r.html_url = `https://github.com/${t.owner}/${t.repo}`;
  r.default_branch = t.defaultBranch ?? "main";
  r.master_branch = r.default_branch;
  payload.installation = { id: t.installationId ?? 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };
  return payload;
}

export interface PushFields {
  ref?: string;
  before: string;
  after: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
  sender?: { login: string; type: "User" | "Bot" };
  forced?: boolean;
  created?: boolean;
}

/** The real push example with a commit, changed only in the fields a scenario needs. */
export function pushPayload(t: RepoTarget, fields: PushFields): Example {
  const payload = retarget(
    example("push", (e) => e.commits?.length === 1 && e.installation),
    t,
  );
  payload.ref = fields.ref ?? `refs/heads/${t.defaultBranch ?? "main"}`;
  payload.before = fields.before;
  payload.after = fields.after;
  payload.forced = fields.forced ?? false;
  // The example created its branch; a push that creates one is a full scan (push-work.ts).
  payload.created = fields.created ?? false;
  payload.deleted = false;
  const commit = payload.commits[0];
  Object.assign(commit, {
    id: fields.after,
    added: fields.added ?? [],
    modified: fields.modified ?? [],
    removed: fields.removed ?? [],
  });
  payload.head_commit = commit;
  if (fields.sender) Object.assign(payload.sender, fields.sender);
  return payload;
}

/** The real installation.created example, listing the given repositories. */
export function installationCreatedPayload(t: RepoTarget): Example {
  const payload = example("installation", (e) => e.action === "created");
  payload.installation.id = t.installationId ?? 1;
  payload.repositories = [{ id: 1, node_id: "R_1", name: t.repo, full_name: `${t.owner}/${t.repo}`, private: false }];
  return payload;
}

/** The real installation_repositories.added example, adding the given repository. */
export function repositoriesAddedPayload(t: RepoTarget): Example {
  const payload = example("installation_repositories", (e) => e.action === "added");
  payload.installation.id = t.installationId ?? 1;
  payload.repositories_added = [
    { id: 1, node_id: "R_1", name: t.repo, full_name: `${t.owner}/${t.repo}`, private: false },
  ];
  return payload;
}

/** The real issues.reopened example carrying the simulator's issue, with the action a scenario needs. */
export function issueStatePayload(t: RepoTarget, issue: unknown, action: "closed" | "reopened"): Example {
  const payload = retarget(
    example("issues", (e) => e.action === "reopened" && e.installation),
    t,
  );
  payload.action = action;
  payload.issue = structuredClone(issue);
  return payload;
}

/** The real issues.edited example carrying the simulator's issue and the body it had before. */
export function issueEditedPayload(t: RepoTarget, issue: unknown, previousBody: string): Example {
  const payload = retarget(
    example("issues", (e) => e.action === "edited"),
    t,
  );
  payload.issue = structuredClone(issue);
  payload.changes = { body: { from: previousBody } };
  return payload;
}

export interface PullFields {
  action: "opened" | "synchronize" | "reopened" | "ready_for_review" | "closed";
  number: number;
  headSha: string;
  headRef: string;
  baseRef?: string;
  baseSha?: string;
  /** The fork's owner, for a pull request from a fork. */
  fork?: string;
}

/** The real pull_request example for the action, pointing at the simulated pull request. */
export function pullRequestPayload(t: RepoTarget, fields: PullFields): Example {
  const payload = retarget(
    example("pull_request", (e) => e.action === fields.action && e.installation),
    t,
  );
  const pr = payload.pull_request;
  payload.number = fields.number;
  pr.number = fields.number;
  pr.head.sha = fields.headSha;
  pr.head.ref = fields.headRef;
  pr.base.ref = fields.baseRef ?? t.defaultBranch ?? "main";
  pr.base.sha = fields.baseSha ?? pr.base.sha;
  pr.base.repo = structuredClone(payload.repository);
  pr.head.repo = structuredClone(payload.repository);
  if (fields.fork) {
    pr.head.repo.full_name = `${fields.fork}/${t.repo}`;
    pr.head.repo.owner.login = fields.fork;
    pr.head.repo.fork = true;
    pr.head.label = `${fields.fork}:${fields.headRef}`;
  }
  return payload;
}
