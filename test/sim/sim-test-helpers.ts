import { GitHubSim } from "./github-sim.js";
import type { SimResponse } from "./responses.js";

/** Shared setup for the simulator's own tests. */

export const REPO = "octo/plans";

/** A clock that advances one second per reading, so created/updated timestamps are distinct. */
export function tickingClock(start = "2026-03-01T10:00:00Z"): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += 1000));
}

export function newSim(
  files: Record<string, string> = { "README.md": "# Plans\n", "docs/plan.md": "- [ ] task\n" },
): GitHubSim {
  const sim = new GitHubSim({ now: tickingClock() });
  sim.addRepo({ owner: "octo", repo: "plans", files });
  return sim;
}

/** Calls the simulator directly with a JSON body; `res.body` is typed loosely for assertions. */
export async function call(
  sim: GitHubSim,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<SimResponse & { body: any }> {
  const json = body === undefined ? undefined : JSON.stringify(body);
  return sim.handle({ method, url: path, headers: { accept: "application/vnd.github+json", ...headers }, body: json });
}

export const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
export const unbase64 = (text: string) => Buffer.from(text, "base64").toString("utf8");
