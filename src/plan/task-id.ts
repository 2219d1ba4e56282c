/**
 * What makes two written IDs one task, in one place. IDs are compared without regard to case:
 * `t010` and `T010` are one ID, so fixing an ID's case never makes a second issue. Titles and
 * the doc keep the form as written; only comparisons use `idKey`.
 */
export function idKey(id: string): string {
  return isEpicNumber(id) ? id : id.toUpperCase();
}

/** `Epic 2`: an epic heading's number, unique only in its file. */
export function isEpicNumber(id: string): boolean {
  return /^Epic \d{1,4}$/.test(id);
}

/**
 * Numbers that restart in every feature: `T001` (one letter, digits, no dash) and outline
 * numbers `2.1`, each with an optional letter-led form (`A1.1`) and letter suffix (`T046a`,
 * `1.4b`), in any case (`t010`). An insertion such as `T010a` lives where `T010` does.
 */
export function isLocalId(id: string): boolean {
  const key = idKey(id);
  return /^[A-Z]\d{1,6}[A-Z]?$/.test(key) || /^[A-Z]?\d{1,3}(?:\.\d{1,3}){0,7}[A-Z]?$/.test(key);
}
