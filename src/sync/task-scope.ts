import { compileGlobs } from "./glob.js";
import type { Marker } from "./sync-types.js";
import { idKey, isEpicNumber, isLocalId } from "../plan/task-id.js";

export { isEpicNumber, isLocalId };

/**
 * Where an ID is unique. Prefixed IDs (`BE-001`, `PAY-12`) are unique in the repository; spec-kit
 * `T` numbers and outline numbers (`2.1`) restart in every feature folder, so they are unique in
 * the folder that holds their file. Identity is (scope, ID); `null` is the repository.
 *
 * A scope is the folder as it is today, archived OpenSpec changes included: a live change may
 * reuse an archived one's name, so the two are never merged. A feature that moves (a rename, an
 * `openspec archive`) is followed by scope-moves.ts instead. `path` is kept as a synonym of
 * `folder` for configs written when `folder` merged an archived change into its live one.
 */
export type ScopeKind = "repository" | "folder" | "file" | "path";

export interface ScopeRule {
  paths: string;
  scope: ScopeKind;
}

/** Scope of a task: from the first `ids.scopes` rule whose glob matches its file, else by its ID's shape. */
export type Scoper = (path: string, id: string) => string | null;

export function createScoper(rules: readonly ScopeRule[]): Scoper {
  const compiled = rules.map((rule) => ({ matches: compileGlobs([rule.paths]), scope: rule.scope }));
  return (path, id) => {
    // `Epic 2` is numbered per document: every epic breakdown has an Epic 1.
    if (isEpicNumber(id)) return path;
    const rule = compiled.find((r) => r.matches(path));
    return scopeFor(rule?.scope ?? (isLocalId(id) ? "folder" : "repository"), path);
  };
}

function scopeFor(kind: ScopeKind, path: string): string | null {
  if (kind === "repository") return null;
  const slash = path.lastIndexOf("/");
  // A file at the root has no folder of its own: the file itself is the scope.
  if (kind === "file" || slash === -1) return path;
  return path.slice(0, slash);
}

/** `<date>-<slug>`, the name `openspec archive` gives a change's folder. */
const ARCHIVED_CHANGE = /^\d{4}-\d{2}-\d{2}-(.+)$/;

/**
 * The live path an archived OpenSpec change was moved from
 * (`…openspec/changes/archive/2026-12-01-add-login/…` was `…openspec/changes/add-login/…`);
 * every other path as it is. An archive names its source, so scope-moves.ts can follow it even
 * on a push that read only the moved files.
 */
export function featurePath(path: string): string {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = ARCHIVED_CHANGE.exec(parts[i + 1] ?? "")?.[1];
    const archive = parts[i] === "archive" && parts[i - 1] === "changes" && parts[i - 2] === "openspec";
    if (archive && name !== undefined) {
      out.push(name);
      i++;
    } else out.push(parts[i]!);
  }
  return out.join("/");
}

/** How a task is named everywhere: `BE-001`, or `T001 (specs/001-photo-albums)` in a scope. */
export function taskKey(id: string, scope: string | null): string {
  const key = idKey(id);
  return scope === null ? key : `${key} (${scope})`;
}

/** The scope's short name for titles: the feature folder's name, `001-photo-albums`. */
export function scopeName(scope: string): string {
  return scope.slice(scope.lastIndexOf("/") + 1);
}

/**
 * The key of the task a marker names, derived from its file and ID under today's config rather
 * than from the scope it records: markers written before scopes existed carry none, and a
 * changed `ids.scopes` must not orphan issues. Either way nothing is created twice.
 */
export function markerKey(marker: Pick<Marker, "id" | "file">, scoper: Scoper): string {
  return taskKey(marker.id, scoper(marker.file, marker.id));
}
