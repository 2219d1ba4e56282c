import { execFileSync } from "node:child_process";
import type { GitObject, GitPerson } from "../sim/git-objects.js";
import type { GitHubSim } from "../sim/github-sim.js";
import type { SimState } from "../sim/sim-state.js";

/**
 * A real git checkout of a simulated branch, as `git clone` would make it: the simulator keeps
 * real git objects, so writing the same bytes into a local repository gives the same shas, and
 * the CLI's `git rev-parse HEAD` names the simulator's commit. Returns the head checked out.
 */
export function checkoutFromSim(sim: GitHubSim, ownerRepo: string, branch: string, dir: string): string {
  const store = (sim as unknown as { state: SimState }).state.requireRepo(ownerRepo).git;
  const head = sim.headSha(ownerRepo, branch);
  const git = (args: string[], input?: Buffer) =>
    execFileSync("git", args, { cwd: dir, input, stdio: ["pipe", "pipe", "ignore"] })
      .toString()
      .trim();
  git(["init", "-q", "-b", branch]);
  const written = new Set<string>();
  const write = (sha: string): void => {
    if (written.has(sha)) return;
    written.add(sha);
    const object = store.get(sha);
    if (!object) throw new Error(`sim-checkout: ${ownerRepo} has no object ${sha}`);
    for (const child of children(object)) write(child);
    const made = git(["hash-object", "-t", object.type, "-w", "--stdin"], payload(object));
    if (made !== sha) throw new Error(`sim-checkout: git made ${made} of the simulator's ${object.type} ${sha}`);
  };
  write(head);
  git(["update-ref", `refs/heads/${branch}`, head]);
  git(["reset", "-q", "--hard", head]);
  return head;
}

function children(object: GitObject): string[] {
  if (object.type === "commit") return [object.tree, ...object.parents];
  if (object.type === "tree") return object.entries.filter((e) => e.type !== "commit").map((e) => e.sha);
  return [];
}

/** The object's bytes as git stores them (git-objects.ts encodes the same way). */
function payload(object: GitObject): Buffer {
  if (object.type === "blob") return object.content;
  if (object.type === "tree")
    return Buffer.concat(
      object.entries.flatMap((e) => [
        Buffer.from(`${e.mode.replace(/^0+/, "")} ${e.name}\0`),
        Buffer.from(e.sha, "hex"),
      ]),
    );
  const lines = [`tree ${object.tree}`, ...object.parents.map((p) => `parent ${p}`)];
  lines.push(`author ${signature(object.author)}`, `committer ${signature(object.committer)}`);
  return Buffer.from(`${lines.join("\n")}\n\n${object.message}`);
}

function signature(person: GitPerson): string {
  return `${person.name} <${person.email}> ${Math.floor(Date.parse(person.date) / 1000)} +0000`;
}
