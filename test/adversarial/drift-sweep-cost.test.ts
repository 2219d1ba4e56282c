import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

/**
 * Issue #20: the drift sweep (the sync's list of write-backs owed) costs nothing when nothing
 * drifted, and never re-queues a write-back that cannot change the doc.
 */

let app: TestApp;
checkAfterEach(() => app);

const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] DC-1 First\n- **DC-2:** A story without a box\n- [ ] DC-3 Third\n";
/** A push that changes no task (a plan path, so the sync runs): it reads, and has nothing to do. */
const NOTES = "docs/notes.md";
const NOTHING = { [NOTES]: "Some notes that are no task.\n" };

const requests = () => app.sim.requests.map((r) => `${r.method} ${r.path}`);
const writes = () => app.sim.writes().map((r) => `${r.method} ${r.path}`);

async function closeOnGitHub(id: string) {
  const number = issueOfTask(app, id).number as number;
  await app.sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${number}`,
    body: JSON.stringify({ state: "closed" }),
  });
  await app.receive("issues", issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, number), "closed"));
  return number;
}

/**
 * The requests of a sync that has nothing to do (it posts no check run then): no write-back is
 * queued, so there are no others.
 */
const syncOnly = (config: boolean) => [
  `GET /repos/${FULL}/contents/.github/plansync.yml`,
  ...(config ? [] : [`GET /repos/${OWNER}/.github/contents/.github/plansync.yml`]),
  `GET /repos/${FULL}/git/ref/heads/main`,
  `GET /repos/${FULL}/issues`,
  `GET /repos/${FULL}/milestones`,
  `GET /repos/${FULL}/contents/${NOTES}`,
];

describe("the drift sweep on a push", () => {
  it("costs no request when nothing drifted", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    await app.push(NOTHING);
    expect(requests()).toEqual(syncOnly(false));
  });

  it("queues nothing for a box-less story closed on GitHub when insertCheckbox is off", async () => {
    app = startApp({ ".github/plansync.yml": "writeBack:\n  insertCheckbox: false\n" });
    await app.push({ [PATH]: PLAN });
    const number = await closeOnGitHub("DC-2");
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN);
    // The sync reads the story's file: it sees no box, and owes it nothing.
    await app.push({ [PATH]: `${PLAN}\nA paragraph that is no task.\n` });
    expect(requests()).toEqual(syncOnly(true).map((r) => r.replace(NOTES, PATH)));
    // A sync that does not read it cannot know: its write-back reads, and writes nothing.
    await app.push(NOTHING);
    expect(writes()).toEqual([]);
    expect(app.sim.issue(FULL, number)!.state).toBe("closed");
  });

  it("writes nothing while the checkbox pull request already proposes the change", async () => {
    app = startApp({ ".github/plansync.yml": "writeBack:\n  mode: pull-request\n" });
    await app.push({ [PATH]: PLAN });
    await closeOnGitHub("DC-1");
    const proposed = app.sim.readFile(FULL, "plansync/checkboxes", PATH);
    expect(proposed).toBe(PLAN.replace("- [ ] DC-1", "- [x] DC-1"));
    const branchHead = app.sim.headSha(FULL, "plansync/checkboxes");
    await app.push(NOTHING);
    // The write-back the sync queued only reads: the pull request already carries the tick.
    expect(writes()).toEqual([]);
    expect(app.sim.headSha(FULL, "plansync/checkboxes")).toBe(branchHead);
    expect(readMarker(issueOfTask(app, "DC-1").body)!.state).toBe("open");
  });

  it("writes nothing while the checkbox pull request for a protected branch already proposes the change", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    app.sim.protectBranch(FULL, "main");
    await closeOnGitHub("DC-1");
    expect(app.sim.readFile(FULL, "plansync/checkboxes", PATH)).toBe(PLAN.replace("- [ ] DC-1", "- [x] DC-1"));
    await app.push(NOTHING);
    expect(writes()).toEqual([]);
  });

  it("still proposes a change the pull request does not carry yet", async () => {
    app = startApp({ ".github/plansync.yml": "writeBack:\n  mode: pull-request\n" });
    await app.push({ [PATH]: PLAN });
    await closeOnGitHub("DC-1");
    await closeOnGitHub("DC-3");
    expect(app.sim.readFile(FULL, "plansync/checkboxes", PATH)).toBe(
      PLAN.replace("- [ ] DC-1", "- [x] DC-1").replace("- [ ] DC-3", "- [x] DC-3"),
    );
  });
});
