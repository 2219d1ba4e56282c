import { userJson } from "./present-user.js";
import { json, notFound } from "./responses.js";
import type { RepoHandler, RouteContext } from "./route-context.js";
import type { RepoState, SimUser } from "./records.js";

/**
 * `GET /repos/{owner}/{repo}/collaborators/{username}/permission`: the owner is admin, a
 * collaborator (setCollaborators) can write, one given a role (setRole) has it, and anyone else is
 * not a collaborator (404). `permission` is GitHub's older scale: triage reads as `read`.
 */
export const getCollaboratorPermission: RepoHandler = (ctx) => {
  const login = ctx.params.username ?? "";
  const role = roleOf(ctx.repo, login);
  if (role === null) return notFound(ctx.docs);
  const user = ctx.state.user(login);
  const permission = role === "triage" ? "read" : role;
  const push = role === "admin" || role === "write";
  return json(200, {
    permission,
    role_name: role,
    user: { ...userJson(user, ctx.urls), permissions: { admin: role === "admin", push, pull: true } },
  });
};

function roleOf(repo: RepoState, login: string): "admin" | "write" | "triage" | "read" | null {
  if (login.toLowerCase() === repo.owner.login.toLowerCase()) return "admin";
  if (login.endsWith("[bot]")) return null;
  if (repo.collaborators.has(login.toLowerCase())) return "write";
  return repo.roles?.get(login.toLowerCase()) ?? null;
}

/** GitHub's `author_association` of a user with this repository. */
export function authorAssociation(repo: RepoState, user: SimUser): string {
  if (user.login.toLowerCase() === repo.owner.login.toLowerCase()) return "OWNER";
  if (user.type === "User" && repo.collaborators.has(user.login.toLowerCase())) return "COLLABORATOR";
  return "NONE";
}

/**
 * Who sends a request: the app (the simulator's actor), unless a test names another user with the
 * `x-sim-actor` header (`login` or `login;Bot`), to act as a person or another app would.
 */
export function requestActor(ctx: RouteContext): SimUser {
  const named = ctx.headers["x-sim-actor"];
  if (!named) return ctx.state.actor;
  const [login, type] = named.split(";");
  return ctx.state.user(login!, type === "Bot" ? "Bot" : "User");
}
