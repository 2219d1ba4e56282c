/**
 * The parent a dotted ID names by its numbering (Kiro, OpenSpec, BMAD, numbered plans): `2.1` is
 * under `2`, `A1.1` under `A1`, `US-1.1` under `US-1`. Which tokens are outline numbers is the
 * grammar's (id-grammar.ts).
 */
export function outlineParent(id: string): string | null {
  const dot = id.lastIndexOf(".");
  return dot <= 0 ? null : id.slice(0, dot);
}
