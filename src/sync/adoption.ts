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
  candidates: CandidateIssue[];
  reason: "adopt-off" | "several";
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
 * Matches tasks that have no issue with the candidates that look like theirs. A task ID used in
 * several scopes (`T001` in every spec-kit feature) matches only a title that names its scope.
 */
export function planAdoption(
  winners: readonly LocatedTask[],
  owners: ReadonlyMap<string, RemoteIssue>,
  candidates: readonly CandidateIssue[],
  { adopt, hashOf }: { adopt: boolean; hashOf: (task: LocatedTask) => string },
): Adoption {
  const adoption: Adoption = { adopted: new Map(), waiting: [] };
  const eligible = candidates.filter((c) => c.canPush);
  if (eligible.length === 0) return adoption;
  const uses = new Map<string, number>();
  for (const w of winners) uses.set(w.task.id.toLowerCase(), (uses.get(w.task.id.toLowerCase()) ?? 0) + 1);
  for (const located of winners) {
    if (owners.has(located.key)) continue;
    const id = located.task.id.toLowerCase();
    const shared = (uses.get(id) ?? 0) > 1 && located.scope !== null;
    const found = eligible.filter(
      (c) => titleLead(c.title)?.toLowerCase() === id && (!shared || c.title.includes(scopeName(located.scope!))),
    );
    if (found.length === 0) continue;
    const reason = found.length > 1 ? "several" : !adopt ? "adopt-off" : null;
    if (reason === null) adoption.adopted.set(located.key, adopted(found[0]!, located, hashOf(located)));
    else adoption.waiting.push({ key: located.key, candidates: found, reason });
  }
  return adoption;
}

/** The candidate as its task's issue: the marker agrees with the issue as it is, so the doc's state wins. */
function adopted(candidate: CandidateIssue, located: LocatedTask, hash: string): RemoteIssue {
  const { author: _author, canPush: _canPush, ...issue } = candidate;
  const marker = { id: located.task.id, scope: located.scope, file: located.file.path, state: issue.state, hash };
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
    const lines = waiting.flatMap((w) => w.candidates.map((c) => `- ${waitingLine(w, c)}`));
    notes.push(
      [
        `${waiting.length} task${waiting.length === 1 ? "" : "s"} already ha${waiting.length === 1 ? "s" : "ve"} an issue plansync did not make, so plansync created none for ${waiting.length === 1 ? "it" : "them"}:`,
        ...lines,
      ].join("\n"),
    );
  }
  if (claiming.length > 0) {
    const lines = claiming.map(
      (c) => `- #${c.number} (opened by ${c.author || "unknown"}) carries a marker for ${c.id}`,
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

function waitingLine(waiting: Waiting, candidate: CandidateIssue): string {
  const which = `#${candidate.number} looks like the issue of ${waiting.key} (opened by ${candidate.author || "unknown"})`;
  if (waiting.reason === "adopt-off")
    return `${which}: to adopt it, set \`adopt: true\` in \`.github/plansync.yml\` or run \`plansync adopt\`; or close or retitle it, and plansync creates a new issue.`;
  return `${which}, as do ${waiting.candidates.length - 1} other open issue(s): close or retitle all but one, and plansync adopts that one.`;
}
