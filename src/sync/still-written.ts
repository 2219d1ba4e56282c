import type { Diagnostic } from "../plan/index.js";
import { idKey } from "../plan/task-id.js";
import type { PlanFile, RemoteIssue } from "./sync-types.js";

/**
 * Splits the issues whose task the docs no longer name into those really gone and those whose
 * item is still written in its file under the same ID but read another way: as a word (`Q3`), a
 * step or a date, since the ID grammar changed or the doc's convention did. Closing those as
 * "removed" would tell people a task they never touched was dropped, so their issues are left as
 * they are, with a warning on the item's line saying how to track it again or let it go.
 */
export function splitStillWritten(
  missing: readonly RemoteIssue[],
  files: readonly PlanFile[],
): { gone: RemoteIssue[]; kept: RemoteIssue[]; diagnostics: Map<string, Diagnostic[]> } {
  const leads = new Map(files.map((f) => [f.path, f.plan.itemLeads ?? {}]));
  const gone: RemoteIssue[] = [];
  const kept: RemoteIssue[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const issue of missing) {
    const line = leads.get(issue.marker.file)?.[idKey(issue.marker.id)];
    if (line === undefined) {
      gone.push(issue);
      continue;
    }
    kept.push(issue);
    const list = diagnostics.get(issue.marker.file) ?? [];
    list.push(stillWritten(issue, line));
    diagnostics.set(issue.marker.file, list);
  }
  return { gone, kept, diagnostics };
}

function stillWritten(issue: RemoteIssue, line: number): Diagnostic {
  return {
    severity: "warning",
    code: "no-longer-a-task",
    message: `${issue.marker.id} on this line has issue #${issue.number}, but is no longer read as a task (see the info on this line), so plansync leaves the issue as it is. To keep syncing it, write the ID as a task ID (in bold, zero-padded, or with a listed prefix); to let it go, delete the item or its ID, and the issue is closed as removed.`,
    line,
    column: 1,
  };
}
