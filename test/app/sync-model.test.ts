import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "./app-harness.js";
import { issueStatePayload, pushPayload } from "./webhook-payloads.js";

/** The model: what the doc should say. Write-backs only flip boxes, so it renders the whole doc. */
interface ModelTask {
  id: string;
  title: string;
  checked: boolean;
}

type Command =
  | { kind: "tick" | "untick" | "retitle" | "remove" | "close" | "reopen"; pick: number }
  | { kind: "add"; title: string };

const PROSE = "# Plan\n\nWritten by a human: keep every word, *emphasis* and all.\n\n";
const render = (tasks: ModelTask[]) =>
  PROSE + tasks.map((t) => `- [${t.checked ? "x" : " "}] MB-${t.id} ${t.title}\n  - note for ${t.id}\n`).join("");

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constantFrom("tick", "untick", "retitle", "remove", "close", "reopen"), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant("add"), title: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}[a-z]$/) }),
) as fc.Arbitrary<Command>;

/** Runs one random interleaving of doc edits and issue events through the real app and simulator. */
async function run(commands: Command[]): Promise<void> {
  const app = startApp({});
  try {
    let next = 4;
    const tasks: ModelTask[] = [1, 2, 3].map((n) => ({ id: String(n), title: `Task ${n}`, checked: n === 3 }));
    const issueOf = (id: string) => (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === `MB-${id}`);

    const pushDoc = async () => {
      const { sha, before } = app.sim.commitFiles(FULL, "main", { "docs/plan.md": render(tasks) }, "Edit");
      await app.receive(
        "push",
        pushPayload({ owner: OWNER, repo: REPO }, { before, after: sha, modified: ["docs/plan.md"] }),
      );
    };
    const setIssue = async (task: ModelTask, state: "open" | "closed") => {
      const issue = issueOf(task.id);
      await app.sim.handle({
        method: "PATCH",
        url: `/repos/${FULL}/issues/${issue.number}`,
        body: JSON.stringify({ state }),
      });
      const payload = issueStatePayload(
        { owner: OWNER, repo: REPO },
        app.sim.issue(FULL, issue.number),
        state === "closed" ? "closed" : "reopened",
      );
      await app.receive("issues", payload);
      task.checked = state === "closed";
    };

    await pushDoc();
    for (const c of commands) {
      const task = tasks.length ? tasks[("pick" in c ? c.pick : 0) % tasks.length]! : undefined;
      if (c.kind === "add") tasks.push({ id: String(next++), title: c.title, checked: false });
      else if (!task) continue;
      else if (c.kind === "tick" || c.kind === "untick") task.checked = c.kind === "tick";
      else if (c.kind === "retitle") task.title = `${task.title} v2`;
      else if (c.kind === "remove") tasks.splice(tasks.indexOf(task), 1);
      else {
        await setIssue(task, c.kind === "close" ? "closed" : "open");
        continue;
      }
      await pushDoc();
    }

    // No human text lost: the doc is exactly the model, box states included.
    expect(app.sim.readFile(FULL, "main", "docs/plan.md")).toBe(render(tasks));
    // No duplicate issue, and every task's box equals its issue's state.
    const ids = (app.sim.issues(FULL) as any[]).map((i) => readMarker(i.body)!.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of tasks) {
      expect(issueOf(t.id)).toMatchObject({ state: t.checked ? "closed" : "open", title: `MB-${t.id}: ${t.title}` });
    }
    expect(app.sim.violations).toEqual([]);
    expect(app.errors).toEqual([]);
  } finally {
    app.stop();
  }
}

describe("model-based: random doc edits and issue events keep docs and issues in step", () => {
  it("holds for random interleavings", async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), run), { numRuns: 15 });
  }, 180_000);
});
