/**
 * Which headings hold work items. An ID-less checkbox under a task heading is a task waiting
 * for an ID; under a criteria heading it is a check, never a task. The innermost heading that
 * says either decides, so `## Tasks` › `### Storage` is a task section and `## Tasks` ›
 * `### Acceptance criteria` is not.
 */
const TASK_WORDS =
  /\b(tasks?|task list|implementation|stories|user stories|to[ -]?dos?|backlog|work items|sprint|deliverables|action items|next steps)\b/i;
const CHECK_WORDS =
  /\b(acceptance criteria|definition of done|dod|prerequisites?|validation|success criteria|exit criteria|requirements|verification|checklist|testing requirements|review)\b/i;

export function isTaskSection(headings: readonly string[]): boolean {
  for (let i = headings.length - 1; i >= 0; i--) {
    const text = headings[i]!;
    if (CHECK_WORDS.test(text)) return false;
    if (TASK_WORDS.test(text)) return true;
  }
  return false;
}

/** Where a spec states what must hold, not work to do: `- **FR-001**: System MUST …` is a requirement. */
const REQUIREMENT_WORDS =
  /\b(requirements|success criteria|acceptance criteria|exit criteria|key entities|definition of done|measurable outcomes)\b/i;

/**
 * True when the innermost heading that names either work or requirements names requirements:
 * `## Requirements` › `### Functional Requirements`, or `## Success Criteria` › `### Outcomes`,
 * but not `## Requirements` › `### Tasks`.
 */
export function isRequirementSection(headings: readonly string[]): boolean {
  for (let i = headings.length - 1; i >= 0; i--) {
    const text = headings[i]!;
    if (REQUIREMENT_WORDS.test(text)) return true;
    if (TASK_WORDS.test(text)) return false;
  }
  return false;
}
