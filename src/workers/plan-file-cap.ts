/**
 * The largest plan file plansync reads, in bytes. A bigger file is reported (file-too-large) and
 * never downloaded when its size is known from the tree listing, nor parsed when it is not.
 * Provisional: src/plan/input-limits.ts is to own this limit, and this file then re-exports it.
 */
export const MAX_PLAN_FILE_BYTES = 2 * 1024 * 1024;
