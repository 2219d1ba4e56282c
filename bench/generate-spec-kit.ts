const AREAS = ["albums", "sharing", "billing", "search", "exports", "alerts", "audit", "profiles", "uploads", "teams"];
const LAYERS = [
  { dir: "src/models", what: "Create the {Area} entity with validation rules" },
  { dir: "src/services", what: "Implement {Area}Service query and update paths" },
  { dir: "src/api", what: "Add the {area} endpoint with request validation and error mapping" },
  { dir: "tests/contract", what: "Contract test for the {area} endpoint's 200, 404 and 422 responses" },
  { dir: "tests/integration", what: "Integration test for the {area} journey from the user's first request" },
  { dir: "src/ui", what: "Build the {Area} screen with empty, loading and error states" },
];
const STORY_TITLES = ["Create and browse", "Share with others", "Search and filter", "Export and archive"];

const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export interface SpecKitFeature {
  folder: string;
  tasks: string;
  spec: string;
  taskCount: number;
}

/**
 * A spec-kit feature as `/speckit.tasks` writes it: frontmatter, the template's preamble, a setup
 * and a foundational phase, then one phase per user story (tests first), with checkpoints, the
 * dependency section, a parallel example and the strategy, grown story by story to about
 * `targetBytes`. Deterministic, so figures compare across runs.
 */
export function generateSpecKitFeature(index: number, targetBytes: number): SpecKitFeature {
  const area = AREAS[index % AREAS.length]!;
  const name = `${String(index).padStart(3, "0")}-${area}-${index}`;
  const title = `${capital(area)} ${index}`;
  const head = preamble(name, title);
  const lines: string[] = [];
  let n = 0;
  const task = (text: string) =>
    lines.push(`- [${n % 7 === 0 && n > 0 ? "x" : " "}] T${String(++n).padStart(3, "0")} ${text}`);
  lines.push(
    "## Phase 1: Setup (Shared Infrastructure)",
    "",
    "**Purpose**: Project initialization and basic structure",
    "",
  );
  task(`Create the feature folders in \`src/${area}/\` and \`tests/${area}/\` per the implementation plan`);
  task(`[P] Add the ${area} settings to \`config/default.yaml\` with documented defaults`);
  task(`[P] Configure linting for \`src/${area}/\` in \`eslint.config.js\``);
  lines.push("", "---", "", "## Phase 2: Foundational (Blocking Prerequisites)", "");
  lines.push("**⚠️ CRITICAL**: No user story work can begin until this phase is complete", "");
  task(`Write migration \`migrations/0${index}_${area}.sql\` for the ${area} tables and indexes`);
  task(`[P] Add the ${area} repository base class in \`src/${area}/repository.ts\``);
  task(`[P] Wire ${area} error types into \`src/errors.ts\` (depends on T004)`);
  lines.push("", "**Checkpoint**: Foundation ready - user story implementation can now begin in parallel", "");
  for (let story = 1; head.length + lines.join("\n").length + closing(n).length < targetBytes; story++) {
    const storyTitle = STORY_TITLES[(story - 1) % STORY_TITLES.length]!;
    lines.push(
      "---",
      "",
      `## Phase ${story + 2}: User Story ${story} - ${storyTitle} (Priority: P${Math.min(story, 3)})`,
      "",
    );
    lines.push(`**Goal**: A user can ${storyTitle.toLowerCase()} ${area} without leaving the page.`, "");
    lines.push(
      `**Independent Test**: Sign in as a member, ${storyTitle.toLowerCase()} two ${area}, reload, and see both.`,
      "",
    );
    lines.push(`### Tests for User Story ${story}`, "");
    for (const layer of LAYERS.slice(3, 5))
      task(`[P] [US${story}] ${fill(layer.what, area)} in \`${layer.dir}/${area}_${story}.test.ts\``);
    lines.push("", `### Implementation for User Story ${story}`, "");
    for (const layer of [...LAYERS.slice(0, 3), LAYERS[5]!]) {
      const parallel = layer.dir === "src/models" ? "[P] " : "";
      task(`${parallel}[US${story}] ${fill(layer.what, area)} in \`${layer.dir}/${area}-${story}.ts\``);
    }
    task(`[US${story}] Log ${area} changes with the actor and the request id in \`src/${area}/audit-${story}.ts\``);
    lines.push("", `**Checkpoint**: User Story ${story} works on its own and can be demonstrated`, "");
  }
  const tasks = [head, ...lines, closing(n)].join("\n");
  return { folder: `specs/${name}`, tasks, spec: specDoc(name, title), taskCount: n };
}

function fill(template: string, area: string): string {
  return template.replaceAll("{Area}", capital(area)).replaceAll("{area}", area);
}

function preamble(name: string, title: string): string {
  return [
    "---",
    "",
    `description: "Task list for ${title}"`,
    "---",
    "",
    `# Tasks: ${title}`,
    "",
    `**Input**: Design documents from \`/specs/${name}/\``,
    "**Prerequisites**: plan.md (required), spec.md (required for user stories), research.md, data-model.md, contracts/",
    "",
    "**Tests**: Contract and integration tests are included because the spec asks for them.",
    "",
    "**Organization**: Tasks are grouped by user story to enable independent implementation and testing of each story.",
    "",
    "## Format: `[ID] [P?] [Story] Description`",
    "",
    "- **[P]**: Can run in parallel (different files, no dependencies)",
    "- **[Story]**: Which user story this task belongs to (e.g., US1, US2, US3)",
    "- Include exact file paths in descriptions",
    "",
    "",
  ].join("\n");
}

function closing(lastTask: number): string {
  return [
    "---",
    "",
    "## Dependencies & Execution Order",
    "",
    "### Phase Dependencies",
    "",
    "- **Setup (Phase 1)**: No dependencies - can start immediately",
    "- **Foundational (Phase 2)**: Depends on Setup completion - BLOCKS all user stories",
    "- **User Stories (Phase 3+)**: All depend on Foundational phase completion",
    "- T004 blocks T007-T012",
    `- T001 Setup verification before T${String(lastTask).padStart(3, "0")}`,
    "",
    "### Parallel Opportunities",
    "",
    "- All tasks marked [P] within a phase can run in parallel",
    "- US1: T007, T008 can run in parallel",
    "",
    "## Parallel Example: User Story 1",
    "",
    "```bash",
    'Task: "Contract test for the endpoint in tests/contract/"',
    'Task: "Integration test for the journey in tests/integration/"',
    "```",
    "",
    "## Implementation Strategy",
    "",
    "### MVP First (User Story 1 Only)",
    "",
    "1. Complete Phase 1: Setup",
    "2. Complete Phase 2: Foundational (CRITICAL - blocks all stories)",
    "3. Complete Phase 3: User Story 1",
    "4. **STOP and VALIDATE**: Test User Story 1 independently",
    "",
    "## Notes",
    "",
    "- [P] tasks = different files, no dependencies",
    "- Commit after each task or logical group",
    "",
  ].join("\n");
}

function specDoc(name: string, title: string): string {
  return [
    `# Feature Specification: ${title}`,
    "",
    `**Feature Branch**: \`${name}\``,
    "**Created**: 2026-10-02",
    "**Status**: Draft",
    "",
    "## User Scenarios & Testing *(mandatory)*",
    "",
    "### User Story 1 - Create and browse (Priority: P1)",
    "",
    "A member creates items and finds them again later.",
    "",
  ].join("\n");
}
