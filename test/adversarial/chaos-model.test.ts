import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "../app/app-harness.js";
import { issueStatePayload, pushPayload } from "../app/webhook-payloads.js";

/**
 * The model test under fire: deliveries overlap (nothing waits for the previous one), some are
 * redelivered late or come back stale, writes fail after GitHub applied them (or before), and
 * the app restarts between jobs, losing its write-back windows. After each run, and one healing
 * push: no task has two issues, every box equals its issue's state, no human text is lost.
 */

interface ModelTask {
  id: string;
  title: string;
  checked: boolean;
}

type Command =
  | { kind: "tick" | "untick" | "retitle" | "remove" | "close" | "reopen"; pick: number }
  | { kind: "add"; title: string }
  | { kind: "redeliver"; pick: number }
  | { kind: "fault"; method: "POST" | "PATCH" | "PUT"; status: 500 | 502; applied: boolean }
  | { kind: "settle" }
  | { kind: "restart" };

const PROSE = "# Plan\n\nWritten by a human: keep every word, *emphasis* and all.\n\n";
const render = (tasks: ModelTask[]) =>
  PROSE + tasks.map((t) => `- [${t.checked ? "x" : " "}] CH-${t.id} ${t.title}\n  - note for ${t.id}\n`).join("");
/** The doc with every box masked: what must survive whoever wins a tick. */
const masked = (doc: string) => doc.replace(/^- \[[ xX]\]/gm, "- [?]");

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constantFrom("tick", "untick", "retitle", "remove"), pick: fc.nat(50) }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constantFrom("close", "reopen"), pick: fc.nat(50) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("add"), title: fc.stringMatching(/^[A-Z][a-z ]{0,12}[a-z]$/) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("redeliver"), pick: fc.nat(50) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("fault"),
      method: fc.constantFrom("POST", "PATCH", "PUT"),
      status: fc.constantFrom(500, 502),
      applied: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("settle") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("restart") }) },
) as fc.Arbitrary<Command>;

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

async function run(commands: Command[]): Promise<void> {
  const app = startApp({}, { retries: true });
  const delivered: [string, unknown][] = [];
  try {
    let next = 4;
    const tasks: ModelTask[] = [1, 2, 3].map((n) => ({ id: String(n), title: `Task ${n}`, checked: n === 3 }));
    const issueOf = (id: string) => (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === `CH-${id}`);
    const send = async (name: string, payload: unknown) => {
      delivered.push([name, payload]);
      await app.deliver(name, payload);
    };
    /** A human commits the doc as the model has it (after `pull`, so the app's ticks are kept). */
    const pushDoc = async () => {
      const { sha, before } = app.sim.commitFiles(FULL, "main", { "docs/plan.md": render(tasks) }, "Edit");
      await send("push", pushPayload({ owner: OWNER, repo: REPO }, { before, after: sha, modified: ["docs/plan.md"] }));
    };
    const setIssue = async (task: ModelTask, state: "open" | "closed") => {
      const issue = issueOf(task.id);
      if (!issue) return;
      await app.sim.handle({
        method: "PATCH",
        url: `/repos/${FULL}/issues/${issue.number}`,
        body: JSON.stringify({ state }),
      });
      const action = state === "closed" ? "closed" : "reopened";
      await send("issues", issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, issue.number), action));
    };
    /** The doc as the humans' model: boxes follow whatever the app wrote back, as a human pulling would. */
    const pull = () => {
      const current = app.sim.readFile(FULL, "main", "docs/plan.md") ?? "";
      for (const t of tasks) {
        const box = new RegExp(`^- \\[([ xX])\\] CH-${t.id} `, "m").exec(current);
        if (box) t.checked = box[1] !== " ";
      }
    };

    await pushDoc();
    await app.idle();
    for (const c of commands) {
      const task = tasks.length && "pick" in c ? tasks[c.pick % tasks.length] : undefined;
      switch (c.kind) {
        case "add":
          pull();
          tasks.push({ id: String(next++), title: c.title, checked: false });
          await pushDoc();
          break;
        case "tick":
        case "untick":
        case "retitle":
        case "remove":
          if (!task) break;
          pull();
          if (c.kind === "retitle") task.title = `${task.title} v2`;
          else if (c.kind === "remove") tasks.splice(tasks.indexOf(task), 1);
          else task.checked = c.kind === "tick";
          await pushDoc();
          break;
        case "close":
        case "reopen":
          if (task) await setIssue(task, c.kind === "close" ? "closed" : "open");
          break;
        case "redeliver": {
          const old = delivered[c.pick % Math.max(1, delivered.length)];
          if (old) await app.deliver(old[0], old[1]);
          break;
        }
        case "fault":
          app.sim.failNext({ method: c.method, status: c.status, applied: c.applied });
          break;
        case "settle":
          await app.idle();
          break;
        case "restart":
          await app.restart();
          break;
      }
      await tick();
    }

    // Heal: faults stop, everything queued finishes, one more human push (the drift sweep).
    app.sim.clearFaults();
    await app.idle();
    pull();
    await pushDoc();
    await app.idle();
    await pushDoc();
    await app.idle();

    const doc = app.sim.readFile(FULL, "main", "docs/plan.md")!;
    expect(masked(doc)).toBe(masked(render(tasks)));
    // Never a second issue, not even one closed later as a duplicate: every issue is managed, once.
    const all = (app.sim.issues(FULL) as any[]).filter((i) => !i.pull_request);
    const ids = all.map((i) => readMarker(i.body)?.id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of tasks) {
      const box = new RegExp(`^- \\[([ xX])\\] CH-${t.id} `, "m").exec(doc)!;
      expect(issueOf(t.id)).toMatchObject({
        state: box[1] === " " ? "open" : "closed",
        title: `CH-${t.id}: ${t.title}`,
      });
    }
    expect(app.sim.violations).toEqual([]);
  } finally {
    app.stop();
  }
}

/** Runs and fault mix, reported in the resolving note. */
export const CHAOS_RUNS = Number(process.env.CHAOS_RUNS ?? 40);

describe("model-based, concurrent and faulty", () => {
  it("keeps one issue per task, boxes equal to issues, and every human word", async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 14 }), run), {
      numRuns: CHAOS_RUNS,
    });
  }, 600_000);
});
