/**
 * Whether a repository's owner is an organisation or a user. Only organisations have issue
 * types, so a sync that knows its owner is a user sets none without asking GitHub. Webhook
 * payloads (`repository.owner.type`, `installation.account.type`) and the REST repository
 * (`owner.type`) say it for free.
 */
export type OwnerKind = "User" | "Organization";

/** GitHub's `owner.type`, checked: it comes from a payload; anything else (a Bot, absent) is unknown. */
export function ownerKind(type: unknown): OwnerKind | undefined {
  return type === "User" || type === "Organization" ? type : undefined;
}

/** The owner's kind as an optional field (of work, a target), absent when GitHub's answer does not say. */
export function ownerKindField(type: unknown): { ownerKind?: OwnerKind } {
  const kind = ownerKind(type);
  return kind === undefined ? {} : { ownerKind: kind };
}
