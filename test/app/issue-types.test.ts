import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "./app-harness.js";
import { issueStatePayload, pushPayload } from "./webhook-payloads.js";

/**
 * Issue types end to end: stories are Tasks and epics Epics, set in the create itself; a human's
 * change of type stands; a config change of name retypes what plansync typed; a user's
 * repository and an organisation without the type get one check-run line; the steady state
 * (redelivery, markers from before types) reads no types and writes nothing.
 */

const EPICS = readFileSync(new URL("../../fixtures/plans/epic-breakdown.md", import.meta.url), "utf8");
const PATH = "docs/epics.md";
const CONFIG = ".github/plansync.yml";
const EPIC_IDS = ["Epic 0", "Epic 1", "Epic 2", "Epic 3", "Epic 4"];
const STORY_IDS = [
  ...["BE-001", "BE-002", "BE-003", "BE-101", "BE-102", "BE-201", "BE-202"],
  ...["BE-301", "BE-302", "BE-303", "BE-401", "BE-402"],
];

let app: TestApp | undefined;
checkAfterEach(() => app);

/** An app whose repository is an organisation's, with these issue types. */
function orgApp(types: readonly string[] | null, files: Record<string, string> = {}) {
  const made = startApp(files, { ownerType: "Organization" });
  if (types) made.sim.setIssueTypes(OWNER, types);
  return made;
}

const typeOf = (id: string): string | null => issueOfTask(app!, id).type?.name ?? null;
const typesOf = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, typeOf(id)]));
const all = (ids: readonly string[], type: string | null) => Object.fromEntries(ids.map((id) => [id, type]));
const count = (ids: (string | null)[]) => {
  const counts: Record<string, number> = {};
  for (const id of ids) counts[id ?? "?"] = (counts[id ?? "?"] ?? 0) + 1;
  return counts;
};
const writes = () => count(app!.sim.writes().map((w) => w.operationId));
const typeQueries = () =>
  app!.sim.reads().filter((r) => JSON.stringify(r.body ?? "").includes("PlansyncIssueTypes")).length;
const writesTo = (number: number) => app!.sim.writes().filter((w) => new RegExp(`/issues/${number}(/|$)`).test(w.path));
const typeLines = () => {
  const run = app!.sim.checkRuns(FULL).at(-1)!;
  return `${run.output.summary ?? ""}\n${run.output.text ?? ""}`.split("\n").filter((l) => l.includes("Issue types:"));
};

async function redeliver(payload: unknown) {
  app!.sim.resetLog();
  await app!.receive("push", payload);
  expect(app!.sim.writes()).toEqual([]);
  expect(typeQueries()).toBe(0);
}

describe("issue types", () => {
  it("types stories Task and epics Epic in the create itself: the same writes as without types", async () => {
    app = orgApp(["Task", "Bug", "Feature", "Epic"], { [CONFIG]: "types: false\n" });
    await app.push({ [PATH]: EPICS });
    const untyped = writes();
    expect(typesOf([...EPIC_IDS, ...STORY_IDS])).toEqual(all([...EPIC_IDS, ...STORY_IDS], null));
    app.stop();

    app = orgApp(["Task", "Bug", "Feature", "Epic"]);
    const payload = await app.push({ [PATH]: EPICS });
    expect(typesOf(STORY_IDS)).toEqual(all(STORY_IDS, "Task"));
    expect(typesOf(EPIC_IDS)).toEqual(all(EPIC_IDS, "Epic"));
    expect(writes()).toEqual(untyped);
    expect(writes()["graphql:mutation:createIssue"]).toBe(17);
    expect(typeQueries()).toBe(1);
    expect(readMarker(issueOfTask(app, "BE-001").body)?.type).toBe("Task");
    expect(readMarker(issueOfTask(app, "Epic 0").body)?.type).toBe("Epic");
    expect(typeLines()).toEqual([]);
    await redeliver(payload);
  });

  it("leaves a human's Bug alone on an unrelated push", async () => {
    app = orgApp(["Task", "Bug", "Feature", "Epic"]);
    await app.push({ [PATH]: EPICS });
    const be001 = issueOfTask(app, "BE-001").number as number;
    app.sim.setIssueType(FULL, be001, "Bug");
    // Details only: a title would also change its epic's picture.
    const other = EPICS.replace("Hexagonal layout:", "Hexagonal (ports and adapters) layout:");
    await app.push({ [PATH]: other });
    expect(writes()).toEqual({ "issues/update": 1, "checks/create": 1 });
    expect(writesTo(be001)).toEqual([]);
    expect(typeOf("BE-001")).toBe("Bug");
    expect(typeOf("BE-002")).toBe("Task");
    // Its own text changing moves it neither: the PATCH carries the text, not a type.
    await app.push({ [PATH]: other.replace("Gradle version catalog", "Gradle version catalogue") });
    expect(writesTo(be001).map((w) => w.operationId)).toEqual(["issues/update"]);
    expect(writesTo(be001)[0]!.body).not.toHaveProperty("type");
    expect(typeOf("BE-001")).toBe("Bug");
  });

  it("a config change of types.task retypes plansync's stories in one PATCH each, a human's type stays", async () => {
    app = orgApp(["Task", "Bug", "Feature", "Epic"]);
    await app.push({ [PATH]: EPICS });
    const be101 = issueOfTask(app, "BE-101").number as number;
    app.sim.setIssueType(FULL, be101, "Bug");
    const payload = await app.push({ [CONFIG]: "types:\n  task: Feature\n" });
    expect(writes()).toEqual({ "issues/update": STORY_IDS.length - 1, "checks/create": 1 });
    expect(writesTo(be101)).toEqual([]);
    for (const write of app.sim.writes().filter((w) => w.operationId === "issues/update"))
      expect(write.body).toMatchObject({ type: "Feature" });
    expect(typesOf(STORY_IDS)).toEqual({ ...all(STORY_IDS, "Feature"), "BE-101": "Bug" });
    expect(typesOf(EPIC_IDS)).toEqual(all(EPIC_IDS, "Epic"));
    expect(readMarker(issueOfTask(app, "BE-001").body)?.type).toBe("Feature");
    await redeliver(payload);
  });

  it("a user's repository: no type set, one check-run line, no type query", async () => {
    app = startApp({});
    const payload = await app.push({ [PATH]: EPICS });
    expect(typesOf([...EPIC_IDS, ...STORY_IDS])).toEqual(all([...EPIC_IDS, ...STORY_IDS], null));
    expect(typeQueries()).toBe(0);
    expect(typeLines()).toEqual([
      expect.stringContaining(
        `Issue types: ${FULL} is owned by a user, and only organisations have issue types; none were set.`,
      ),
    ]);
    expect(readMarker(issueOfTask(app, "BE-001").body)?.type).toBeNull();
    await redeliver(payload);
  });

  it("an organisation without an Epic type: stories typed, epics not, one line", async () => {
    app = orgApp(null);
    const payload = await app.push({ [PATH]: EPICS });
    expect(typesOf(STORY_IDS)).toEqual(all(STORY_IDS, "Task"));
    expect(typesOf(EPIC_IDS)).toEqual(all(EPIC_IDS, null));
    expect(typeQueries()).toBe(1);
    expect(typeLines()).toEqual([
      expect.stringContaining(`Issue types: ${OWNER} defines no type named Epic; epics get no type.`),
    ]);
    await redeliver(payload);
  });

  it("markers from before types: an issue already of its type costs nothing, an untyped one one PATCH", async () => {
    app = orgApp(["Task", "Bug", "Feature", "Epic"], { [CONFIG]: "types: false\n" });
    await app.push({ [PATH]: EPICS });
    // Typed by hand before plansync typed anything: its markers record no type.
    for (const id of STORY_IDS.filter((id) => id !== "BE-402"))
      app.sim.setIssueType(FULL, issueOfTask(app, id).number, "task");
    for (const id of EPIC_IDS) app.sim.setIssueType(FULL, issueOfTask(app, id).number, "Epic");
    expect(readMarker(issueOfTask(app, "BE-001").body)).not.toHaveProperty("type");

    // Types on for the stories only: every story but BE-402 already has its type.
    const onlyTasks = await app.push({ [CONFIG]: "types:\n  epic: null\n" });
    expect(typeQueries()).toBe(1);
    const be402 = issueOfTask(app, "BE-402").number as number;
    expect(writes()).toEqual({ "issues/update": 1, "checks/create": 1 });
    expect(writesTo(be402).map((w) => w.body)).toEqual([expect.objectContaining({ type: "Task" })]);
    expect(typeOf("BE-402")).toBe("Task");
    expect(readMarker(issueOfTask(app, "BE-402").body)?.type).toBe("Task");
    await redeliver(onlyTasks);

    // Epics too: each already is one, so the upgrade's steady state reads and writes nothing.
    await app.push({ [CONFIG]: "types: {}\n" });
    expect(app.sim.reads().map((r) => r.operationId)).toContain("issues/list-for-repo");
    expect(typeQueries()).toBe(0);
    expect(app.sim.writes()).toEqual([]);
    expect(typesOf(EPIC_IDS)).toEqual(all(EPIC_IDS, "Epic"));
  });

  describe("a write-back's own push coming back", () => {
    const PLAN = "# Plan\n\n- [ ] TY-1 First\n- [ ] TY-2 Second\n";
    const PLAN_PATH = "docs/plan.md";
    const org = { owner: OWNER, repo: REPO, ownerType: "Organization" as const };

    /** The app's own commit delivered as GitHub sends it; `as` overrides the owner's kind it states. */
    async function ownPush(ownerType: "User" | "Organization" | undefined = "Organization") {
      app!.sim.resetLog();
      const head = app!.sim.headSha(FULL, "main");
      await app!.receive(
        "push",
        pushPayload(
          { ...org, ownerType },
          {
            before: "0".repeat(40),
            after: head,
            modified: [PLAN_PATH],
            sender: { login: "plansync[bot]", type: "Bot" },
          },
        ),
      );
    }

    async function closeWrittenBack(id: string) {
      const number = issueOfTask(app!, id).number as number;
      await app!.sim.handle({ method: "PATCH", url: `/repos/${FULL}/issues/${number}`, body: '{"state":"closed"}' });
      app!.sim.resetLog();
      await app!.receive("issues", issueStatePayload(org, app!.sim.issue(FULL, number), "closed"));
      expect(app!.sim.readFile(FULL, "main", PLAN_PATH)).toBe(PLAN.replace("- [ ] " + id, "- [x] " + id));
    }

    it("an organisation's typed issues: a close written back, then its commit pushed, makes 0 writes", async () => {
      app = orgApp(["Task", "Bug", "Epic"]);
      await app.push({ [PLAN_PATH]: PLAN });
      expect(typesOf(["TY-1", "TY-2"])).toEqual(all(["TY-1", "TY-2"], "Task"));
      await closeWrittenBack("TY-1");
      await ownPush();
      expect(app.sim.writes()).toEqual([]);
      await ownPush();
      expect(app.sim.writes()).toEqual([]);
      expect(typesOf(["TY-1", "TY-2"])).toEqual(all(["TY-1", "TY-2"], "Task"));
      expect(readMarker(issueOfTask(app, "TY-1").body)).toMatchObject({ state: "closed", type: "Task" });
    });

    it("a push that says the owner is a user (or an organisation that dropped the type) removes no type: 0 writes", async () => {
      app = orgApp(["Task", "Bug", "Epic"]);
      await app.push({ [PLAN_PATH]: PLAN });
      await closeWrittenBack("TY-2");
      // The webhook example's owner is a user: the sync believes it, and must still not untype.
      await ownPush("User");
      expect(app.sim.writes()).toEqual([]);
      app.sim.setIssueTypes(OWNER, ["Bug", "Epic"]);
      await app.push({ [PLAN_PATH]: PLAN.replace("- [ ] TY-2", "- [x] TY-2").replace("First", "First one") });
      const patches = app.sim.writes().filter((w) => w.operationId === "issues/update");
      expect(patches).toHaveLength(1);
      expect(patches[0]!.body).not.toHaveProperty("type");
      await ownPush();
      expect(app.sim.writes()).toEqual([]);
    });
  });
});
