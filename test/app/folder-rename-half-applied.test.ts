import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { startInProcessApp } from "./in-process-app.js";
import { pushChanges, repoIssues, writeLines } from "./repo-under-test.js";

const OWNER = "octo";
const REPO = "plans";
let app: ReturnType<typeof startInProcessApp>;
afterEach(async () => {
  await app?.stop();
});

const issues = () => repoIssues(app);
const writes = () => writeLines(app);

const push = (changes: Record<string, string | null>) => pushChanges(app, changes);

const OLD = "specs/003-photos/tasks.md";
const NEW = "specs/003-photo-albums/tasks.md";
const FEATURE =
  "## Phase 1\n\n- [ ] T001 Create the album model\n- [ ] T002 Upload photos\n- [ ] T003 Share an album\n";

describe("a folder rename whose sync fails part-way, then is redelivered", () => {
  it("keeps one issue per task: the retry finishes the move instead of removing and re-creating", async () => {
    app = startInProcessApp({ owner: OWNER, repo: REPO });
    await push({ [OLD]: FEATURE });
    const numbers = issues().map((i) => i.number);
    expect(numbers).toHaveLength(3);

    // GitHub refuses every update of the second issue for a while (an outage, a 5xx storm): the
    // first issue is retitled to the new folder, the second is not. The backend retries the job.
    app.sim.failNext({ method: "PATCH", pathIncludes: `/issues/${numbers[1]}`, status: 500, times: 12 });
    const rename = await push({ [OLD]: null, [NEW]: FEATURE });
    app.sim.clearFaults();
    // GitHub recovers; the push is redelivered.
    await app.receive("push", rename);
    await app.idle();

    const created = writes().filter((w) => w === `POST /repos/${app.FULL}/issues`);
    const commented = writes().filter((w) => w.endsWith("/comments"));
    // Before the fix: the job's own retry already sees a half-moved folder, so T002 and T003 get second
    // issues (#4, #5) and #2, #3 are closed "not planned" with a "removed" comment each.
    expect(issues().map((i) => i.number)).toEqual(numbers);
    expect(created).toEqual([]);
    expect(commented).toEqual([]);
    expect(issues().map((i) => [i.number, i.state])).toEqual(numbers.map((n) => [n, "open"]));
    expect(issues().map((i) => readMarker(i.body)!.file)).toEqual([NEW, NEW, NEW]);
  });
});
