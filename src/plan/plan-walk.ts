import type { DependencyEdge } from "./dependency-notes.js";
import type { IdMatcher } from "./id-matcher.js";
import type { Diagnostic, Epic, Milestone, Task, UnassignedItem } from "./plan-types.js";

/** A list item that starts with an ID: a task, unless the doc shows it is a note (see finishPlan). */
export interface Candidate {
  task: Task;
  boxed: boolean;
  /** Outline numbers (`2.1`) take their parent from the numbering. */
  outline: boolean;
  /** The candidate this item is nested under, if any. */
  nestedIn: Candidate | null;
  /** A bare `Q3`-like ID: a task only where siblings share its prefix (finish-plan.ts). */
  needsConvention?: boolean;
}

/** The state of one pass over a document's tree. */
export interface Walk {
  text: string;
  /** Added to every offset: the BOM is stripped before parsing but is part of the file. */
  shift: number;
  matcher: IdMatcher;
  /** The headings above the current node, outermost first; an epic heading carries its epic. */
  headings: { depth: number; text: string; epic?: Epic }[];
  epics: Epic[];
  overview: string | null;
  candidates: Candidate[];
  diagnostics: Diagnostic[];
  /** Every milestone the doc names, in order: frontmatter first, then `Milestone:` headings. */
  milestones: Milestone[];
  fields: Record<string, string>;
  /** Dependency statements read anywhere in the doc: notes, titles and fields. */
  edges: DependencyEdge[];
  unassigned: UnassignedItem[];
  title: string | null;
  /** How many ID-less task items enclose the current one (their sub-items are not numbered). */
  insideUnassigned: number;
  /** The first line of each list item's lead token (`itemLeadKey`), read as a task or not. */
  itemLeads: Map<string, number>;
  /** `epic:<id>` and `milestone:<title>` for each one seen: a lookup per heading, not a search. */
  named: Set<string>;
}
