import type { Operation, RemoteIssue } from "../sync/sync-types.js";
import type { GraphqlClient } from "./graphql-client.js";
import type { CreateIssueInput } from "./graphql-create-issue.js";
import type { RepoRef } from "./octokit.js";

type Create = Extract<Operation, { kind: "create-issue" }>;

/** What a create names, as GraphQL needs it: GitHub's node ids. */
export type CreateIds = Omit<CreateIssueInput, "title" | "body">;

/**
 * A create's ids; or the first name GitHub knows no node for (a label deleted meanwhile, a login
 * that is no user); or what the host's schema lacks of what plansync sends.
 */
export type IdsFor = { ids: CreateIds } | { missing: string } | { unsupported: string };

/**
 * The `CreateIssueInput` fields plansync sends. The first query reads which the host has
 * (introspection, in the same request), so a GitHub Enterprise Server without `parentIssueId`
 * is never sent a mutation it must refuse.
 */
const INPUT_FIELDS = ["repositoryId", "title", "body", "labelIds", "milestoneId", "assigneeIds", "parentIssueId"];

/** Why the ids could not be asked for: GitHub's GraphQL answer, thrown on to the caller to classify. */
export class NodeQueryError extends Error {
  constructor(override readonly cause: unknown) {
    super("GitHub's GraphQL API did not answer plansync's node id query");
  }
}

/**
 * The node ids one sync's GraphQL creates name, known from what the sync already has (the issue
 * listing's `node_id`, the labels and milestones it created) and the rest asked for lazily in ONE
 * aliased query, for every create of the sync at once, then kept for the rest of the sync.
 * Names from the docs (labels, logins) travel as variables, never as query text.
 */
export class NodeIds {
  private repositoryId: string | null | undefined;
  /** By lower-cased name: GitHub's label names are case-insensitive. Null: asked, and none exists. */
  private readonly labels = new Map<string, string | null>();
  private readonly milestones = new Map<number, string | null>();
  /** By lower-cased login. */
  private readonly users = new Map<string, string | null>();
  private readonly issues = new Map<number, string | null>();
  /** The query failed this sync (not for a rate limit): no more are sent, and creates use REST. */
  private failed = false;
  /** What the host's `CreateIssueInput` lacks, once the first query has said. */
  private lacking: string[] = [];

  constructor(
    private readonly repo: RepoRef,
    private readonly plan: {
      /** Every create of the sync: the first query asks for all they name. */
      creates: readonly Create[];
      issues: readonly RemoteIssue[];
      milestoneNumber: (title: string) => number | undefined;
    },
  ) {
    for (const issue of plan.issues) if (issue.nodeId) this.issues.set(issue.number, issue.nodeId);
  }

  knowLabel(name: string, nodeId: string | undefined): void {
    if (nodeId) this.labels.set(name.toLowerCase(), nodeId);
  }

  knowMilestone(number: number, nodeId: string | undefined): void {
    if (nodeId) this.milestones.set(number, nodeId);
  }

  knowIssue(number: number, nodeId: string | undefined): void {
    if (nodeId) this.issues.set(number, nodeId);
  }

  /**
   * The node ids `op` names, created under issue `parent` (a number) when given. Asks GitHub for
   * whatever the sync's creates name that is not known yet (once; a later call asks only for
   * what is still unasked). Throws NodeQueryError when that query fails.
   */
  async idsFor(graphql: GraphqlClient, op: Create, parent: number | undefined): Promise<IdsFor> {
    if (this.failed) return { missing: "node ids (GraphQL did not answer earlier in this sync)" };
    const milestone = op.milestone === null ? undefined : this.plan.milestoneNumber(op.milestone);
    // The first call asks for what every create of the sync names; later ones for what is still new.
    await this.ask(graphql, this.unasked(this.repositoryId === undefined ? [...this.plan.creates, op] : [op], parent));
    if (this.lacking.length > 0) return { unsupported: `CreateIssueInput has no ${this.lacking.join(", ")}` };
    const labelIds = op.labels.map((name) => this.labels.get(name.toLowerCase()));
    const assigneeIds = op.assignees.map((login) => this.users.get(login.toLowerCase()));
    const milestoneId = milestone === undefined ? undefined : this.milestones.get(milestone);
    const parentIssueId = parent === undefined ? undefined : this.issues.get(parent);
    const missing = [
      !this.repositoryId && `repository ${this.repo.owner}/${this.repo.repo}`,
      ...op.labels.filter((_, i) => !labelIds[i]).map((name) => `label ${name}`),
      ...op.assignees.filter((_, i) => !assigneeIds[i]).map((login) => `user ${login}`),
      milestone !== undefined && !milestoneId && `milestone #${milestone}`,
      parent !== undefined && !parentIssueId && `issue #${parent}`,
    ].find((m): m is string => typeof m === "string");
    if (missing) return { missing };
    return {
      ids: {
        repositoryId: this.repositoryId!,
        labelIds: labelIds as string[],
        assigneeIds: assigneeIds as string[],
        ...(milestoneId && { milestoneId }),
        ...(parentIssueId && { parentIssueId }),
      },
    };
  }

  /** What the creates name that was never asked for. Parents created in this sync are known by then. */
  private unasked(creates: readonly Create[], parent: number | undefined): Wants {
    const wants: Wants = {
      repository: this.repositoryId === undefined,
      labels: [],
      milestones: [],
      users: [],
      issues: [],
    };
    const add = <K>(list: K[], map: Map<K, unknown>, key: K) => !map.has(key) && !list.includes(key) && list.push(key);
    for (const op of creates) {
      // Asked for as written (GitHub's docs do not say `label(name:)` ignores case), kept by lower case.
      for (const name of op.labels)
        if (!this.labels.has(name.toLowerCase()) && !wants.labels.some((w) => w.toLowerCase() === name.toLowerCase()))
          wants.labels.push(name);
      op.assignees.forEach((login) => add(wants.users, this.users, login.toLowerCase()));
      const milestone = op.milestone === null ? undefined : this.plan.milestoneNumber(op.milestone);
      if (milestone !== undefined) add(wants.milestones, this.milestones, milestone);
      const ref = op.parent?.issue;
      if (ref && "number" in ref) add(wants.issues, this.issues, ref.number);
    }
    if (parent !== undefined) add(wants.issues, this.issues, parent);
    return wants;
  }

  private async ask(graphql: GraphqlClient, wants: Wants): Promise<void> {
    const { labels, milestones, users, issues } = wants;
    if (!wants.repository && labels.length + milestones.length + users.length + issues.length === 0) return;
    const { query, variables } = nodeQuery(this.repo, wants);
    let data: NodeAnswer | null | undefined;
    try {
      data = await graphql<NodeAnswer>(query, variables);
    } catch (error) {
      // GitHub answers a name it cannot resolve (`user(login:)`) with an error beside the rest of the data.
      data = (error as { data?: NodeAnswer | null }).data;
      if (!data?.repository) {
        this.failed = true;
        throw new NodeQueryError(error);
      }
    }
    const found = (node: { id?: string } | null | undefined) => node?.id ?? null;
    if (wants.repository) this.lacking = lackingFields(data?.createIssueInput);
    this.repositoryId = found(data?.repository);
    labels.forEach((name, i) => this.labels.set(name.toLowerCase(), found(data?.repository?.[`l${i}`])));
    milestones.forEach((number, i) => this.milestones.set(number, found(data?.repository?.[`m${i}`])));
    issues.forEach((number, i) => this.issues.set(number, found(data?.repository?.[`i${i}`])));
    users.forEach((login, i) => this.users.set(login, found(data?.[`u${i}`] as { id?: string } | null)));
  }
}

interface Wants {
  repository: boolean;
  labels: string[];
  milestones: number[];
  users: string[];
  issues: number[];
}

type NodeAnswer = {
  repository?: ({ id?: string } & Record<string, { id?: string } | null>) | null;
  createIssueInput?: { inputFields?: { name: string }[] | null } | null;
} & Record<string, unknown>;

/** The fields plansync sends that the host's `CreateIssueInput` lacks (all of them when it has no such type). */
function lackingFields(type: NonNullable<NodeAnswer["createIssueInput"]> | null | undefined): string[] {
  const has = new Set((type?.inputFields ?? []).map((f) => f.name));
  return INPUT_FIELDS.filter((name) => !has.has(name));
}

/**
 * `query($owner: String!, $name: String!, $l0: String!, …) { repository(…) { id l0: label(name: $l0) { id } … }
 * u0: user(login: $u0) { id } }`: every name is a variable, every alias plansync's own.
 */
export function nodeQuery(repo: RepoRef, wants: Wants): { query: string; variables: Record<string, unknown> } {
  const declared = ["$owner: String!", "$name: String!"];
  const inRepository = ["id"];
  // The first query of a sync also reads which input fields the host's createIssue takes.
  const atRoot = wants.repository
    ? ['createIssueInput: __type(name: "CreateIssueInput") { inputFields { name } }']
    : [];
  const variables: Record<string, unknown> = { owner: repo.owner, name: repo.repo };
  const field = (list: string[], alias: string, type: string, value: unknown, select: string) => {
    declared.push(`$${alias}: ${type}`);
    variables[alias] = value;
    list.push(`${alias}: ${select.replace("$", () => `$${alias}`)} { id }`);
  };
  wants.labels.forEach((name, i) => field(inRepository, `l${i}`, "String!", name, "label(name: $)"));
  wants.milestones.forEach((n, i) => field(inRepository, `m${i}`, "Int!", n, "milestone(number: $)"));
  wants.issues.forEach((n, i) => field(inRepository, `i${i}`, "Int!", n, "issue(number: $)"));
  wants.users.forEach((login, i) => field(atRoot, `u${i}`, "String!", login, "user(login: $)"));
  const query = `query PlansyncNodeIds(${declared.join(", ")}) {
  repository(owner: $owner, name: $name) { ${inRepository.join(" ")} }
  ${atRoot.join(" ")}
}`;
  return { query, variables };
}
