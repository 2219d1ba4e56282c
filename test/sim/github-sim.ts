import { randomUUID } from "node:crypto";
import { createRepo, type AddRepoOptions } from "./create-repo.js";
import { resolveIssueType, setOwnerIssueTypes } from "./issue-types.js";
import { FaultQueue, type FaultSpec } from "./faults.js";
import * as projects from "./graphql-projects-sim.js";
import { projectStore } from "./graphql-projects-store.js";
import type { GitPerson } from "./git-objects.js";
import { listen, type AnsweredHook, type RunningServer } from "./http-server.js";
import { graphqlContext } from "./graphql-context.js";
import { executeGraphql, graphqlErrors, isGraphqlRequest, prepareGraphql } from "./graphql-endpoint.js";
import { githubGraphqlSchema } from "./graphql-schema.js";
import { interceptWithNock } from "./nock-adapter.js";
import { withEtag } from "./etags.js";
import { githubValidator } from "./openapi-spec.js";
import { createOpenApiValidator, type OpenApiValidator, type OperationMatch } from "./openapi-validator.js";
import type { OpenApiSpec } from "./openapi-types.js";
import { commentJson, issueJson, labelJson, milestoneJson } from "./present-issue.js";
import type { CheckRunRecord } from "./records.js";
import { branchSha, commitToBranch, readFileAt } from "./repo-git.js";
import { openPullRequest } from "./open-pull-request.js";
import { issueById } from "./routes-sub-issues.js";
import { parseRequest, type ParsedRequest, type SimRequest } from "./request-parse.js";
import { json, notFound, type SimResponse } from "./responses.js";
import type { SimUrls } from "./route-context.js";
import { RateLimits } from "./rate-limit.js";
import { route } from "./router.js";
import type { DeliveryRecord } from "./routes-app.js";
import { sendWebhook } from "./send-webhook.js";
import { SimState, type SimStateOptions } from "./sim-state.js";
import { sizeLimitViolation } from "./size-limits.js";

export type { AddRepoOptions, DeliveryRecord, FaultSpec, RunningServer, SimRequest, SimResponse };

export interface GitHubSimOptions extends SimStateOptions {
  /** Another REST description to validate against; defaults to test/openapi/api.github.com.trimmed.json. */
  spec?: OpenApiSpec;
}

export interface LoggedRequest {
  method: string;
  /** Decoded path without query and without `/api/v3`. */
  path: string;
  /** Query string without `?` ("" when none). */
  query: string;
  /**
   * GitHub's operationId, or null when the request matched no described operation. GraphQL requests
   * have `graphql:query:…` or `graphql:mutation:…` followed by their root fields (`graphql:invalid`
   * when unreadable).
   */
  operationId: string | null;
  status: number;
  body: unknown;
}

const isGraphqlQuery = (r: LoggedRequest) => r.operationId?.startsWith("graphql:query:") === true;

/** URLs used in objects returned by the test helpers (requests use the URL the client called). */
const HELPER_URLS: SimUrls = { api: "https://api.github.com", html: "https://github.com" };
const TOKEN_OPERATION = "apps/create-installation-access-token";
/** Who moves a card when a test names nobody: a person with the triage role, who may close issues. */
const DEFAULT_MOVER = "alice";

/**
 * An in-memory api.github.com for the operations in scripts/openapi-operations.txt. Every request is
 * checked against GitHub's REST description first; violations are recorded and answered 400.
 */
export class GitHubSim {
  /** `METHOD /path: problem` for every request that broke GitHub's REST description. */
  readonly violations: string[] = [];
  readonly requests: LoggedRequest[] = [];
  private readonly state: SimState;
  private readonly validator: OpenApiValidator;
  private readonly faults = new FaultQueue();
  private readonly hooks: { operationId: string; run: () => void }[] = [];
  private requestCount = 0;
  /** What this server's GraphQL schema lacks (GitHub Enterprise Server), or null when it has no GraphQL. */
  private graphqlRemovals: readonly string[] | null = [];
  private readonly rateLimits = new RateLimits();

  constructor(options: GitHubSimOptions = {}) {
    this.state = new SimState(options);
    this.validator = options.spec ? createOpenApiValidator(options.spec) : githubValidator();
  }

  addRepo(options: AddRepoOptions): void {
    const key = `${options.owner}/${options.repo}`.toLowerCase();
    if (this.state.repos.has(key)) throw new Error(`GitHubSim: ${options.owner}/${options.repo} already exists`);
    this.state.repos.set(key, createRepo(this.state, options));
  }

  /** Commits text changes (null deletes) like a push would; creates `branch` from the default branch if missing. */
  commitFiles(
    ownerRepo: string,
    branch: string,
    changes: Record<string, string | null>,
    message: string,
    author?: Omit<GitPerson, "date">,
  ) {
    const person = author && { ...author, date: this.state.timestamp() };
    return commitToBranch(this.state, this.state.requireRepo(ownerRepo), branch, changes, message, person);
  }

  /**
   * Opens a pull request with `changes` committed on top of `base`, as a person would. With
   * `fork`, the head lives in that fork: this repository holds it only as `refs/pull/{n}/head`.
   * Call again with the same number to push more commits to it.
   */
  openPullRequest(
    ownerRepo: string,
    options: { base?: string; branch: string; changes: Record<string, string | null>; fork?: string; number?: number },
  ): { number: number; headSha: string; baseSha: string } {
    return openPullRequest(this.state, this.state.requireRepo(ownerRepo), options);
  }

  readFile(ownerRepo: string, branch: string, path: string): string | undefined {
    const repo = this.state.requireRepo(ownerRepo);
    const head = branchSha(repo, branch);
    return head === undefined ? undefined : readFileAt(repo, head, path)?.toString("utf8");
  }

  headSha(ownerRepo: string, branch: string): string {
    const sha = branchSha(this.state.requireRepo(ownerRepo), branch);
    if (sha === undefined) throw new Error(`GitHubSim: ${ownerRepo} has no branch ${branch}`);
    return sha;
  }

  /** The branch's commit messages, newest first, following first parents. */
  commitMessages(ownerRepo: string, branch: string): string[] {
    const repo = this.state.requireRepo(ownerRepo);
    const messages: string[] = [];
    for (let sha = branchSha(repo, branch); sha !== undefined;) {
      const commit = repo.git.commit(sha);
      if (!commit) break;
      messages.push(commit.message);
      sha = commit.parents[0];
    }
    return messages;
  }

  branches(ownerRepo: string): string[] {
    const refs = [...this.state.requireRepo(ownerRepo).refs.keys()];
    return refs.filter((ref) => ref.startsWith("refs/heads/")).map((ref) => ref.slice("refs/heads/".length));
  }

  /** Simulates a ruleset requiring pull requests: direct writes to the branch are refused. */
  protectBranch(ownerRepo: string, branch: string): void {
    this.state.requireRepo(ownerRepo).protectedBranches.add(branch);
  }

  /** Makes recursive tree listings of this repository stop after `entries`, marked truncated. */
  limitTreeListing(ownerRepo: string, entries: number): void {
    this.state.requireRepo(ownerRepo).treeListingLimit = entries;
  }

  /** Who can be assigned (replaces the default: the owner only). */
  setCollaborators(ownerRepo: string, logins: string[]): void {
    const repo = this.state.requireRepo(ownerRepo);
    repo.collaborators = new Set(logins.map((login) => login.toLowerCase()));
  }

  /** Gives `login` a repository role short of write (triage: may close issues; read), without making them assignable. */
  setRole(ownerRepo: string, login: string, role: "read" | "triage"): void {
    const repo = this.state.requireRepo(ownerRepo);
    (repo.roles ??= new Map()).set(login.toLowerCase(), role);
  }

  /**
   * A request as someone other than the app: a person (`login`) or another app (`login;Bot`), the
   * way a stranger, a collaborator or another integration would send it. Returns GitHub's JSON.
   */
  async actAs(login: string, method: string, url: string, body?: unknown): Promise<any> {
    const headers = { "x-sim-actor": login };
    const json = body === undefined ? undefined : JSON.stringify(body);
    return (await this.handle({ method, url, headers, body: json })).body;
  }

  /** Opens an issue as `login` (see actAs) and returns its number. */
  async openIssueAs(ownerRepo: string, login: string, title: string, body: string): Promise<number> {
    return ((await this.actAs(login, "POST", `/repos/${ownerRepo}/issues`, { title, body })) as { number: number })
      .number;
  }

  /** Check runs as stored, with every annotation received across create and updates. */
  checkRuns(ownerRepo: string): readonly CheckRunRecord[] {
    return this.state.requireRepo(ownerRepo).checkRuns;
  }

  /** Issues and pull requests as GitHub's issue JSON, by ascending number. */
  issues(ownerRepo: string) {
    const repo = this.state.requireRepo(ownerRepo);
    return [...repo.issues.values()]
      .sort((a, b) => a.number - b.number)
      .map((issue) => issueJson(repo, HELPER_URLS, issue));
  }

  issue(ownerRepo: string, number: number) {
    return this.issues(ownerRepo).find((issue) => issue.number === number);
  }

  /** The numbers of an issue's sub-issues, in GitHub's order. */
  subIssues(ownerRepo: string, number: number): number[] {
    const repo = this.state.requireRepo(ownerRepo);
    return (repo.issues.get(number)?.subIssueIds ?? []).map((id) => issueById(repo, id)!.number);
  }

  /** The number of an issue's parent, or null. */
  parentOf(ownerRepo: string, number: number): number | null {
    const repo = this.state.requireRepo(ownerRepo);
    const parentId = repo.issues.get(number)?.parentId;
    return parentId ? issueById(repo, parentId)!.number : null;
  }

  /** The numbers of the issues blocking this one. */
  blockedBy(ownerRepo: string, number: number): number[] {
    const repo = this.state.requireRepo(ownerRepo);
    return (repo.issues.get(number)?.blockedByIds ?? []).map((id) => issueById(repo, id)!.number);
  }

  /** A human makes `child` a sub-issue of `parent`, in GitHub's UI. */
  linkSubIssue(ownerRepo: string, parent: number, child: number): void {
    const repo = this.state.requireRepo(ownerRepo);
    const [p, c] = [repo.issues.get(parent)!, repo.issues.get(child)!];
    (p.subIssueIds ??= []).push(c.id);
    c.parentId = p.id;
  }

  /** Sets an organisation's issue types by name (a new organisation has Task, Bug and Feature). */
  setIssueTypes(owner: string, names: readonly string[]): void {
    setOwnerIssueTypes(this.state, this.state.user(owner), names);
  }

  /** A human sets an issue's type (a name, or null for none) in GitHub's UI; no request is logged. */
  setIssueType(ownerRepo: string, number: number, name: string | null): void {
    const repo = this.state.requireRepo(ownerRepo);
    const resolved = resolveIssueType(this.state, repo, name);
    if ("error" in resolved) throw new Error(`GitHubSim: ${repo.owner.login} has no issue type ${name}`);
    const issue = repo.issues.get(number)!;
    issue.typeId = resolved.typeId;
    issue.updatedAt = this.state.timestamp();
  }

  /**
   * A Projects (v2) board of `owner` (`orgs/acme`, `users/octo`, or `acme` for an organisation)
   * with these fields besides Title; returns its node id, address and field ids by name.
   */
  createProject(owner: string, spec: { number: number; title?: string; fields: projects.ProjectFieldSpec[] }) {
    return projects.createProject(this.state, owner, spec);
  }

  /** An issue's card on a project, its values by field name (undefined: not on the board). */
  projectItem(owner: string, number: number, issueNumber: number, ownerRepo?: string) {
    return projects.projectItem(this.state, owner, number, issueNumber, ownerRepo);
  }

  /** Every card on a project, by issue number. */
  projectItems(owner: string, number: number) {
    return projects.projectItems(this.state, owner, number);
  }

  /**
   * A person sets (null clears) a card's field on the board by names, adding the card if missing; no
   * request. The value's creator is `login`; by default `alice`, who may triage the repository.
   */
  setProjectField(
    project: { owner: string; number: number },
    issue: { ownerRepo: string; number: number },
    field: string,
    value: string | number | null,
    login?: string,
  ): void {
    this.editProjectItem(project, issue, field, value, login);
  }

  /** setProjectField, returning the `projects_v2_item` `edited` webhook payload GitHub sends for it. */
  editProjectItem(
    project: { owner: string; number: number },
    issue: { ownerRepo: string; number: number },
    field: string,
    value: string | number | null,
    mover?: string,
    installationId = 1,
  ): Record<string, unknown> {
    const repo = this.state.requireRepo(issue.ownerRepo);
    const login = mover ?? DEFAULT_MOVER;
    if (mover === undefined && !repo.roles?.has(login)) this.setRole(issue.ownerRepo, login, "triage");
    const target = { ...project, repo, issueNumber: issue.number, login };
    return projects.editedPayload(
      this.state,
      projects.setProjectField(this.state, target, field, value),
      login,
      installationId,
    );
  }

  /** The app loses (or, with false, regains) the Projects permission: its project requests get FORBIDDEN. */
  forbidProjects(forbidden = true): void {
    projectStore(this.state).forbidden = forbidden;
  }

  /** A human links `blocker` as blocking `number`, in GitHub's UI. */
  addBlockedBy(ownerRepo: string, number: number, blocker: number): void {
    const repo = this.state.requireRepo(ownerRepo);
    (repo.issues.get(number)!.blockedByIds ??= []).push(repo.issues.get(blocker)!.id);
  }

  comments(ownerRepo: string, issueNumber: number) {
    const repo = this.state.requireRepo(ownerRepo);
    return repo.comments.filter((c) => c.issueNumber === issueNumber).map((c) => commentJson(repo, HELPER_URLS, c));
  }

  labels(ownerRepo: string) {
    const repo = this.state.requireRepo(ownerRepo);
    return repo.labels.map((label) => labelJson(repo, HELPER_URLS, label));
  }

  milestones(ownerRepo: string) {
    const repo = this.state.requireRepo(ownerRepo);
    return [...repo.milestones.values()].map((m) => milestoneJson(repo, HELPER_URLS, m));
  }

  /**
   * Records a webhook delivery as GitHub's delivery log would: a failed one (status_code 5xx or 0)
   * stands for an event the app never got, for instance while it was down.
   */
  addDelivery(delivery: {
    event: string;
    payload: { action?: string; installation?: { id: number }; repository?: { id: number } };
    statusCode: number;
    guid?: string;
    deliveredAt?: Date;
  }): DeliveryRecord {
    const record: DeliveryRecord = {
      id: this.state.nextId(),
      guid: delivery.guid ?? randomUUID(),
      delivered_at: (delivery.deliveredAt ?? this.state.date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
      redelivery: false,
      duration: 0.5,
      status:
        delivery.statusCode >= 200 && delivery.statusCode < 300
          ? "OK"
          : `Invalid HTTP Response: ${delivery.statusCode}`,
      status_code: delivery.statusCode,
      event: delivery.event,
      action: delivery.payload.action ?? null,
      installation_id: delivery.payload.installation?.id ?? null,
      repository_id: delivery.payload.repository?.id ?? null,
      payload: delivery.payload,
    };
    this.state.deliveries.push(record);
    return record;
  }

  /** Every delivery attempt, oldest first. */
  deliveries(): readonly DeliveryRecord[] {
    return this.state.deliveries;
  }

  /**
   * Makes redeliveries real: each is POSTed, signed with `secret`, to `url` (the app's webhook
   * path), and its attempt records the answer. A list is a load balancer: the first instance
   * that accepts the connection gets it.
   */
  sendWebhooksTo(url: string | (() => string | readonly string[]), secret: string): void {
    this.state.onRedelivery = (attempt) => void sendWebhook(typeof url === "string" ? url : url(), secret, attempt);
  }

  /** Hands each redelivery to `send` (an in-process app), recording the status it answers. */
  redeliverTo(send: (event: string, payload: unknown) => Promise<number>): void {
    this.state.onRedelivery = (attempt) =>
      void send(attempt.event, attempt.payload).then(
        (status) =>
          Object.assign(attempt, {
            status_code: status,
            status: status < 300 ? "OK" : `Invalid HTTP Response: ${status}`,
          }),
        () => Object.assign(attempt, { status_code: 500, status: "Invalid HTTP Response: 500" }),
      );
  }

  /** Answers one request like api.github.com would (after validating it). */
  async handle(request: SimRequest): Promise<SimResponse> {
    const parsed = parseRequest(request);
    if (isGraphqlRequest(parsed)) return this.handleGraphql(parsed);
    const match = this.validator.match(parsed.method, parsed.rawPath);
    const operationId = match?.operationId ?? null;
    const hook = this.hooks.findIndex((h) => h.operationId === operationId);
    if (hook !== -1) this.hooks.splice(hook, 1)[0]!.run();
    // A 304 and the token exchange are free; everything else spends the installation's hourly limit.
    const free = operationId === TOKEN_OPERATION;
    const response = this.rateLimits.charge(parsed, free, () => withEtag(parsed, this.respond(parsed, match)));
    this.requests.push({
      method: parsed.method,
      path: parsed.path,
      query: parsed.query.toString(),
      operationId,
      status: response.status,
      body: parsed.body,
    });
    response.headers["x-github-request-id"] = `SIM:${++this.requestCount}`;
    return response;
  }

  /**
   * Non-GET requests, leaving out installation token exchanges (they change nothing in a repository)
   * and GraphQL queries (a POST that only reads). GraphQL mutations, and GraphQL requests too broken
   * to tell, count as writes.
   */
  writes(): LoggedRequest[] {
    return this.requests.filter((r) => r.method !== "GET" && r.operationId !== TOKEN_OPERATION && !isGraphqlQuery(r));
  }

  /** GET requests and GraphQL queries. */
  reads(): LoggedRequest[] {
    return this.requests.filter((r) => r.method === "GET" || isGraphqlQuery(r));
  }

  /**
   * Answers GraphQL like a GitHub Enterprise Server whose schema lacks these parts: `"Type.field"`
   * (e.g. `"CreateIssueInput.parentIssueId"`) or a whole `"Type"`. Requests using them become
   * violations, as they would fail on that server. `[]` restores GitHub.com's schema.
   */
  graphqlWithout(removals: readonly string[]): void {
    githubGraphqlSchema(removals); // builds now, so a typo throws at the call, not mid-request
    this.graphqlRemovals = [...removals];
  }

  /** Answers `POST /graphql` 404, like a server without the GraphQL API. */
  graphqlDisabled(): void {
    this.graphqlRemovals = null;
  }

  /** Requests charged against the primary rate limit: all but 304s and token exchanges (rate-limit.ts). */
  rateLimited(): LoggedRequest[] {
    return this.requests.filter((r) => r.status !== 304 && r.operationId !== TOKEN_OPERATION);
  }

  /** Conditional requests answered `304 Not Modified` (etags.ts): free of the rate limit. */
  notModified(): LoggedRequest[] {
    return this.requests.filter((r) => r.status === 304);
  }

  /** Sets every credential's hourly primary limit (5,000 by default). */
  setRateLimit(requestsPerHour: number): void {
    this.rateLimits.limit = requestsPerHour;
  }

  resetLog(): void {
    this.requests.length = 0;
  }

  /**
   * Runs `run` just before the next request of this operation is answered: the moment between
   * the app's read and its write, where a human's push or edit lands in a race.
   */
  beforeNext(operationId: string, run: () => void): void {
    this.hooks.push({ operationId, run });
  }

  /**
   * The installation token expires mid-run: after `after` more repository requests, the next
   * `requests` are refused with GitHub's 401, as they are until the client fetches a new token.
   */
  expireToken({ after = 0, requests = 1 }: { after?: number; requests?: number } = {}): void {
    this.faults.add({
      pathIncludes: "/repos/",
      status: 401,
      body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" },
      after,
      times: requests,
    });
  }

  /** Drops every queued fault. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Makes the next matching request(s) fail with the given response instead of being simulated. */
  failNext(fault: FaultSpec): void {
    this.faults.add(fault);
  }

  /** Routes requests for `baseUrl`'s origin through nock to this simulator; returns the remover. */
  interceptWithNock(baseUrl = "https://api.github.com"): () => void {
    return interceptWithNock((request) => this.handle(request), baseUrl);
  }

  /** Serves over loopback HTTP; `onAnswered` runs after each response is sent (see crash-sweep.ts). */
  listen(onAnswered?: AnsweredHook): Promise<RunningServer> {
    return listen((request) => this.handle(request), onAnswered);
  }

  private handleGraphql(parsed: ParsedRequest): SimResponse {
    const schema = this.graphqlRemovals && githubGraphqlSchema(this.graphqlRemovals);
    const prepared = schema ? prepareGraphql(schema, parsed.body) : { operationId: "graphql:disabled", problems: [] };
    const hook = this.hooks.findIndex((h) => h.operationId === prepared.operationId);
    if (hook !== -1) this.hooks.splice(hook, 1)[0]!.run();
    const violation = (message: string) => this.violations.push(`POST ${parsed.path}: ${message}`);
    const ctx = graphqlContext(this.state, parsed, prepared.operationId, violation);
    let response: SimResponse;
    if (!schema) response = notFound("https://docs.github.com/graphql");
    else if (prepared.problems.length > 0) {
      for (const problem of prepared.problems) violation(problem.message);
      response = graphqlErrors(prepared.problems);
    } else {
      const fault = this.faults.take(parsed.method, parsed.rawPath, parsed.path);
      if (fault?.applied) executeGraphql(schema, prepared, ctx);
      response = fault ? fault.response : executeGraphql(schema, prepared, ctx);
    }
    const { method, path, body } = parsed;
    this.requests.push({
      method,
      path,
      query: parsed.query.toString(),
      operationId: prepared.operationId,
      status: response.status,
      body,
    });
    response.headers["x-github-request-id"] = `SIM:${++this.requestCount}`;
    return response;
  }

  private respond(parsed: ParsedRequest, match: OperationMatch | null): SimResponse {
    const violations = parsed.bodyError
      ? [parsed.bodyError]
      : this.validator.validate({
          method: parsed.method,
          pathname: parsed.rawPath,
          query: parsed.query,
          body: parsed.body,
        });
    if (violations.length > 0) return this.reject(parsed, violations);
    const tooLong = sizeLimitViolation(match?.operationId ?? null, parsed.body);
    if (tooLong) return tooLong;
    const fault = this.faults.take(parsed.method, parsed.rawPath, parsed.path);
    // Validation passed, so the request matched a described operation.
    if (fault?.applied) this.simulate(parsed, match!);
    if (fault) return fault.response;
    return this.simulate(parsed, match!);
  }

  private reject(parsed: ParsedRequest, violations: string[]): SimResponse {
    for (const violation of violations) this.violations.push(`${parsed.method} ${parsed.path}: ${violation}`);
    return json(400, { message: "GitHubSim: request violates GitHub's REST description", errors: violations });
  }

  private simulate(parsed: ParsedRequest, match: OperationMatch): SimResponse {
    const docs = match.operation.externalDocs?.url ?? "https://docs.github.com/rest";
    try {
      return route({
        state: this.state,
        operationId: match.operationId,
        params: match.pathParams,
        query: parsed.query,
        body: (parsed.body ?? {}) as Record<string, unknown>,
        headers: parsed.headers,
        pathname: parsed.rawPath,
        urls: parsed.urls,
        docs,
      });
    } catch (error) {
      // A crash is a simulator bug, never GitHub behaviour: record it so the test fails loudly.
      this.violations.push(`${parsed.method} ${parsed.path}: GitHubSim crashed: ${String(error)}`);
      return json(500, { message: `GitHubSim crashed: ${String(error)}` });
    }
  }
}
