import { z } from "zod";
import { globProblem } from "../sync/glob.js";
import { PROJECT_URL, projectUrlOf } from "./project-url.js";

export { PROJECT_URL, projectUrlOf };

/** Where plansync looks when a repository has no config: the usual homes of planning docs. */
export const DEFAULT_PATHS = [
  "docs/**/*.md",
  "plans/**/*.md",
  "specs/**/*.md",
  "**/tasks.md",
  // Backlog.md: one file per task; drafts, docs and decisions beside them are not tasks.
  "backlog/tasks/**/*.md",
  "backlog/completed/**/*.md",
];

const globString = z.string().superRefine((glob, ctx) => {
  const problem = globProblem(glob);
  if (problem) ctx.addIssue({ code: "custom", message: `the glob "${glob.slice(0, 80)}" ${problem}` });
});

const labelSwitches = z
  .object({
    /** `priority: high` from priority headings. */
    priority: z.boolean().default(true),
    /** `points: 3` from estimates. */
    points: z.boolean().default(true),
    /** `section: <nearest heading>`, off by default: headings change more often than priorities. */
    sections: z.boolean().default(false),
    /** The label for tasks marked `[~]`, `[-]` or `[/]`; null for none. */
    inProgress: z.string().min(1).max(50).nullable().default("in progress"),
  })
  .strict();

/** Backlog.md's status values; a task file's `status:` is compared ignoring case and spacing. */
export const DEFAULT_TASK_STATUS = {
  open: ["To Do"],
  inProgress: ["In Progress"],
  done: ["Done"],
};

const statusValues = z.array(z.string().trim().min(1).max(50)).min(1).max(20);

/** How a task file's frontmatter `status` reads: the first value of each list is what write-back writes. */
const taskFilesSchema = z
  .object({
    status: z
      .object({
        open: statusValues.default(DEFAULT_TASK_STATUS.open),
        inProgress: statusValues.default(DEFAULT_TASK_STATUS.inProgress),
        done: statusValues.default(DEFAULT_TASK_STATUS.done),
      })
      .strict()
      .default(DEFAULT_TASK_STATUS),
  })
  .strict();

/** More removals than this in one sync (and more than half the managed issues) are held for confirmation. */
export const DEFAULT_REMOVAL_LIMIT = 10;

const removalSchema = z
  .object({
    action: z.enum(["close", "label", "ignore"]).default("close"),
    /** The safety rail: a sync that would remove more than this, and more than half, holds them. */
    limit: z.number().int().min(0).default(DEFAULT_REMOVAL_LIMIT),
    /** Applies the removals that the check run on this commit held. */
    confirm: z
      .string()
      .regex(/^[0-9a-f]{7,40}$/i, "must be the commit sha named in the check run that held the removals")
      .nullable()
      .default(null),
  })
  .strict();

/** The issue type each kind of task gets; null sets none. Defaults apply where the organisation defines them. */
export const DEFAULT_TYPES = { task: "Task", epic: "Epic" };
const typeName = z.string().trim().min(1).max(100).nullable();
const typesSchema = z
  .object({ task: typeName.default(DEFAULT_TYPES.task), epic: typeName.default(DEFAULT_TYPES.epic) })
  .strict();

/** The board's field names, by the role plansync fills; matched ignoring case. */
export const DEFAULT_PROJECT_FIELDS = {
  status: "Status",
  estimate: "Estimate",
  priority: "Priority",
  iteration: "Iteration",
  start: "Start date",
  target: "Target date",
};
/** The Status options each doc mark gives; the first name is the one written, any of them reads back. */
export const DEFAULT_PROJECT_STATUS = { todo: ["Todo"], inProgress: ["In Progress"], done: ["Done"] };
const fieldName = z.string().trim().min(1).max(100);
const optionNames = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z.array(z.string().trim().min(1).max(100)).min(1).max(20),
);
const projectUrl = z
  .string()
  .trim()
  .regex(PROJECT_URL, "must be a project's address, such as https://github.com/orgs/acme/projects/7")
  .transform((url) => projectUrlOf(url) ?? url);
const projectSchema = z
  .object({
    url: projectUrl.nullable().default(null),
    fields: z
      .object({
        status: fieldName.default(DEFAULT_PROJECT_FIELDS.status),
        estimate: fieldName.default(DEFAULT_PROJECT_FIELDS.estimate),
        priority: fieldName.default(DEFAULT_PROJECT_FIELDS.priority),
        iteration: fieldName.default(DEFAULT_PROJECT_FIELDS.iteration),
        start: fieldName.default(DEFAULT_PROJECT_FIELDS.start),
        target: fieldName.default(DEFAULT_PROJECT_FIELDS.target),
      })
      .strict()
      .default(DEFAULT_PROJECT_FIELDS),
    status: z
      .object({
        todo: optionNames.default(DEFAULT_PROJECT_STATUS.todo),
        inProgress: optionNames.default(DEFAULT_PROJECT_STATUS.inProgress),
        done: optionNames.default(DEFAULT_PROJECT_STATUS.done),
      })
      .strict()
      .default(DEFAULT_PROJECT_STATUS),
  })
  .strict();

/** `.github/plansync.yml`. Every key is optional; unknown keys are errors, so typos are never silently ignored. */
export const configSchema = z
  .object({
    paths: z.array(globString).min(1).max(50).default(DEFAULT_PATHS),
    /** The branch whose docs are the source of truth; null means the repository's default branch. */
    branch: z.string().min(1).nullable().default(null),
    ids: z
      .object({
        /** Accepted ID prefixes, e.g. [BE, PAY]; empty accepts any uppercase prefix. Literal strings, never regexes. */
        prefixes: z
          .array(z.string().regex(/^[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*$/, "an uppercase prefix such as BE or BE-DB"))
          .max(50)
          .default([]),
        /**
         * Where IDs are unique, by path glob; the first matching rule wins. Without one, prefixed IDs
         * are repository-wide and `T001`/`2.1` belong to their file's folder (task-scope.ts).
         */
        scopes: z
          .array(z.object({ paths: globString, scope: z.enum(["repository", "folder", "file", "path"]) }).strict())
          .max(50)
          .default([]),
        /** Number ID-less checkbox items in task sections by committing `PREFIX-N` into the doc. */
        assign: z.boolean().default(false),
      })
      .strict()
      .default({ prefixes: [], scopes: [], assign: false }),
    issues: z
      .object({
        /** Issue title; `{id}` and `{title}` are replaced. */
        title: z
          .string()
          .max(200)
          .refine((t) => t.includes("{title}"), "must contain {title}")
          .default("{id}: {title}"),
        /** Title of a task whose ID is unique only in its folder; `{scope}` is the folder's name. */
        scopedTitle: z
          .string()
          .max(200)
          .refine((t) => t.includes("{title}"), "must contain {title}")
          .default("{id} ({scope}): {title}"),
      })
      .strict()
      .default({ title: "{id}: {title}", scopedTitle: "{id} ({scope}): {title}" }),
    labels: labelSwitches.default({ priority: true, points: true, sections: false, inProgress: "in progress" }),
    milestones: z
      .object({
        enabled: z.boolean().default(true),
        /** Doc milestone title → GitHub milestone title, for names that differ. */
        map: z.record(z.string(), z.string().min(1)).default({}),
        /** A spec-kit, Kiro or OpenSpec feature folder whose tasks name no milestone gets one named after the feature. */
        features: z.boolean().default(true),
      })
      .strict()
      .default({ enabled: true, map: {}, features: true }),
    /** Files that hold one task each (Backlog.md): which `status:` values mean open, in progress and done. */
    taskFiles: taskFilesSchema.default({ status: DEFAULT_TASK_STATUS }),
    /** What happens to the issue of a task removed from every doc; `removal: close` is short for `{ action: close }`. */
    removal: z
      .preprocess((value) => (typeof value === "string" ? { action: value } : value), removalSchema)
      .default({ action: "close", limit: DEFAULT_REMOVAL_LIMIT, confirm: null }),
    writeBack: z
      .object({
        /** Closing or reopening an issue ticks or unticks its box in the doc. */
        enabled: z.boolean().default(true),
        /** `commit` to the branch, falling back to a pull request when it is protected; or always `pull-request`. */
        mode: z.enum(["commit", "pull-request"]).default("commit"),
        /** Closing the issue of a task written without a checkbox inserts `[x] `. */
        insertCheckbox: z.boolean().default(true),
      })
      .strict()
      .default({ enabled: true, mode: "commit", insertCheckbox: true }),
    hierarchy: z
      .object({
        /** A nested ID'd task, or an outline-numbered child (2.1 under 2), becomes a sub-issue of its parent's issue. */
        subIssues: z.boolean().default(true),
        /**
         * `issue`: an epic heading (`### Epic 2: Query API`) becomes an issue whose sub-issues are its
         * stories; `label`: its stories get an `epic: …` label instead; `none`: epics are only headings.
         */
        epics: z.enum(["issue", "label", "none"]).default("issue"),
        /** `**Dependencies:** BE-001` and notes like `T003 blocks T004` become "blocked by" links. */
        dependencies: z.boolean().default(true),
        /**
         * `when-done`: an epic's issue closes when every story is done and reopens when one is
         * undone; `never`: plansync never closes or reopens an epic's issue.
         */
        closeEpics: z.enum(["when-done", "never"]).default("when-done"),
      })
      .strict()
      .default({ subIssues: true, epics: "issue", dependencies: true, closeEpics: "when-done" }),
    /** Issue types by kind (`types: false` sets none). */
    types: z
      .preprocess((value) => (value === false ? { task: null, epic: null } : value), typesSchema)
      .default(DEFAULT_TYPES),
    /**
     * The Projects board every managed issue is put on, and its fields kept in step with the doc;
     * `project: <url>` is short for `{ url: <url> }`. A doc's frontmatter `project:` overrides the url.
     */
    project: z
      .preprocess((value) => (typeof value === "string" ? { url: value } : value), projectSchema)
      .default({ url: null, fields: DEFAULT_PROJECT_FIELDS, status: DEFAULT_PROJECT_STATUS }),
    /**
     * Link each open issue that looks like a task's (its ID leads the title) and that someone who
     * can push opened, to that task, instead of waiting (adoption.ts). Off: such tasks wait.
     */
    adopt: z.boolean().default(false),
    /**
     * Other plansync identities whose issues are plansync's too, for a repository synced by more
     * than one door: e.g. `plansync[bot]` (the App) when the CLI or the Action also runs.
     */
    authors: z
      .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}(\[bot\])?$/, "a GitHub login"))
      .max(20)
      .default([]),
    /** Compute and report what would change, and change nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export type PlansyncConfig = z.infer<typeof configSchema>;
