import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { startInProcessApp } from "./in-process-app.js";
import { pushChanges, repoIssues, writeLines } from "./repo-under-test.js";
import { issueStatePayload } from "./webhook-payloads.js";

const OWNER = "octo";
const REPO = "plans";
let app: ReturnType<typeof startInProcessApp>;
afterEach(async () => {
  await app?.stop();
  expect(app.sim.violations).toEqual([]);
});

const issues = () => repoIssues(app);
const writes = () => writeLines(app);
const creates = () => writes().filter((w) => w === `POST /repos/${app.FULL}/issues`);
const comments = () => writes().filter((w) => w.endsWith("/comments"));

const push = (changes: Record<string, string | null>) => pushChanges(app, changes);

const LIVE = "openspec/changes/add-login/tasks.md";
const ARCHIVED = "openspec/changes/archive/2026-12-01-add-login/tasks.md";
const change = (box: " " | "x") => `## 1. Login form
- [${box}] 1.1 Add the form
- [${box}] 1.2 Check the password

## 2. Tests
- [${box}] 2.1 Unit tests
- [${box}] 2.2 Integration tests
`;
const FEATURE = "## Phase 1\n\n- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n";

describe("a feature that moves keeps its issues", () => {
  it("archiving an OpenSpec change closes its issues as completed and creates nothing", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push({ [LIVE]: change(" ") });
    const numbers = issues().map((i) => i.number);
    expect(numbers).toHaveLength(4);
    expect(issues()[0].title).toBe("1.1 (add-login): Add the form");

    const archive = await push({ [LIVE]: null, [ARCHIVED]: change("x") });
    expect(creates()).toEqual([]);
    expect(comments()).toEqual([]);
    expect(writes().filter((w) => w.startsWith("PATCH /repos/octo/plans/issues/"))).toHaveLength(4);
    expect(issues().map((i) => i.number)).toEqual(numbers);
    for (const issue of issues()) {
      expect(issue.state).toBe("closed");
      expect(issue.state_reason).toBe("completed");
      expect(readMarker(issue.body)).toMatchObject({ file: ARCHIVED, state: "closed" });
    }
    expect(issues().map((i) => i.title)).toContain("1.1 (2026-12-01-add-login): Add the form");

    app.sim.resetLog();
    await app.receive("push", archive);
    await app.idle();
    expect(app.sim.writes()).toEqual([]);
  });

  it("an archived change's open tasks stay open and synced, and a close writes back to the archived file", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push({ [LIVE]: change(" ") });
    const half = change(" ").replace("- [ ] 1.1", "- [x] 1.1").replace("- [ ] 1.2", "- [x] 1.2");
    await push({ [LIVE]: null, [ARCHIVED]: half });
    expect(creates()).toEqual([]);
    expect(comments()).toEqual([]);
    expect(issues().map((i) => [i.title, i.state, readMarker(i.body)!.file])).toEqual([
      ["1.1 (2026-12-01-add-login): Add the form", "closed", ARCHIVED],
      ["1.2 (2026-12-01-add-login): Check the password", "closed", ARCHIVED],
      ["2.1 (2026-12-01-add-login): Unit tests", "open", ARCHIVED],
      ["2.2 (2026-12-01-add-login): Integration tests", "open", ARCHIVED],
    ]);

    const number = issues()[2].number;
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${app.FULL}/issues/${number}`,
      body: JSON.stringify({ state: "closed" }),
    });
    await app.receive(
      "issues",
      issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(app.FULL, number), "closed"),
    );
    await app.idle();
    expect(app.sim.readFile(app.FULL, "main", ARCHIVED)).toBe(half.replace("- [ ] 2.1", "- [x] 2.1"));
    expect(app.sim.readFile(app.FULL, "main", LIVE)).toBeUndefined();
  });

  it("renaming a spec-kit feature folder keeps its issues and retitles them", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push({ "specs/003-photos/tasks.md": FEATURE });
    const numbers = issues().map((i) => i.number);
    await push({ "specs/003-photos/tasks.md": null, "specs/003-photo-albums/tasks.md": FEATURE });
    expect(creates()).toEqual([]);
    expect(comments()).toEqual([]);
    expect(issues().map((i) => [i.number, i.title, i.state])).toEqual([
      [numbers[0], "T001 (003-photo-albums): Create the album model", "open"],
      [numbers[1], "T002 (003-photo-albums): Upload photos", "open"],
    ]);
    expect(issues().map((i) => readMarker(i.body)!.file)).toEqual([
      "specs/003-photo-albums/tasks.md",
      "specs/003-photo-albums/tasks.md",
    ]);
  });

  it("an ambiguous rename is a removal and a creation, as before", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    await push({ "specs/003-photos/tasks.md": FEATURE, "specs/004-pictures/tasks.md": FEATURE });
    const old = issues().map((i) => i.number);
    expect(old).toHaveLength(4);
    await push({
      "specs/003-photos/tasks.md": null,
      "specs/004-pictures/tasks.md": null,
      "specs/009-albums/tasks.md": FEATURE,
    });
    expect(creates()).toHaveLength(2);
    const fresh = issues().filter((i) => !old.includes(i.number));
    expect(fresh.map((i) => i.title)).toEqual([
      "T001 (009-albums): Create the album model",
      "T002 (009-albums): Upload photos",
    ]);
    expect(
      issues()
        .filter((i) => old.includes(i.number))
        .map((i) => [i.state, i.state_reason]),
    ).toEqual([
      ["closed", "not_planned"],
      ["closed", "not_planned"],
      ["closed", "not_planned"],
      ["closed", "not_planned"],
    ]);
  });
});
