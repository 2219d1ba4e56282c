// README "ID scopes": spec-kit `T` numbers restart in every feature folder, and README "Task IDs"
// lists `T046a` (spec-kit insertions) as the same kind of ID. A suffixed T-number must get the
// folder scope its siblings get; before the fix it was repository-scoped, so two features' T001a collided.
import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { startInProcessApp } from "./in-process-app.js";
import { pushChanges, repoIssues, writeLines } from "./repo-under-test.js";

let app: ReturnType<typeof startInProcessApp>;
afterEach(async () => {
  await app?.stop();
  expect(app.sim.violations).toEqual([]);
});
const issues = () => repoIssues(app);

describe("a letter-suffixed spec-kit ID is scoped to its feature folder", () => {
  it("T001a in two features is two issues, titled with their folders", async () => {
    app = startInProcessApp({ owner: "octo", repo: "plans" });
    await pushChanges(app, {
      "specs/001-albums/tasks.md":
        "# Tasks\n\n- [ ] T001 Setup\n- [ ] T001a Extra setup for albums\n- [ ] T002 Build\n",
      "specs/002-links/tasks.md": "# Tasks\n\n- [ ] T001 Setup\n- [ ] T001a Extra setup for links\n- [ ] T002 Build\n",
    });
    expect(
      issues()
        .map((i) => i.title)
        .sort(),
    ).toEqual([
      "T001 (001-albums): Setup",
      "T001 (002-links): Setup",
      "T001a (001-albums): Extra setup for albums",
      "T001a (002-links): Extra setup for links",
      "T002 (001-albums): Build",
      "T002 (002-links): Build",
    ]);
    const suffixed = issues().filter((i) => readMarker(i.body)!.id === "T001a");
    expect(suffixed.map((i) => readMarker(i.body)!.scope).sort()).toEqual(["specs/001-albums", "specs/002-links"]);
  });

  it("inserting T010a beside T010 in one feature gives it that feature's scope", async () => {
    app = startInProcessApp({ owner: "octo", repo: "plans" });
    app.sim.graphqlDisabled(); // counts REST creates: the path a GitHub without GraphQL createIssue takes
    await pushChanges(app, { "specs/003-pay/tasks.md": "- [ ] T010 Cache\n- [ ] T011 Other\n" });
    await pushChanges(app, {
      "specs/003-pay/tasks.md": "- [ ] T010 Cache\n- [ ] T010a Warm the cache\n- [ ] T011 Other\n",
    });
    expect(writeLines(app).filter((w) => w === `POST /repos/${app.FULL}/issues`)).toHaveLength(1);
    const created = issues().find((i) => readMarker(i.body)!.id === "T010a");
    expect(created.title).toBe("T010a (003-pay): Warm the cache");
    expect(readMarker(created.body)!.scope).toBe("specs/003-pay");
  });
});
