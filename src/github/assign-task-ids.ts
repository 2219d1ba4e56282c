import type { Logger } from "probot";
import type { PlansyncConfig } from "../config/config-schema.js";
import type { DocsSnapshot, RemoteState } from "../sync/sync-types.js";
import { planParser } from "../workers/plan-parser.js";
import { isUnreadable } from "../plan/index.js";
import { assignIds } from "../writeback/assign-ids.js";
import { proposeCheckboxes, type Proposal } from "./checkbox-pull-request.js";
import { commitFiles, type FileChange } from "./commit-files.js";
import type { Octokit, RepoRef } from "./octokit.js";
import { readFileWithSha } from "./read-file-with-sha.js";

const ID_PROPOSAL: Proposal = {
  branch: "plansync/task-ids",
  title: "plansync: give ID-less tasks an ID",
  intro: (base) =>
    `\`${base}\` is protected, so plansync proposes the task IDs here (\`ids.assign\` is on). Merge this and the tasks become issues.`,
};

/**
 * `ids.assign`: numbers ID-less task items (as `plansync ids` does) in one commit on the branch,
 * built on the synced commit. Returns the new commit, whose docs the sync then reads, or null
 * when nothing was committed (nothing to number, a pull request instead, or a conflict that the
 * next push retries). IDs already used by the docs or by managed issues are never given again.
 */
export async function assignTaskIds(
  octokit: Octokit,
  target: { repo: RepoRef; sha: string },
  config: PlansyncConfig,
  docs: DocsSnapshot,
  remote: RemoteState,
  log: Logger,
): Promise<string | null> {
  if (!config.ids.assign || config.dryRun || !docs.files.some((f) => f.plan.unassigned.length > 0)) return null;
  const changes = await numberFiles(octokit, target, config, docs, remote);
  if (changes.length === 0) return null;
  const { data: info } = await octokit.rest.repos.get({ ...target.repo });
  const branch = config.branch ?? info.default_branch;
  const message = `plansync: number the ID-less tasks in ${changes.map((c) => c.path).join(", ")}\n\nids.assign is on in .github/plansync.yml.`;
  const result = await commitFiles(octokit, target.repo, { branch, parent: target.sha, changes, message });
  if (result.ok) {
    log.info({ commit: result.sha, files: changes.map((c) => c.path) }, "Numbered ID-less tasks");
    return result.sha;
  }
  if (result.reason === "protected") {
    const pull = await proposeCheckboxes(
      octokit,
      target.repo,
      { branch, sha: target.sha },
      changes,
      message,
      ID_PROPOSAL,
    );
    log.info({ pull: pull.number }, "Branch is protected: proposed the task IDs in a pull request");
  } else log.warn({ message: result.message }, "The docs changed while numbering tasks; the next push retries");
  return null;
}

async function numberFiles(
  octokit: Octokit,
  target: { repo: RepoRef; sha: string },
  config: PlansyncConfig,
  docs: DocsSnapshot,
  remote: RemoteState,
): Promise<FileChange[]> {
  const taken = new Set([
    ...docs.files.flatMap((f) => f.plan.tasks.map((t) => t.id)),
    ...remote.issues.map((i) => i.marker.id),
  ]);
  const changes: FileChange[] = [];
  for (const file of docs.files.filter((f) => f.plan.unassigned.length > 0)) {
    const read = await readFileWithSha(octokit, target.repo, file.path, target.sha);
    if (!read) continue;
    // Re-parsed as read (the docs' plan may carry a feature milestone), through the process's parser.
    const plan = await planParser()(read.text, {
      idPrefixes: config.ids.prefixes,
      taskStatus: config.taskFiles.status,
    });
    if (isUnreadable(plan)) continue;
    const result = assignIds(read.text, plan, null, taken);
    // A file without a prefix to use keeps its check-run line saying how to number it by hand.
    if (!result.ok || result.assigned.length === 0) continue;
    for (const a of result.assigned) taken.add(a.id);
    changes.push({ path: file.path, text: result.text, baseSha: read.sha });
  }
  return changes;
}
