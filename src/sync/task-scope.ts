import { compileGlobs } from "./glob.js";
import type { Marker } from "./sync-types.js";
import { idKey, isEpicNumber, isLocalId } from "../plan/task-id.js";

export { isEpicNumber, isLocalId };

/**
 * Where an ID is unique. Prefixed IDs (`BE-001`, `PAY-12`) are unique in the repository; spec-kit
 * `T` numbers and outline numbers (`2.1`) restart in every feature folder, so they are unique in
 * the feature that holds their file. Identity is (scope, ID); `null` is the repository.
 *
 * A feature is named by the path it lives at, except where a tool moves it without changing it:
 * `openspec archive` moves `openspec/changes/<slug>/` to `openspec/changes/archive/<date>-<slug>/`,
 * and the archived path is read as the change's own (`featurePath`). `path` keeps the folder path
 * as it is, for a repository whose archived changes reuse a live change's name.
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
    if (isEpicNumber(id)) return featurePath(path);
    const rule = compiled.find((r) => r.matches(path));
    return scopeFor(rule?.scope ?? (isLocalId(id) ? "folder" : "repository"), path);
  };
}

function scopeFor(kind: ScopeKind, path: string): string | null {
  if (kind === "repository") return null;
  const slash = path.lastIndexOf("/");
  // A file at the root has no folder of its own: the file itself is the scope.
  if (kind === "file" || slash === -1) return kind === "path" ? path : featurePath(path);
  const folder = path.slice(0, slash);
  return kind === "path" ? folder : featurePath(folder);
}

/** `<date>-<slug>`, the name `openspec archive` gives a change's folder. */
const ARCHIVED_CHANGE = /^\d{4}-\d{2}-\d{2}-(.+)$/;

/**
 * The path a feature is known by: an archived OpenSpec change's path
 * (`…openspec/changes/archive/2026-12-01-add-login/…`) read as the live change's
 * (`…openspec/changes/add-login/…`); every other path as it is. Paths that never move keep their
 * scope, so issues synced before this rule existed see no change.
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

/**
 * The scope a task shows in its title and records in its marker: its folder (or file) as it is,
 * when its identity is that path's feature. An archived change's tasks keep their key but show
 * the archived folder's name, so issues synced at an archived path before `featurePath` see no
 * change either.
 */
export function shownScope(path: string, scope: string | null): string | null {
  if (scope === null) return null;
  const folder = path.slice(0, Math.max(path.lastIndexOf("/"), 0));
  const raw = [folder, path].find((p) => p !== "" && p !== scope && featurePath(p) === scope);
  return raw ?? scope;
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
