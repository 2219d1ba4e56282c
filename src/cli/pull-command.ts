import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { listManagedIssues } from "../github/read-remote-state.js";
import { requireIdentity } from "../sync/issue-ownership.js";
import { createPathMatcher } from "../sync/plan-paths.js";
import { pendingIssue } from "../writeback/pending-issue.js";
import { planWriteBack, type PendingIssue } from "../writeback/plan-write-back.js";
import type { CommandIo } from "./command-io.js";
import { openSession, sessionConfig } from "./github-session.js";
import { localDocSource } from "./local-doc-source.js";

export interface PullArgs {
  repo?: string;
  dryRun: boolean;
}

/**
 * `plansync pull`: ticks and unticks the working tree's boxes to match the issues' state on
 * GitHub, for people who commit the write-back themselves. Only checkbox bytes change; the same
 * pure edit as the app's write-back commit. Reads only; writes nothing to GitHub.
 */
export async function pullCommand(args: PullArgs, io: CommandIo, env: NodeJS.ProcessEnv, cwd: string) {
  const session = await openSession(args.repo, env, cwd);
  const loaded = await sessionConfig(session, null);
  if (!loaded.ok) {
    io.err(
      `plansync: .github/plansync.yml is invalid; nothing was pulled. Fix these:\n  ${loaded.errors.join("\n  ")}`,
    );
    return 1;
  }
  const { config } = loaded;
  // A marker names its file, and anyone who can edit an issue can write one: only plan paths count.
  const isPlanPath = createPathMatcher(config.paths);
  const identity = requireIdentity(session.creator, config);
  const pending: PendingIssue[] = (await listManagedIssues(session.octokit, session.repo, identity)).issues
    .filter((issue) => !issue.marker.epic && isPlanPath(issue.marker.file))
    .map((issue) => ({
      number: issue.number,
      state: issue.state,
      marker: issue.marker,
      checklist: pendingIssue(issue.number, issue.state, issue.body, issue.marker)?.checklist ?? null,
    }));
  const source = localDocSource(session.root);
  const texts = new Map<string, string | null>();
  for (const path of new Set(pending.map((p) => p.marker.file))) texts.set(path, await source.read(path));
  const plan = planWriteBack(pending, texts, {
    idPrefixes: config.ids.prefixes,
    taskStatus: config.taskFiles.status,
    insertCheckbox: config.writeBack.insertCheckbox,
  });
  for (const [path, text] of plan.files) if (!args.dryRun) writeFileSync(join(session.root, path), text);
  for (const issue of plan.flipped)
    io.out(
      `${args.dryRun ? "would " : ""}${issue.state === "closed" ? "tick" : "untick"} ${issue.marker.id} (#${issue.number}) in ${issue.marker.file}`,
    );
  io.out(
    plan.files.size === 0
      ? "The docs already match the issues."
      : `${args.dryRun ? "Would change" : "Changed"} ${plan.files.size} file${plan.files.size === 1 ? "" : "s"}; only checkboxes${args.dryRun ? " would change" : " changed"}. Commit them when ready.`,
  );
  return 0;
}
