import { parsePlan } from "../plan/index.js";

export interface ChecklistState {
  text: string;
  checked: boolean;
}

const FOOTER = "\n\n---\n<sub>";

/**
 * The checklist of a managed issue's body, read with the same parser as the doc: the content
 * above plansync's footer is the task's sub-bullets, so it is nested under a stand-in task.
 */
export function issueChecklist(body: string): ChecklistState[] {
  const end = body.indexOf(FOOTER);
  const content = end === -1 ? body : body.slice(0, end);
  const nested = content
    .split(/\r?\n/)
    .map((line) => (line === "" ? "" : `  ${line}`))
    .join("\n");
  const task = parsePlan(`- [ ] ISSUE-1 body\n${nested}\n`).tasks[0];
  return (task?.checklist ?? []).map(({ text, checked }) => ({ text, checked }));
}

/** True when the two bodies tick different checklist items: only then is there anything to write back. */
export function checklistChanged(before: string, after: string): boolean {
  const a = issueChecklist(before);
  const b = issueChecklist(after);
  return a.length !== b.length || a.some((item, i) => item.text !== b[i]!.text || item.checked !== b[i]!.checked);
}
