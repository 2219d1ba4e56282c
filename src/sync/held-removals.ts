import { REMOVED_LABEL } from "./desired-issue.js";
import type { RemoteIssue } from "./sync-types.js";

/**
 * The record a check run keeps of the removals it held, so that `removal.confirm: <sha>` can
 * confirm exactly those issues and no later, different mass removal. It is a hidden line in the
 * check run's text, which only the app can write.
 */
const NOTE = /<!-- plansync-held: ([0-9,]{0,100000}) -->/;

export function renderHeldNote(held: readonly RemoteIssue[]): string {
  return `<!-- plansync-held: ${held.map((i) => i.number).join(",")} -->`;
}

export function readHeldNote(text: string | null | undefined): Set<number> {
  const match = text ? NOTE.exec(text) : null;
  return new Set((match?.[1] ?? "").split(",").filter(Boolean).map(Number));
}

/** What the rail weighed the held removals against (guard-removals.ts), for the check run. */
export interface HeldScale {
  /** The managed issues a removal would still change: the open ones when removals close. */
  removable: number;
  action: "close" | "label" | "ignore";
}

/** The check run's explanation: what is held, why (both numbers), and the two ways to go on. */
export function heldSummary(held: readonly RemoteIssue[], sha: string, limit: number, scale?: HeldScale): string {
  const rows = held.map((i) => `- #${i.number} ${i.marker.id} (\`${i.marker.file}\`)`);
  const why =
    scale === undefined
      ? `this commit would close or label more than ${limit} managed issues, more than half of them, at once`
      : scale.action === "label"
        ? `${held.length} of the ${scale.removable} managed issues not yet labelled \`${REMOVED_LABEL}\` would be labelled at once, more than half of them and more than the limit of ${limit}`
        : `${held.length} of the ${scale.removable} open managed issues would be closed at once, more than half of them and more than the limit of ${limit}`;
  return [
    `plansync held ${held.length} removals: ${why}. That is usually a narrowed \`paths\` or \`ids.prefixes\`, a broken glob or a moved folder, so nothing was removed.`,
    `If the removals are intended, confirm them in \`.github/plansync.yml\`:\n\n\`\`\`yaml\nremoval:\n  confirm: ${sha}\n\`\`\`\n\nor raise \`removal.limit\`. Otherwise fix the config or the docs and push again.`,
    `Held:\n\n${rows.join("\n")}`,
  ].join("\n\n");
}
