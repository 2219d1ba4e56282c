import type { Logger } from "probot";
import type { PlansyncConfig } from "../config/config-schema.js";
import { authorsToAsk, claimOf, plansyncMarker, requireIdentity, type Identity } from "../sync/issue-ownership.js";
import { closeAccess, pushAccess } from "./push-access.js";
import { agreedLabels, agreedMarker, pendingIssue } from "../writeback/pending-issue.js";
import type { Marker, NameChanges } from "../sync/sync-types.js";
import { bodyWithMarker } from "./body-with-marker.js";
import { commitMessage, planWriteBack, type PendingIssue } from "../writeback/plan-write-back.js";
import { openProposal, proposeCheckboxes } from "./checkbox-pull-request.js";
import { commitFiles, type FileChange } from "./commit-files.js";
import { isNotFound, type Octokit, type RepoRef } from "./octokit.js";
import { checkRunReporter } from "./check-run-reporter.js";
import type { Reporter } from "./reporter.js";
import { readFileWithSha, type FileAtRef } from "./read-file-with-sha.js";
import { listManagedIssues } from "./read-remote-state.js";
import { readBranchHead } from "./read-branch-head.js";
import { describeError, isForbidden, statusOf } from "./write-policy.js";
import type { CheckReport } from "../sync/check-report.js";
import { createPathMatcher } from "../sync/plan-paths.js";
import { readCardStatuses, type CardJob } from "./read-card-statuses.js";

/** Conflicts (someone pushed meanwhile) are retried this many times, re-reading each time. */
const MAX_ATTEMPTS = 4;

export interface WriteBackDeps {
  /** Waits before a retry; injected so tests need not sleep. */
  sleep: (ms: number) => Promise<void>;
  /** The app's bot login, to find managed issues whose label was removed. */
  creator: string | null;
  /** Where a pull-request fallback is announced; the app's check runs by default. */
  reporter?: Reporter;
}

/**
 * Writes the state of closed or reopened issues back into the docs as one commit on the branch,
 * or one pull request when the branch is protected. Issues whose state already matches their
 * marker (plansync's own changes, redeliveries) cost one read each and write nothing.
 */
export async function writeBack(
  octokit: Octokit,
  repo: RepoRef,
  numbers: readonly number[],
  config: PlansyncConfig,
  log: Logger,
  deps: WriteBackDeps,
): Promise<void> {
  const identity = requireIdentity(deps.creator, config);
  // Asked once per job: the branch (a card's move reads its doc there first), and who may steer plansync.
  let branchRead: Promise<string> | undefined;
  const branchOf = () =>
    (branchRead ??= config.branch
      ? Promise.resolve(config.branch)
      : octokit.rest.repos.get({ ...repo }).then(({ data }) => data.default_branch));
  const job: CardJob = { repo, branch: branchOf, mayClose: closeAccess(octokit, repo, identity.logins) };
  const pending = await readPending(octokit, repo, numbers, config, identity, log, job);
  if (pending.length === 0) return;
  const branch = await branchOf();
  // Each file's text as read (before) and as committed (after): the marker's hash depends on both.
  const agree = (
    agreed: readonly PendingIssue[],
    before: ReadonlyMap<string, string | null>,
    after: ReadonlyMap<string, string | null>,
  ) =>
    recordAgreement(octokit, repo, agreed, (issue) => {
      const file = issue.marker.file;
      const texts = { before: before.get(file) ?? null, after: after.get(file) ?? null };
      return { marker: agreedMarker(issue, texts, config), labels: agreedLabels(issue, texts, config) };
    });
  // A pull request carries this job's issues as read (their cards' Status with them), and the rest pending.
  const propose = (why: string) =>
    proposeAllPending(octokit, repo, branch, config, identity, log, deps, why, pending, job);
  let conflict = { files: [] as string[], message: "" };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // Files are read at one commit, and the commit is built on that same commit.
    const head = await readBranchHead(octokit, repo, branch);
    if (head === null) return log.info({ branch }, "Nothing to write back: the branch is gone");
    const { plan, changes, texts } = await readAndPlan(octokit, repo, pending, head, config);
    for (const { issue, reason } of plan.skipped) log.info({ issue: issue.number, reason }, "Nothing to write back");
    if (changes.length === 0) return agree(plan.agreed, texts, texts);
    if (config.writeBack.mode === "pull-request") {
      return propose("writeBack.mode is pull-request");
    }
    // While a checkbox pull request is open (the branch refused plansync's commit before), the
    // changes join it: a commit would be refused again, a write spent on every push.
    if (attempt === 1 && (await openProposal(octokit, repo, branch))) return propose("a checkbox pull request is open");
    const message = commitMessage(plan.agreed);
    const result = await commitFiles(octokit, repo, { branch, parent: head, changes, message });
    if (result.ok) {
      log.info({ commit: result.sha, files: changes.map((c) => c.path) }, "Wrote checkboxes back");
      return agree(plan.agreed, texts, new Map([...texts, ...plan.files]));
    }
    if (result.reason === "protected") return propose(result.message);
    log.warn({ attempt, message: result.message }, "The doc changed while writing back; re-reading");
    conflict = { files: changes.map((c) => c.path), message: result.message };
    await deps.sleep(250 * 2 ** attempt);
  }
  // Giving up quietly would strand the ticks: the job fails, and its backend tries it again.
  const issues = pending.map((p) => `#${p.number}`).join(", ");
  throw new Error(
    `Write-back for issue${pending.length === 1 ? "" : "s"} ${issues} gave up after ${MAX_ATTEMPTS} attempts: ${conflict.files.join(", ")} kept changing on ${branch} while plansync committed (${conflict.message.split("\n")[0]}). The job fails so it is tried again later.`,
  );
}

async function readPending(
  octokit: Octokit,
  repo: RepoRef,
  numbers: readonly number[],
  config: PlansyncConfig,
  identity: Identity,
  log: Logger,
  job: CardJob,
) {
  const trusted = trustedFiles(config, log);
  const pending: PendingIssue[] = [];
  const issues = await readIssues(octokit, repo, numbers);
  const canPush = await pushAccess(octokit, repo, authorsToAsk(issues, identity));
  const ours = issues.flatMap((data) => {
    const marker = plansyncMarker(data, identity, canPush);
    if (!marker) notPlansyncs(log, data, identity);
    return marker ? [{ data, marker }] : [];
  });
  // Only plansync's issues' cards are read: a stranger's copied marker names no board worth a query.
  const cards = ours.map(({ data, marker }) => ({ number: data.number, nodeId: data.node_id, marker }));
  const statuses = await readCardStatuses(octokit, cards, config, log, job);
  for (const { data, marker } of ours) {
    const state = data.state === "closed" ? "closed" : "open";
    const owed = pendingIssue(data.number, state, data.body ?? "", marker, true, statuses.get(data.number) ?? null);
    if (!owed || !trusted(data.number, owed.marker.file)) continue;
    pending.push(owed);
  }
  return pending;
}

async function readIssues(octokit: Octokit, repo: RepoRef, numbers: readonly number[]) {
  const issues = [];
  for (const issue_number of [...new Set(numbers)].sort((a, b) => a - b)) {
    try {
      issues.push((await octokit.rest.issues.get({ ...repo, issue_number })).data);
    } catch (error) {
      // A deleted or transferred issue has nothing to write back.
      if (!isNotFound(error) && statusOf(error) !== 410) throw error;
    }
  }
  return issues;
}

/** A marked issue that is not plansync's (issue-ownership.ts) writes nothing back, and is logged. */
function notPlansyncs(log: Logger, issue: Parameters<typeof claimOf>[0] & { number: number }, identity: Identity) {
  const claim = claimOf(issue, identity);
  if (claim.kind === "unmarked") return;
  log.warn(
    { issue: issue.number, author: issue.user?.login, claims: claim.marker.id },
    "Ignoring an issue that claims to be plansync's: plansync did not make it and its author cannot push",
  );
}

/** Reads the pending issues' files at one commit (the branch head), and plans the checkbox edits. */
async function readAndPlan(
  octokit: Octokit,
  repo: RepoRef,
  pending: readonly PendingIssue[],
  commit: string,
  config: PlansyncConfig,
) {
  const files = await readFiles(octokit, repo, pending, commit);
  const plan = planWriteBack(pending, new Map([...files].map(([p, f]) => [p, f?.text ?? null])), {
    idPrefixes: config.ids.prefixes,
    taskStatus: config.taskFiles.status,
    insertCheckbox: config.writeBack.insertCheckbox,
  });
  const changes: FileChange[] = [...plan.files].map(([path, text]) => ({ path, text, baseSha: files.get(path)!.sha }));
  return { plan, changes, texts: new Map([...files].map(([path, file]) => [path, file?.text ?? null])) };
}

async function readFiles(octokit: Octokit, repo: RepoRef, pending: readonly PendingIssue[], branch: string) {
  const files = new Map<string, FileAtRef | null>();
  for (const path of new Set(pending.map((p) => p.marker.file)))
    files.set(path, await readFileWithSha(octokit, repo, path, branch));
  return files;
}

/**
 * After the commit: markers record that doc and issue agree, so the app's own push changes nothing.
 * Each issue is re-read and only its marker replaced, so a human's edit (a note beside the tick,
 * or one made while the commit was written) stays as written. When the board's Status asked for
 * another state (Done closes, Todo or In Progress reopens), the same PATCH changes it: one write.
 * What the new marks imply beyond the marker (the in-progress label, agreedLabels) goes through
 * the label endpoints just before: one more write per label, none when no `[~]` came or went.
 */
async function recordAgreement(
  octokit: Octokit,
  repo: RepoRef,
  agreed: readonly PendingIssue[],
  agreementOf: (issue: PendingIssue) => { marker: Marker; labels: NameChanges | null },
): Promise<void> {
  for (const issue of agreed) {
    const { marker, labels } = agreementOf(issue);
    let body: string | undefined;
    try {
      body = await bodyWithMarker(octokit, repo, issue.number, marker);
    } catch (error) {
      // Deleted or transferred since it was read: there is no marker left to record.
      if (isNotFound(error) || statusOf(error) === 410) continue;
      throw error;
    }
    // Labels before the marker: a job cut off between them leaves the old hash, and the next sync re-renders.
    if (labels) await applyLabels(octokit, repo, issue.number, labels);
    const state = issue.stateNow !== undefined && issue.stateNow !== issue.state ? stateChange(issue.state) : {};
    if (body !== undefined || "state" in state)
      await octokit.rest.issues.update({
        ...repo,
        issue_number: issue.number,
        ...(body !== undefined && { body }),
        ...state,
      });
  }
}

/**
 * Label by label, never as a whole set, so a label a human added stays. GitHub creates a label
 * that does not exist yet when it is added (no description, colour `ededed`: the colour the sync
 * gives the in-progress label), and one already taken off is what was wanted (404).
 */
async function applyLabels(octokit: Octokit, repo: RepoRef, issue_number: number, labels: NameChanges) {
  if (labels.add.length > 0) await octokit.rest.issues.addLabels({ ...repo, issue_number, labels: labels.add });
  for (const name of labels.remove) {
    try {
      await octokit.rest.issues.removeLabel({ ...repo, issue_number, name });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

/** A board's Done closes the issue as a ticked box does (completed); Todo or In Progress reopens it. */
function stateChange(state: "open" | "closed") {
  return state === "closed"
    ? { state: "closed" as const, state_reason: "completed" as const }
    : { state: "open" as const, state_reason: "reopened" as const };
}

/**
 * The pull request carries every write-back still pending, not just this event's: it is rebuilt
 * from the branch each time, and the markers stay unchanged until it is merged. This job's own
 * issues come as read (`current`); the listing adds the rest, their cards' Status read again (a
 * board move an earlier job proposed stays in the rebuilt pull request).
 */
async function proposeAllPending(
  octokit: Octokit,
  repo: RepoRef,
  branch: string,
  config: PlansyncConfig,
  identity: Identity,
  log: Logger,
  deps: WriteBackDeps,
  why: string,
  current: readonly PendingIssue[],
  job: CardJob,
): Promise<void> {
  const trusted = trustedFiles(config, log);
  const mine = new Set(current.map((issue) => issue.number));
  const others = (await listManagedIssues(octokit, repo, identity)).issues.filter((i) => !mine.has(i.number));
  const cards = others.map((i) => ({ number: i.number, nodeId: i.nodeId ?? "", marker: i.marker }));
  const statuses = await readCardStatuses(octokit, cards, config, log, job);
  const listed = others.flatMap((issue) => {
    const status = statuses.get(issue.number) ?? null;
    const owed = pendingIssue(issue.number, issue.state, issue.body, issue.marker, false, status);
    return owed && trusted(issue.number, issue.marker.file) ? [owed] : [];
  });
  const pending = [...current, ...listed];
  const head = await readBranchHead(octokit, repo, branch);
  if (head === null) return;
  const { plan, changes } = await readAndPlan(octokit, repo, pending, head, config);
  if (changes.length === 0) return;
  const message = commitMessage(plan.agreed);
  const reporter = deps.reporter ?? checkRunReporter(octokit, repo);
  let pull: Awaited<ReturnType<typeof proposeCheckboxes>>;
  try {
    pull = await proposeCheckboxes(octokit, repo, { branch, sha: head }, changes, message);
  } catch (error) {
    if (!isForbidden(error)) throw error;
    log.error({ why, error: describeError(error) }, "Neither a commit nor a pull request was allowed");
    return reporter.notice(head, pullRequestRefused(branch, changes, describeError(error)));
  }
  // Announced when it was opened or last changed: saying it again on every push is noise.
  if (pull.unchanged) return log.info({ pull: pull.number }, "The checkbox pull request already has these changes");
  log.warn(
    { pull: pull.number, why },
    `${branch} does not accept plansync's commit; the checkbox changes are in a pull request`,
  );
  await reporter.notice(head, {
    conclusion: "neutral",
    title: `Checkbox changes are waiting in pull request #${pull.number}`,
    summary: `\`${branch}\` is protected or refused plansync's commit (${why.split("\n")[0]}), so the ticked boxes for ${changes.map((c) => `\`${c.path}\``).join(", ")} are in [#${pull.number}](${pull.url}). Merge it to bring the docs in line with the issues.`,
    text: message,
    annotations: [],
  });
}

/**
 * Under GitHub Actions the token may not open pull requests: the repository (or its organization)
 * must allow it, and the report names the setting.
 */
function pullRequestRefused(branch: string, changes: readonly FileChange[], reason: string): CheckReport {
  return {
    conclusion: "failure",
    title: "Checkbox changes could not be committed or proposed",
    summary: [
      `\`${branch}\` refused plansync's commit, and opening a pull request with the ticked boxes for ${changes.map((c) => `\`${c.path}\``).join(", ")} was refused too (${reason.split("\n")[0]}).`,
      `Under GitHub Actions, turn on **Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"** (an organization may have to allow it first), and give the workflow \`pull-requests: write\`. Or tick the boxes yourself: \`plansync pull\` does it locally.`,
    ].join("\n\n"),
    text: "",
    annotations: [],
  };
}

/**
 * A marker is read from an issue, which anyone who can edit issues can write: its `file` is only
 * written to when it is one of the configured plan paths, never any other file in the repository.
 */
function trustedFiles(config: PlansyncConfig, log: Logger): (issue: number, file: string) => boolean {
  const isPlanPath = createPathMatcher(config.paths);
  return (issue, file) => {
    if (isPlanPath(file)) return true;
    log.warn({ issue, file }, "Not writing back: the issue's marker names a file outside the configured plan paths");
    return false;
  };
}
