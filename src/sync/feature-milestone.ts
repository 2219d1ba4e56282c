import { parsePlan, type Plan } from "../plan/index.js";
import type { PlanFile } from "./sync-types.js";

/**
 * spec-kit, Kiro and OpenSpec keep one folder per feature, with its task list in `tasks.md` and
 * its description beside it. Such a folder is a natural milestone: named from the feature.
 */
const LAYOUTS = [
  { pattern: /^(?:.*\/)?specs\/([^/]+)\/tasks\.md$/, spec: "spec.md", kind: "spec-kit" },
  { pattern: /^(?:.*\/)?\.kiro\/specs\/([^/]+)\/tasks\.md$/, spec: "requirements.md", kind: "kiro" },
  { pattern: /^(?:.*\/)?openspec\/changes\/([^/]+)\/tasks\.md$/, spec: "proposal.md", kind: "openspec" },
] as const;

export interface FeatureFolder {
  folder: string;
  name: string;
  /** The file that describes the feature, whose title names the milestone. */
  specPath: string;
}

export function featureFolder(path: string): FeatureFolder | null {
  // Kiro's `.kiro/specs/x/tasks.md` also ends in `specs/x/tasks.md`: the longer layouts first.
  for (const layout of [...LAYOUTS].reverse()) {
    const match = layout.pattern.exec(path);
    if (!match) continue;
    const folder = path.slice(0, path.lastIndexOf("/"));
    return { folder, name: match[1]!, specPath: `${folder}/${layout.spec}` };
  }
  return null;
}

/** Title prefixes the templates put before the feature's name; alone, they name nothing. */
const TITLE_PREFIX =
  /^(?:tasks|feature specification|feature spec|spec|change|proposal|requirements(?: document)?|implementation plan)\s*(?:[:：\-–—]\s*|$)/i;

/** `Tasks: Photo Albums` → `Photo Albums`; a generic title (`Requirements Document`) → null. */
export function featureTitle(heading: string | null): string | null {
  if (heading === null) return null;
  const name = heading.replace(TITLE_PREFIX, "").trim();
  return name === "" ? null : name;
}

/** True when this file should be given its feature's milestone: a feature's tasks that name none. */
export function wantsFeatureMilestone(file: PlanFile): FeatureFolder | null {
  if (file.plan.milestones.length > 0) return null;
  return featureFolder(file.path);
}

/**
 * The milestone name for a feature: the task list's own title when it names the feature
 * (spec-kit's `# Tasks: Photo Albums`), else the spec's, else the folder name.
 */
export function featureMilestoneName(feature: FeatureFolder, plan: Plan, specHeading: string | null): string {
  return featureTitle(plan.title) ?? featureTitle(specHeading) ?? feature.name;
}

/** The plan with every task in the feature's milestone. Pure: returns a new plan. */
export function withFeatureMilestone(plan: Plan, title: string): Plan {
  const milestone = { title, dueOn: null, state: "open" as const, stated: false, line: 1 };
  return { ...plan, milestone, milestones: [milestone], tasks: plan.tasks.map((t) => ({ ...t, milestone: title })) };
}

/** The spec files whose titles name feature milestones: one per feature whose task list does not name it. */
export function featureSpecsToRead(files: readonly PlanFile[]): string[] {
  const paths = files.flatMap((file) => {
    const feature = wantsFeatureMilestone(file);
    return feature && featureTitle(file.plan.title) === null ? [feature.specPath] : [];
  });
  return [...new Set(paths)];
}

/**
 * Gives each feature's task list its feature milestone. `specs` holds the text of the files
 * `featureSpecsToRead` named (null or absent when there is none). Pure, so the app (reading
 * GitHub) and the CLI (reading the disk) name milestones the same way.
 */
export function withFeatureMilestones(
  files: readonly PlanFile[],
  specs: ReadonlyMap<string, string | null>,
): PlanFile[] {
  return files.map((file) => {
    const feature = wantsFeatureMilestone(file);
    if (!feature) return file;
    const spec = specs.get(feature.specPath) ?? null;
    const specHeading = spec === null ? null : parsePlan(spec).title;
    return { ...file, plan: withFeatureMilestone(file.plan, featureMilestoneName(feature, file.plan, specHeading)) };
  });
}

/** `withFeatureMilestones`, reading each needed spec once, one at a time, through `readText`. */
export async function applyFeatureMilestones(
  files: readonly PlanFile[],
  readText: (path: string) => Promise<string | null>,
): Promise<PlanFile[]> {
  const specs = new Map<string, string | null>();
  for (const path of featureSpecsToRead(files)) specs.set(path, await readText(path));
  return withFeatureMilestones(files, specs);
}
