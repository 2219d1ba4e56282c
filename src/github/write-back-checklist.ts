import type { Logger } from "probot";
import type { PlansyncConfig } from "../config/config-schema.js";
import { parsePlan, setChecklistStates } from "../plan/index.js";
import { desiredIssue } from "../sync/desired-issue.js";
import { renderBody } from "../sync/render-body.js";
import type { Marker } from "../sync/sync-types.js";
import { issueChecklist } from "../writeback/issue-checklist.js";
import { commitFiles } from "./commit-files.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { readFileWithSha } from "./read-file-with-sha.js";
import { readBranchHead } from "./read-branch-head.js";
import { createPathMatcher } from "../sync/plan-paths.js";

const MAX_ATTEMPTS = 4;

export interface ChecklistEdit {
  number: number;
  body: string;
  marker: Marker;
  htmlUrl: string;
  defaultBranch: string;
}

/**
 * Checklist items ticked in an issue are ticked in the doc, one commit, only mark bytes
 * changing. The issue body is then re-rendered from the new doc, so the app's own push finds
 * nothing to change.
 */
export async function writeBackChecklist(
  octokit: Octokit,
  repo: RepoRef,
  edit: ChecklistEdit,
  config: PlansyncConfig,
  log: Logger,
): Promise<void> {
  const branch = config.branch ?? edit.defaultBranch;
  const wanted = issueChecklist(edit.body);
  const options = { idPrefixes: config.ids.prefixes };
  if (!createPathMatcher(config.paths)(edit.marker.file))
    return log.warn({ file: edit.marker.file }, "Not writing back: the marker names a file outside the plan paths");
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const head = await readBranchHead(octokit, repo, branch);
    if (head === null) return log.info({ branch }, "Nothing to write back: the branch is gone");
    const file = await readFileWithSha(octokit, repo, edit.marker.file, head);
    if (!file) return log.info({ file: edit.marker.file }, "Nothing to write back: the file is gone");
    const text = setChecklistStates(file.text, edit.marker.id, wanted, options);
    if (text === file.text) return;
    const message = `Update checklist of ${edit.marker.id} (#${edit.number})\n\nSynced by plansync from the issue: only checkboxes change.`;
    const changes = [{ path: edit.marker.file, text, baseSha: file.sha }];
    const result = await commitFiles(octokit, repo, { branch, parent: head, changes, message });
    if (result.ok) return rerenderIssue(octokit, repo, edit, text, result.sha, config);
    if (result.reason === "protected")
      return log.warn({ why: result.message }, "Checklist not written back: the branch is protected");
  }
  log.error({ issue: edit.number }, "Checklist write-back gave up after repeated conflicts");
}

async function rerenderIssue(
  octokit: Octokit,
  repo: RepoRef,
  edit: ChecklistEdit,
  text: string,
  sha: string,
  config: PlansyncConfig,
) {
  const plan = parsePlan(text, { idPrefixes: config.ids.prefixes });
  const task = plan.tasks.find((t) => t.id === edit.marker.id);
  if (!task) return;
  const desired = desiredIssue(task, edit.marker.file, plan.fields, config);
  const body = renderBody(desired, { htmlUrl: edit.htmlUrl, sha }, edit.marker.state);
  await octokit.rest.issues.update({ ...repo, issue_number: edit.number, body });
}
