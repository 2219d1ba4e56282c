/**
 * The message GitHub returns when a push to a branch protected by a ruleset is refused
 * (contents API: 409; git refs API: 422).
 */
export const RULE_VIOLATION = "Repository rule violations found\n\nChanges must be made through a pull request.";
