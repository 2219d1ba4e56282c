import type { LocatedTask } from "./collect-tasks.js";
import { scopeName } from "./task-scope.js";
import type { CandidateIssue, ClaimingIssue, Operation, RemoteIssue } from "./sync-types.js";

/**
 * Adoption: a team moving to plansync already has issues for its tasks (`BE-001: …` written by
 * hand, spec-kit's taskstoissues output). Creating a second issue for such a task would be a
 * duplicate; taking the existing one over silently would surprise its author. So a task whose ID
 * leads the title of an open issue plansync does not manage waits, and the check run says how to
 * adopt it. With `adopt: true` (config, or `plansync adopt`), the one candidate is linked to its
 * task: its marker and label are written and every byte of its title and body is kept.
 *
 * Only an issue whose author can push is a candidate at all: the author of a plansync issue steers
 * its task (closing it ticks the box), which is for people who could tick the box in the doc
 * anyway. Anyone else's look-alike issue is ignored, so a stranger can neither take a task over
 * nor stop plansync from creating its issue.
 */
export interface Adoption {
  /** The candidates this sync adopts, as the issues of their tasks, by task key. */
  adopted: Map<string, RemoteIssue>;
  /** Tasks left without an issue because of their candidates, and why. */
  waiting: Waiting[];
}

export interface Waiting {
  key: string;
  /** The issues that look like the task's. */
  issues: readonly { number: number; author: string }[];
  reason: "adopt-off" | "several" | "unconfirmed";
}

/** The ID a title leads with (`BE-001: …`, `[T001] …`, `**2.1** …`), or null. Linear: one pass. */
export function titleLead(title: string): string | null {
  const match = /^[\s[(*`#]{0,8}([A-Za-z0-9][A-Za-z0-9._-]{0,63})/.exec(title);
  if (!match) return null;
  let token = match[1]!;
  while (/[._-]$/.test(token)) token = token.slice(0, -1);
  return /\d/.test(token) ? token : null;
}

/**
 * Matches tasks that have no issue with the candidates that look like theirs. An ID that means
 * little on its own matches only a title that names the task's scope as a whole word: an outline
 * number (`1`, `2.1`: "1 user reports a crash" is no task's issue), or an ID used in several
 * scopes (`T001` in every spec-kit feature). A task whose marker a labelled issue carries, though
 * its author could not be confirmed to push (`held`: an adopted issue whose author lost access),
 * waits too, rather than get a second issue.
 */
export function planAdoption(
  winners: readonly LocatedTask[],
  owners: ReadonlyMap<string, RemoteIssue>,
  candidates: readonly CandidateIssue[],
  {
    adopt,
    hashOf,
    held = new Map(),
  }: { adopt: boolean; hashOf: (task: LocatedTask) => string; held?: ReadonlyMap<string, ClaimingIssue[]> },
): Adoption {
  const adoption: Adoption = { adopted: new Map(), waiting: [] };
  const eligible = candidates.filter((c) => c.canPush);
  if (eligible.length === 0 && held.size === 0) return adoption;
  const uses = new Map<string, number>();
  for (const w of winners) uses.set(w.task.id.toLowerCase(), (uses.get(w.task.id.toLowerCase()) ?? 0) + 1);
  for (const located of winners) {
    if (owners.has(located.key)) continue;
    const claims = held.get(located.key);
    if (claims) {
      adoption.waiting.push({ key: located.key, issues: claims, reason: "unconfirmed" });
      continue;
    }
    const shared = (uses.get(located.task.id.toLowerCase()) ?? 0) > 1;
    const found = eligible.filter((c) => looksLike(c.title, located, shared));
    if (found.length === 0) continue;
    const reason = found.length > 1 ? "several" : !adopt ? "adopt-off" : null;
    if (reason === null) adoption.adopted.set(located.key, adopted(found[0]!, located, hashOf(located)));
    else adoption.waiting.push({ key: located.key, issues: found, reason });
  }
  return adoption;
}

function looksLike(title: string, located: LocatedTask, shared: boolean): boolean {
  if (titleLead(title)?.toLowerCase() !== located.task.id.toLowerCase()) return false;
  const needsScope = located.scope !== null && (shared || /^\d+(?:\.\d+)*$/.test(located.task.id));
  return !needsScope || namesScope(title, scopeName(located.scope!));
}

/** The scope's name as a whole word of the title: `oauth` does not name `auth`. */
function namesScope(title: string, name: string): boolean {
  for (let at = title.indexOf(name); at !== -1; at = title.indexOf(name, at + 1)) {
    const before = title[at - 1] ?? " ";
    const after = title[at + name.length] ?? " ";
    if (!WORD.test(before) && !WORD.test(after)) return true;
  }
  return false;
}

const WORD = /[A-Za-z0-9._-]/;

/** The candidate as its task's issue: the marker agrees with the issue as it is, so the doc's state wins. */
function adopted(candidate: CandidateIssue, located: LocatedTask, hash: string): RemoteIssue {
  const { author: _author, canPush: _canPush, ...issue } = candidate;
  const marker = {
    id: located.task.id,
    scope: located.scope,
    file: located.file.path,
    state: issue.state,
    hash,
    adopted: true,
  };
  return { ...issue, marker, adopting: true };
}

/**
 * The operations with everything that would create or link a waiting task's issue taken out:
 * it has none yet, and must not get one while a candidate waits.
 */
export function withoutWaiting(operations: readonly Operation[], waiting: readonly Waiting[]): Operation[] {
  if (waiting.length === 0) return [...operations];
  const keys = new Set(waiting.map((w) => w.key));
  const waits = (ref: { number: number } | { taskId: string }) => "taskId" in ref && keys.has(ref.taskId);
  return operations.flatMap((op): Operation[] => {
    switch (op.kind) {
      case "create-issue":
        return keys.has(op.taskId) ? [] : [op];
      case "update-issue":
      case "comment":
      case "add-project-item":
      case "set-project-field":
        return waits(op.issue) ? [] : [op];
      case "link-sub-issue":
        return waits(op.parent) || waits(op.child) ? [] : [op];
      case "order-sub-issues":
        return [{ ...op, children: op.children.filter((c) => !waits(c)) }];
      case "set-blocked-by": {
        if (waits(op.issue)) return [];
        const add = op.add.filter((a) => !waits(a.ref));
        return add.length === 0 && op.remove.length === 0 ? [] : [{ ...op, add }];
      }
      default:
        return [op];
    }
  });
}

/** The check run's lines for adoption candidates and for issues claiming to be plansync's. */
export function adoptionNotes(waiting: readonly Waiting[], claiming: readonly ClaimingIssue[]): string[] {
  const notes: string[] = [];
  if (waiting.length > 0) {
    const lines = waiting.flatMap((w) => w.issues.map((c) => `- ${waitingLine(w, c)}`));
    notes.push(
      [
        `${waiting.length} task${waiting.length === 1 ? "" : "s"} already ha${waiting.length === 1 ? "s" : "ve"} an issue plansync did not make, so plansync created none for ${waiting.length === 1 ? "it" : "them"}:`,
        ...lines,
      ].join("\n"),
    );
  }
  if (claiming.length > 0) {
    const lines = claiming.map(
      (c) => `- #${c.number} (opened by ${c.author || "unknown"}) carries a marker for ${shownId(c.id)}`,
    );
    notes.push(
      [
        `Issues claiming to be plansync's, ignored: they were not made by plansync, and their authors cannot push to this repository.`,
        ...lines,
      ].join("\n"),
    );
  }
  return notes;
}

/**
 * A marker's ID comes from whoever wrote the issue: shown in a code span only when it is shaped
 * like an ID, so no stranger's markdown (a heading, a link) is rendered in plansync's voice.
 */
function shownId(id: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._ -]{0,63}$/.test(id) ? `\`${id}\`` : "an ID that is not one";
}

function waitingLine(waiting: Waiting, candidate: { number: number; author: string }): string {
  const which = `#${candidate.number} looks like the issue of ${waiting.key} (opened by ${candidate.author || "unknown"})`;
  if (waiting.reason === "adopt-off")
    return `${which}: to adopt it, set \`adopt: true\` in \`.github/plansync.yml\` or run \`plansync adopt\`; or close or retitle it, and plansync creates a new issue.`;
  if (waiting.reason === "unconfirmed")
    return `#${candidate.number} carries the marker of ${waiting.key} and the \`plansync\` label, but its author (${candidate.author || "unknown"}) cannot push to this repository (any more), so plansync does not trust it, and creates no second issue while it is there: if it is the task's issue, give its author push access again; if not, remove its label, and plansync creates the task's issue.`;
  return `${which}, as do ${waiting.issues.length - 1} other open issue(s): close or retitle all but one, and plansync adopts that one.`;
}
