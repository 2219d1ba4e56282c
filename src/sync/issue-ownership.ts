import type { PlansyncConfig } from "../config/config-schema.js";
import { readMarker } from "./marker.js";
import type { Marker } from "./sync-types.js";

/**
 * The one answer to "is this issue plansync's", for every door and every event.
 *
 * A marker is text in an issue body, and anyone who can write an issue can write one: a stranger
 * on a public repository (in an issue of their own), a triager (in any issue). So the marker alone
 * never makes an issue plansync's. What cannot be forged is who *created* the issue. An issue is
 * plansync's when its body has a marker and either
 * - this door's own identity created it (the App's bot, `github-actions[bot]` for the Action, the
 *   token's user for the CLI), or one of the config's `authors` (another door on the same repo); or
 * - someone who can push to the repository created it: that is how an adopted issue (a person's
 *   `BE-001: …`, made before plansync) stays plansync's, and a person who can push could change
 *   the docs directly anyway.
 * Someone who cannot push can therefore only reach plansync's issues through the issues they may
 * already close, reopen or edit: a triager flipping a task's box, never any other byte.
 *
 * Why not an HMAC over the marker: the Action and the CLI hold no secret that outlives a run, so
 * a signed marker would tie identity to one door; and it would add nothing here, since an issue
 * created by plansync can only be edited by people (triagers) who may already close any issue.
 */
export interface Identity {
  /** Lower-cased logins whose marked issues are plansync's without asking GitHub anything. */
  logins: ReadonlySet<string>;
}

/** `github-actions[bot]` acts only for workflows, which only people who can push can write. */
export const ACTIONS_BOT = "github-actions[bot]";

/** GitHub's `author_association` values that can come with push access; any other never does. */
const MAYBE_PUSH = new Set(["OWNER", "MEMBER", "COLLABORATOR"]);

export function plansyncIdentity(creator: string, config?: Pick<PlansyncConfig, "authors">): Identity {
  return { logins: new Set([creator, ...(config?.authors ?? [])].map((l) => l.toLowerCase())) };
}

/** The parts of GitHub's issue JSON (REST or webhook) that ownership is judged on. */
export interface AuthoredIssue {
  body?: string | null;
  user?: { login: string; type?: string } | null;
  author_association?: string;
}

/**
 * - `ours`: plansync's, nothing to ask;
 * - `ask`: plansync's if its author can push (one lookup per author: see push-access.ts);
 * - `foreign`: a marker on an issue whose author cannot push, e.g. a stranger's copy: ignored;
 * - `unmarked`: no marker at all.
 */
export type Claim =
  | { kind: "ours"; marker: Marker }
  | { kind: "ask"; marker: Marker; author: string }
  | { kind: "foreign"; marker: Marker; author: string }
  | { kind: "unmarked" };

export function claimOf(issue: AuthoredIssue, identity: Identity): Claim {
  const marker = readMarker(issue.body);
  if (!marker) return { kind: "unmarked" };
  const author = issue.user?.login ?? "";
  if (identity.logins.has(author.toLowerCase())) return { kind: "ours", marker };
  return mayPush(issue) ? { kind: "ask", marker, author } : { kind: "foreign", marker, author };
}

/** Without asking GitHub: could the issue's author have push access at all? */
export function mayPush(issue: AuthoredIssue): boolean {
  const author = issue.user?.login ?? "";
  if (author.toLowerCase() === ACTIONS_BOT) return true;
  // Another app's bot is never a collaborator; a user's association says who may be one.
  if (issue.user?.type === "Bot" || author.endsWith("[bot]")) return false;
  return MAYBE_PUSH.has(issue.author_association ?? "");
}

/** The marker of a plansync issue, or null; `canPush` answers for authors the claim asked about. */
export function plansyncMarker(
  issue: AuthoredIssue,
  identity: Identity,
  canPush: (author: string) => boolean,
): Marker | null {
  const claim = claimOf(issue, identity);
  if (claim.kind === "ours") return claim.marker;
  if (claim.kind === "ask" && canPush(claim.author)) return claim.marker;
  return null;
}

/** The authors a set of issues needs push access looked up for. */
export function authorsToAsk(issues: readonly AuthoredIssue[], identity: Identity): string[] {
  const authors = new Set<string>();
  for (const issue of issues) {
    const claim = claimOf(issue, identity);
    if (claim.kind === "ask" && claim.author.toLowerCase() !== ACTIONS_BOT) authors.add(claim.author);
  }
  return [...authors];
}

/**
 * The identity a job acts as. Unknown (GitHub did not say who the app or token is) fails the job
 * so it is retried: guessing "nothing is ours" would create a second issue for every task.
 */
export function requireIdentity(creator: string | null, config?: Pick<PlansyncConfig, "authors">): Identity {
  if (creator === null)
    throw new Error(
      "plansync could not tell which GitHub identity it acts as (the app's bot, or the token's user), so it cannot tell its issues from anyone else's; nothing was changed, and the job is retried",
    );
  return plansyncIdentity(creator, config);
}

/**
 * True when an event's issue may be plansync's once a job reads the config (`authors:`) and asks
 * GitHub: everything marked except a person's issue whose association rules out push access.
 */
export function worthAJob(claim: Claim): claim is Exclude<Claim, { kind: "unmarked" }> {
  if (claim.kind === "unmarked") return false;
  return claim.kind !== "foreign" || isBot(claim.author);
}

/** An app's bot login: it may be one of the config's `authors` (another plansync door). */
export function isBot(login: string): boolean {
  return login.endsWith("[bot]");
}
