import { markerKey, taskKey, type Scoper } from "./task-scope.js";
import type { DocsSnapshot, RemoteState } from "./sync-types.js";

/**
 * Files the snapshot must also read before reconciling: those whose issues claim a task that
 * now shows up in another file. Reading them tells a move (gone from the old file) from a copy
 * (still there: a duplicate ID, and the old file keeps the issue).
 */
export function pathsToVerify(docs: DocsSnapshot, remote: RemoteState, scoper: Scoper): string[] {
  const fileByKey = new Map(remote.issues.map((i) => [markerKey(i.marker, scoper), i.marker.file]));
  const paths = new Set<string>();
  for (const { plan, path } of docs.files) {
    for (const task of plan.tasks) {
      const owner = fileByKey.get(taskKey(task.id, scoper(path, task.id)));
      if (owner !== undefined && owner !== path && !docs.coveredPaths.has(owner)) paths.add(owner);
    }
  }
  return [...paths].sort();
}
