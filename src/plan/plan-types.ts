/** What plansync reads out of one planning document. Pure data, JSON-serialisable. */

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  severity: Severity;
  code: string;
  message: string;
  /** 1-based line in the original file. */
  line: number;
  /** 1-based column in the original file. */
  column: number;
}

export interface Milestone {
  title: string;
  /** Calendar date `YYYY-MM-DD`, or null when the doc names none. */
  dueOn: string | null;
  /** Calendar date `YYYY-MM-DD` the milestone starts (frontmatter `start_date`); absent when none. */
  startOn?: string | null;
  state: "open" | "closed";
  /** True when the doc states the status (frontmatter `status`); false when `open` is only the default. */
  stated: boolean;
  line: number;
}

export interface ChecklistItem {
  text: string;
  checked: boolean;
  line: number;
  /** Offset of the mark between the brackets in the original source. */
  markOffset: number;
  /** The mark as written (` `, `x`, `~`, `✓`…): write-back replaces exactly these characters. */
  mark: string;
}

/** Where the task's checkbox sits, as UTF-16 offsets into the original source. */
export interface CheckboxLocation {
  /** Offset of the mark between the brackets (` `, `x`, `~`, `✓`…), or null without a checkbox. */
  markOffset: number | null;
  /** The mark as written, or null without a checkbox. */
  mark: string | null;
  /** Offset just after the bullet and its spacing, where `[x] ` is inserted when there is no box. */
  contentOffset: number;
}

export interface Task {
  id: string;
  title: string;
  /** Done, open, or null when written without a checkbox (`[~]`, `[-]`, `[/]` read as open). */
  checked: boolean | null;
  /** True for the in-progress marks `[~]`, `[-]` and `[/]`. */
  inProgress: boolean;
  /** Kiro's `- [ ]* 2.3 …`. */
  optional: boolean;
  line: number;
  column: number;
  points: number | null;
  milestone: string | null;
  /** Heading texts above the task, outermost first. */
  section: string[];
  labels: string[];
  parent: string | null;
  /** Spec-kit style markers such as `P` or `US1`, without brackets. */
  markers: string[];
  /** The item's lines after its first one, dedented, as written. */
  body: string;
  checklist: ChecklistItem[];
  /** Bold fields from sub-bullets: `**Requirement:** REQ-002` gives `{Requirement: "REQ-002"}`. */
  fields: Record<string, string>;
  checkbox: CheckboxLocation;
  /** IDs of tasks this one waits for, as the doc states them (same scope); not validated here. */
  dependsOn: string[];
  /** The ID of the epic heading above it (`Epic 2`), or null. */
  epic: string | null;
  /** Free labels the doc gives the task: `#tag` words, a task file's `labels:`. Written form, no `#`. */
  tags?: string[];
  /** A time estimate as written without its marker, `4h` for `~4h`; null or absent when none. */
  estimate?: string | null;
  /** A task file's (Backlog.md) `status:` value, where write-back changes it; absent for list items. */
  statusField?: StatusField | null;
}

/**
 * A task file's `status:` value node, as UTF-16 offsets into the original source: the whole
 * scalar, quotes included, as the YAML parser located it (no comment after it, no line break).
 * Write-back replaces exactly that range; an empty value has length 0 right after its `status:`.
 */
export interface StatusField {
  offset: number;
  length: number;
  /** The value as YAML reads it (quotes, escapes and folding resolved), or "" when empty. */
  value: string;
  /** The quote a new value is written in: the scalar's own, or "" for a plain value. */
  quote: "" | "'" | '"';
}

/** An epic heading (`### Epic 2: Query API`) over its stories. */
export interface Epic {
  /** `Epic 2`, unique in its file, or the ID the heading carries (`EP-2`). */
  id: string;
  title: string;
  line: number;
  column: number;
  /** Bold fields written under the heading before its stories: Duration, Dependencies… */
  fields: Record<string, string>;
  /** Those lines as written, for the epic's issue. */
  body: string;
  /** Epics this one waits for, from its dependency field (`Epic 0 complete`). */
  dependsOn: string[];
  /** The milestone above the heading, like a task's. */
  milestone: string | null;
}

/** A checkbox item in a task section that has no ID: what `plansync ids` numbers. */
export interface UnassignedItem {
  line: number;
  column: number;
  /** Offset in the original source where an ID is inserted (just after the box and its space). */
  insertOffset: number;
  text: string;
}

export interface Plan {
  /** The doc's first milestone (kept for readers that expect one). */
  milestone: Milestone | null;
  /** Every milestone the doc names; each task's `milestone` is the one above it. */
  milestones: Milestone[];
  tasks: Task[];
  diagnostics: Diagnostic[];
  /** Bold fields written at document level, e.g. `**Engineer:** @backend-dev`. */
  fields: Record<string, string>;
  /** The text of the doc's first level-1 heading, or null. */
  title: string | null;
  /** ID-less checkbox items in task sections (`## Tasks`, `## Implementation`…), in order. */
  unassigned: UnassignedItem[];
  /**
   * The first token of every list item with a digit in it, as an identity key, with its first
   * line, whether or not it was read as a task (item-leads.ts). Absent for task files.
   */
  itemLeads?: Record<string, number>;
  /** Epic headings, in order; each task's `epic` names the one above it. */
  epics: Epic[];
  /** The first paragraph under an Overview (or Purpose, Summary) heading, as written; null without one. */
  overview: string | null;
  /**
   * The Projects board its tasks go on (frontmatter `project:`, checked against PROJECT_URL),
   * overriding config `project.url`; absent when the doc names none or names an invalid one.
   */
  project?: string | null;
}
