import { configSchema } from "../config/config-schema.js";
import { EPIC_LABEL, MANAGED_LABEL, MANAGED_PREFIXES, REMOVED_LABEL } from "./desired-issue.js";
import type { NameChanges, Operation } from "./sync-types.js";

const COLORS: [prefix: string, color: string, description: string][] = [
  [REMOVED_LABEL, "cfd3d7", "plansync: the task was removed from the docs"],
  [MANAGED_LABEL, "5319e7", "Managed by plansync from a planning doc"],
  ["priority: ", "d93f0b", "Priority from the planning doc"],
  ["points: ", "c5def5", "Estimate from the planning doc"],
  ["estimate: ", "c5def5", "Time estimate from the planning doc"],
  ["section: ", "bfdadc", "Section of the planning doc"],
  ["epic: ", "3e4b9e", "Epic from the planning doc"],
  [EPIC_LABEL, "3e4b9e", "An epic from the planning doc; its stories are its sub-issues"],
];

/**
 * GitHub's label names are case-insensitive (`Plansync` is the `plansync` label): every
 * comparison of names goes through these, or a label in another case is added on every sync.
 */
export function sameLabel(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((label) => sameLabel(label, name));
}

function hasPrefix(label: string, prefix: string): boolean {
  return label.toLowerCase().startsWith(prefix.toLowerCase());
}

/** A create-label for every label the operations use that is not known to exist yet, in any case. */
export function missingLabels(operations: readonly Operation[], known: ReadonlySet<string>): Operation[] {
  const used: string[] = [];
  const use = (name: string) => {
    if (!hasLabel(used, name)) used.push(name);
  };
  for (const op of operations) {
    if (op.kind === "create-issue") op.labels.forEach(use);
    if (op.kind === "update-issue") op.labels?.add.forEach(use);
  }
  const existing = [...known];
  return used
    .filter((name) => !hasLabel(existing, name))
    .map((name) => {
      const [, color, description] = COLORS.find(([prefix]) => hasPrefix(name, prefix)) ?? ["", "ededed", ""];
      return { kind: "create-label", name, color, description };
    });
}

/** `labels.inProgress` as configured by default: what a caller that names no owned labels owns. */
const DEFAULT_OWNED = [configSchema.parse({}).labels.inProgress].filter((l): l is string => l !== null);

/**
 * Keeps every label a human added; replaces only the label families plansync owns and the
 * labels in `owned` (the configured in-progress label, DesiredIssue.ownedLabels), so an issue
 * whose task left In Progress loses that label.
 */
export function mergeLabels(
  current: readonly string[],
  desired: readonly string[],
  owned: readonly string[] = DEFAULT_OWNED,
): string[] {
  const kept = current.filter(
    (l) =>
      !sameLabel(l, REMOVED_LABEL) &&
      !MANAGED_PREFIXES.some((p) => hasPrefix(l, p)) &&
      !hasLabel(owned, l) &&
      !hasLabel(desired, l),
  );
  return [...new Set([...kept, ...desired])];
}

/**
 * The labels to add and to remove to go from `current` to `wanted`, or undefined when none: sent
 * one by one, never as a whole set, so a label a human added after the sync read the issue stays.
 */
export function labelChanges(current: readonly string[], wanted: readonly string[]): NameChanges | undefined {
  const add = wanted.filter((l) => !hasLabel(current, l));
  const remove = current.filter((l) => !hasLabel(wanted, l));
  return add.length || remove.length ? { add, remove } : undefined;
}
