import type { Diagnostic } from "../plan/index.js";
import { heldSummary, renderHeldNote, type HeldScale } from "./held-removals.js";
import type { MilestoneProgress } from "./milestone-progress.js";
import { milestoneBar } from "./progress-bar.js";
import { blockedByChange } from "./operation-rows.js";
import type { Operation, RemoteIssue } from "./sync-types.js";
import { pausedUntil, resumeAdvice, type ResumedBy } from "./sync-eta.js";

export interface FileDiagnostics {
  path: string;
  diagnostics: Diagnostic[];
}

export interface DoneOperation {
  op: Operation;
  number?: number;
  /** A create that names a parent, made without it (its link is reported refused or not done). */
  unlinked?: true;
}

export interface CheckReport {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  text: string;
  annotations: Annotation[];
  /** Set when the sync stopped part-way (not a rate-limit pause): what was made and what was not. */
  stopped?: StoppedSync;
}

export interface StoppedSync {
  /** Why it stopped: GitHub's answer to the operation that failed. */
  failure: string;
  /** Operations GitHub carried out before it stopped. */
  applied: number;
  /** The operations not made, in words (`PF-2 (ticked in the doc)`): the failed one first. */
  left: string[];
}

/** A job's place in its retries (JobHandler's run): when a stopped sync will be tried again. */
export interface NextTry {
  attempt: number;
  attempts: number;
  /** The backend's wait before the next attempt. */
  retryInMs: number;
  /** The run follows one that never finished (its process died): what that one posted is unknown. */
  resumed?: boolean;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

export interface ReportInput {
  htmlUrl: string;
  done: readonly DoneOperation[];
  /** Operations not applied: a dry run's plan, or what was left after a failure. */
  pending: readonly Operation[];
  dryRun: boolean;
  /** Operations GitHub refused, with its reason; the rest of the sync went on. */
  refused?: readonly { op: Operation; message: string }[];
  failure?: string;
  /** GitHub's rate limit stopped the sync, which can go on after this long. */
  pausedForMs?: number;
  /** With `pausedForMs`: when it can go on (epoch ms), and how far the whole sync has come (sync-eta.ts). */
  resumes?: { at: number; progress?: string };
  /** Who resumes a paused sync: the App by itself (the default), or the user (the Action, the CLI). */
  resumedBy?: ResumedBy;
  files: readonly FileDiagnostics[];
  notes: readonly string[];
  /** A pull request's preview: what merging into `base` would do. Implies `dryRun`. */
  preview?: { base: string };
  /** Progress of the milestones the docs read name. */
  progress?: ReadonlyMap<string, MilestoneProgress>;
  /** Removals held by the mass-removal rail, at this commit. */
  held?: {
    issues: readonly RemoteIssue[];
    sha: string;
    limit: number;
    /** What the rail weighed them against (ReconcileResult.removable), named in the summary. */
    removable?: number;
    action?: HeldScale["action"];
  };
  /** Tasks given no issue because an issue plansync did not make looks like theirs (adoption.ts). */
  waiting?: number;
}

/** The check run a sync posts: counts, a table of what changed with links, and one annotation per problem line. */
export function checkReport(input: ReportInput): CheckReport {
  const annotations = input.files.flatMap(({ path, diagnostics }) =>
    diagnostics.filter((d) => d.severity !== "info").map((d) => annotation(path, d)),
  );
  const errors = annotations.filter((a) => a.annotation_level === "failure").length;
  const counts = countOps(input.dryRun ? input.pending : input.done.map(asMade));
  const refused = input.refused ?? [];
  const held = input.held?.issues ?? [];
  const paused = input.pausedForMs !== undefined;
  const waiting = input.waiting ?? 0;
  const stopped: StoppedSync | undefined =
    input.failure && !paused && !input.dryRun
      ? { failure: input.failure, applied: input.done.length, left: input.pending.map(describeOp) }
      : undefined;
  const conclusion =
    (input.failure && !paused) || errors > 0 || refused.length > 0 || held.length > 0
      ? "failure"
      : (input.dryRun && !input.preview) || paused || waiting > 0
        ? "neutral"
        : "success";
  const resumedBy = input.resumedBy ?? "app";
  const title =
    input.pausedForMs !== undefined
      ? `Paused by GitHub's rate limit after ${input.done.length} changes; ${resumedBy === "app" ? "resumes" : "can go on"} in ${minutes(input.pausedForMs)}`
      : input.failure
        ? `Sync stopped part-way: ${input.done.length} of ${input.done.length + input.pending.length} changes made`
        : held.length > 0
          ? `${held.length} removals held: confirm them or fix the config`
          : `${countLine(counts, input.preview ? "preview" : input.dryRun ? "dry-run" : "done")}${errors ? `; ${errors} error${errors === 1 ? "" : "s"} in the docs` : ""}${refused.length ? `; ${refused.length} refused by GitHub` : ""}${waiting ? `; ${waiting} task${waiting === 1 ? " waits" : "s wait"} for adoption` : ""}`;
  const summary = [
    input.pausedForMs !== undefined &&
      `GitHub's rate limit for content-creating requests paused this sync (${input.failure}). What was done stays done: ${input.done.length} changes made, ${input.pending.length} still to make. ${pausedResume(resumedBy, input.pausedForMs, input.resumes?.at)}`,
    input.pausedForMs !== undefined &&
      input.resumes?.progress &&
      `${input.resumes.progress}; ${pausedUntil(input.resumes.at, resumedBy)}.`,
    stopped && stoppedSummary(stopped),
    input.preview &&
      `A preview of what plansync will do when this pull request is merged into \`${input.preview.base}\`, from the docs and config at its head and the issues as they are now. Nothing was changed on GitHub.`,
    input.dryRun && !input.preview && "`dryRun` is on in `.github/plansync.yml`: nothing was changed on GitHub.",
    held.length > 0 && heldSummary(held, input.held!.sha, input.held!.limit, heldScale(input.held!)),
    refused.length > 0 &&
      `GitHub refused ${refused.length} change${refused.length === 1 ? "" : "s"}; the rest of the sync went on, and the next push tries ${refused.length === 1 ? "it" : "them"} again:\n\n${refused.map(({ op, message }) => `- ${describeOp(op)}: ${message}`).join("\n")}`,
    `Issues ${input.dryRun ? "that would be " : ""}created: ${counts.created}, updated: ${counts.updated}, closed: ${counts.closed}, reopened: ${counts.reopened}. Milestones: ${counts.milestones}. Sub-issue and dependency links: ${counts.links}.`,
    boardLine(input, counts),
    ...input.notes,
    progressLines(input.progress),
    unnumberedLines(input.files),
  ]
    .filter(Boolean)
    .join("\n\n");
  // First, so that cutting a long text to GitHub's limit never drops it.
  const text = held.length > 0 ? `${renderHeldNote(held)}\n\n${changeTable(input)}` : changeTable(input);
  return { conclusion, title, summary, text, annotations, ...(stopped && { stopped }) };
}

/** What resumes a paused sync, by the door: the App's job by itself; the Action and the CLI when run again. */
function pausedResume(resumedBy: ResumedBy, waitMs: number, at: number | undefined): string {
  const from = "from GitHub's state, without duplicates";
  if (resumedBy === "app") return `plansync resumes it by itself in about ${minutes(waitMs)}, ${from}.`;
  const advice = resumeAdvice(resumedBy, at ?? null, minutes(waitMs));
  return `This run has ended: ${advice}. The next run goes on ${from}.`;
}

/** How a stopped sync resumes when nothing tells when it is tried again: the Action's and the CLI's case. */
const RESUMES =
  "Syncing again (the next push, or running plansync again) resumes it from GitHub's state, without duplicates.";

/** The most left operations a summary lists; the table below lists every one. */
const LEFT_LISTED = 20;

function stoppedSummary({ failure, applied, left }: StoppedSync, resumes = RESUMES): string {
  const listed = left.slice(0, LEFT_LISTED).map((op) => `- ${op}`);
  if (left.length > LEFT_LISTED) listed.push(`- and ${left.length - LEFT_LISTED} more (see the table)`);
  return [
    `plansync stopped: ${failure}. ${applied} of ${applied + left.length} changes were made, and stay made.`,
    `Not made yet:\n\n${listed.join("\n")}`,
    resumes,
  ].join("\n\n");
}

/**
 * The report of a stopped sync, saying when the app's job backend tries it again: the attempt
 * and the wait, or that no attempt is left and what resumes it then. Other reports are unchanged.
 */
export function withNextTry(report: CheckReport, next: NextTry): CheckReport {
  if (!report.stopped) return report;
  const resumes =
    next.attempt < next.attempts
      ? `plansync tries again by itself: attempt ${next.attempt + 1} of ${next.attempts}, in about ${minutes(next.retryInMs)}.`
      : `No attempts left (${next.attempts} of ${next.attempts} failed): the next push or the periodic reconcile resumes it, without duplicates.`;
  const summary = report.summary.replace(stoppedSummary(report.stopped), stoppedSummary(report.stopped, resumes));
  return { ...report, summary };
}

function heldScale(held: NonNullable<ReportInput["held"]>): HeldScale | undefined {
  return held.removable === undefined ? undefined : { removable: held.removable, action: held.action ?? "close" };
}

/** `Milestones:` and one line each: `- M2.3: ▓▓▓▓▓▓▓▓░░░░░░░░░░░░ 42% · 5 of 12 tasks done · 13 of 31 points`. */
function progressLines(progress: ReadonlyMap<string, MilestoneProgress> | undefined): string {
  if (!progress?.size) return "";
  const lines = [...progress].map(([title, p]) => `- ${escapeCell(title)}: ${milestoneBar(p)}`);
  return ["Milestones, as the docs stand:", ...lines].join("\n");
}

/** One line per file with ID-less task items (the parser's `no-id` info), so they are never silent. */
function unnumberedLines(files: readonly FileDiagnostics[]): string {
  return files
    .flatMap(({ path, diagnostics }) =>
      diagnostics.filter((d) => d.code === "no-id").map((d) => `- \`${path}\`: ${d.message}`),
    )
    .join("\n");
}

/** What a done operation made on GitHub: a create made without its parent claims no link. */
function asMade({ op, unlinked }: DoneOperation): Operation {
  if (!unlinked || op.kind !== "create-issue") return op;
  const { parent: _notLinked, ...made } = op;
  return made;
}

function countOps(ops: readonly Operation[]) {
  const counts = { created: 0, updated: 0, closed: 0, reopened: 0, milestones: 0, links: 0, ...boardCounts(ops) };
  for (const op of ops) {
    if (op.kind === "link-sub-issue" || op.kind === "unlink-sub-issue" || op.kind === "order-sub-issues")
      counts.links++;
    if (op.kind === "set-blocked-by") counts.links += op.add.length + op.remove.length;
    // A create under a parent makes its link too (fuse-creates.ts): still a hierarchy link.
    if (op.kind === "create-issue" && op.parent) counts.links++;
    if (op.kind === "create-issue") counts.created++;
    else if (op.kind === "update-issue" && op.state === "closed") counts.closed++;
    else if (op.kind === "update-issue" && op.state === "open") counts.reopened++;
    else if (op.kind === "update-issue") counts.updated++;
    else if (op.kind === "create-milestone" || op.kind === "update-milestone") counts.milestones++;
  }
  return counts;
}

/** Board writes among `ops`: cards added, fields set, fields cleared. */
function boardCounts(ops: readonly Operation[]) {
  const counts = { cards: 0, fieldsSet: 0, fieldsCleared: 0 };
  for (const op of ops) {
    if (op.kind === "add-project-item") counts.cards++;
    if (op.kind === "set-project-field" && op.value === null) counts.fieldsCleared++;
    else if (op.kind === "set-project-field") counts.fieldsSet++;
  }
  return counts;
}

/**
 * `Board: 4 cards added, 4 fields set.`, and what was not done (left by a stop or a pause, or
 * refused by GitHub): `; not done: 2 cards to add, 2 fields to set`. Empty without board work.
 */
function boardLine(input: ReportInput, counts: ReturnType<typeof boardCounts>): string {
  const notDone = boardCounts([...(input.dryRun ? [] : input.pending), ...(input.refused ?? []).map((r) => r.op)]);
  const any = (c: ReturnType<typeof boardCounts>) => c.cards + c.fieldsSet + c.fieldsCleared > 0;
  if (!any(counts) && !any(notDone)) return "";
  const would = input.dryRun ? " would be" : "";
  const made = boardParts(counts, [`${would} added`, `${would} set`, `${would} cleared`], true);
  const left = any(notDone) ? `; not done: ${boardParts(notDone, [" to add", " to set", " to clear"], false)}` : "";
  return `Board: ${made}${left}.`;
}

function boardParts(c: ReturnType<typeof boardCounts>, verbs: readonly string[], always: boolean): string {
  const parts = [
    [c.cards, "card", verbs[0]],
    [c.fieldsSet, "field", verbs[1]],
    [c.fieldsCleared, "field", verbs[2]],
  ] as const;
  return parts
    .filter(([n], i) => n > 0 || (always && i < 2))
    .map(([n, noun, verb]) => `${n} ${noun}${n === 1 ? "" : "s"}${verb}`)
    .join(", ");
}

function countLine(c: ReturnType<typeof countOps>, mode: "done" | "dry-run" | "preview"): string {
  const verbs =
    mode === "done" ? ["created", "updated", "closed", "reopened"] : ["create", "update", "close", "reopen"];
  const parts = [c.created, c.updated, c.closed, c.reopened].flatMap((n, i) => (n ? [`${verbs[i]} ${n}`] : []));
  const issues = parts.length
    ? `${parts.join(", ")} issue${c.created + c.updated + c.closed + c.reopened === 1 ? "" : "s"}`
    : "";
  const milestones = c.milestones ? `${c.milestones} milestone${c.milestones === 1 ? "" : "s"}` : "";
  const links = c.links ? `${c.links} hierarchy link${c.links === 1 ? "" : "s"}` : "";
  const fields = c.fieldsSet + c.fieldsCleared;
  const board = [
    c.cards ? `${c.cards} board card${c.cards === 1 ? "" : "s"}` : "",
    fields ? `${fields} board field${fields === 1 ? "" : "s"}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const line = [issues, milestones, links, board].filter(Boolean).join("; ");
  if (line === "") return mode === "preview" ? "Merging changes no issue" : "Issues already match the docs";
  if (mode === "preview") return `Merging would ${line}`;
  return mode === "dry-run" ? `Dry run: would ${line}` : line.charAt(0).toUpperCase() + line.slice(1);
}

function changeTable(input: ReportInput): string {
  const rows = [
    ...input.done.map((d) => row(asMade(d), d.number, input.htmlUrl, "done")),
    ...input.pending.map((op) =>
      row(op, undefined, input.htmlUrl, input.preview ? "on merge" : input.dryRun ? "would do" : "not done"),
    ),
  ].filter((r): r is string => r !== null);
  if (rows.length === 0) return "Nothing to change.";
  return ["| Task | Issue | Change | Status |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

function row(op: Operation, done: number | undefined, htmlUrl: string, status: string): string | null {
  const number = done ?? subjectNumber(op);
  const link = number === undefined ? "–" : `[#${number}](${htmlUrl}/issues/${number})`;
  switch (op.kind) {
    case "create-issue":
      return `| ${op.taskId} | ${link} | created${op.parent ? `, sub-issue of ${escapeCell(op.parent.taskId)}` : ""} | ${status} |`;
    case "update-issue":
      return `| ${op.taskId} | ${link} | ${escapeCell(op.reason)}${fieldList(op)} | ${status} |`;
    case "comment":
      return null;
    case "create-label":
      return null;
    case "create-milestone":
      return `| milestone | ${escapeCell(op.title)} | created | ${status} |`;
    case "update-milestone":
      return `| milestone | ${escapeCell(op.title)} | updated | ${status} |`;
    case "link-sub-issue":
      return `| ${op.taskId} | ${link} | ${op.replace ? "moved to" : "sub-issue of"} ${escapeCell(op.parentTaskId)} | ${status} |`;
    case "unlink-sub-issue":
      return `| ${op.taskId} | ${link} | no longer a sub-issue of #${op.parent.number} | ${status} |`;
    case "order-sub-issues":
      return `| ${op.taskId} | ${link} | sub-issues put in the doc's order | ${status} |`;
    case "set-blocked-by":
      return `| ${op.taskId} | ${link} | ${escapeCell(blockedByChange(op))} | ${status} |`;
    case "add-project-item":
      return `| ${op.taskId} | ${link} | added to the board | ${status} |`;
    case "set-project-field":
      return `| ${op.taskId} | ${link} | board ${escapeCell(op.field)} ${op.value === null ? "cleared" : "set"} | ${status} |`;
  }
}

/** The number of the issue an operation changes, when it exists already. */
function subjectNumber(op: Operation): number | undefined {
  const subject = "issue" in op ? op.issue : "child" in op ? op.child : "parent" in op ? op.parent : undefined;
  return subject && "number" in subject ? subject.number : undefined;
}

/** ` (title, body, labels)`: the fields an update sends, so a reader sees exactly what changes. */
function fieldList(op: Extract<Operation, { kind: "update-issue" }>): string {
  const fields = (["title", "body", "labels", "milestone", "assignees", "state"] as const).filter(
    (f) => op[f] !== undefined,
  );
  return fields.length ? ` (${fields.join(", ")})` : "";
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function annotation(path: string, d: Diagnostic): Annotation {
  const level = d.severity === "error" ? "failure" : d.severity === "warning" ? "warning" : "notice";
  return { path, start_line: d.line, end_line: d.line, annotation_level: level, title: d.code, message: d.message };
}

/** `UW-2 (create issue)`, `milestone M1 (create)`: what an operation was, in words. */
function describeOp(op: Operation): string {
  switch (op.kind) {
    case "create-issue":
      return `${op.taskId} (create issue${op.parent ? ` under ${op.parent.taskId}` : ""})`;
    case "update-issue":
      return `${op.taskId} (${op.reason || "update issue"})`;
    case "comment":
      return `${op.taskId} (comment)`;
    case "create-label":
      return `label ${op.name} (create)`;
    case "create-milestone":
      return `milestone ${op.title} (create)`;
    case "update-milestone":
      return `milestone ${op.title} (update)`;
    case "add-project-item":
      return `${op.taskId} (add to board)`;
    case "set-project-field":
      return `${op.taskId} (board ${op.field})`;
    case "link-sub-issue":
      return `${op.taskId} (sub-issue of ${op.parentTaskId})`;
    case "unlink-sub-issue":
      return `${op.taskId} (remove from #${op.parent.number})`;
    case "order-sub-issues":
      return `${op.taskId} (order sub-issues)`;
    case "set-blocked-by":
      return `${op.taskId} (${blockedByChange(op)})`;
  }
}

/** `12 min`, `2 h 5 min`, `30 s`: a wait, for people. */
function minutes(ms: number): string {
  const total = Math.max(1, Math.round(ms / 1_000));
  if (total < 60) return `${total} s`;
  const mins = Math.round(total / 60);
  return mins < 60 ? `${mins} min` : `${Math.floor(mins / 60)} h ${mins % 60} min`;
}
