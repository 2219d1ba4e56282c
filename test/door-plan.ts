/**
 * The plan the token doors' tests sync (the CLI's and the Action's): a milestone with a due
 * date, a task ticked in the doc, and a dependency.
 */
export const DOOR_PLAN = `---
milestone_name: "M1: Foundations"
target_completion: 2026-12-15
---

# Backend plan

## Tasks

- [ ] BE-001 Set up the database
- [x] BE-002 Add the users table
- [ ] BE-003 Sign-up endpoint
  - Depends on: BE-001
`;
