import type { DocsSnapshot, RemoteState } from "./sync-types.js";

/**
 * Files the snapshot must also read before reconciling: those whose issues claim a task that
 * now shows up in another file. Reading them tells a move (gone from the old file) from a copy
 * (still there: a duplicate ID, and the old file keeps the issue).
 */
export function pathsToVerify(docs: DocsSnapshot, remote: RemoteState): string[] {
  const fileById = new Map(remote.issues.map((i) => [i.marker.id, i.marker.file]));
  const paths = new Set<string>();
  for (const { plan, path } of docs.files) {
    for (const task of plan.tasks) {
      const owner = fileById.get(task.id);
      if (owner !== undefined && owner !== path && !docs.coveredPaths.has(owner)) paths.add(owner);
    }
  }
  return [...paths].sort();
}
