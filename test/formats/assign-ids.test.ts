import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { pushPayload } from "../app/webhook-payloads.js";

const PATH = "docs/invoice-export.md";
const source = readFileSync(new URL("../../fixtures/plans/milestone-no-ids.md", import.meta.url), "utf8");

let app: TestApp | undefined;
checkAfterEach(() => app);

const ids = () => (app!.sim.issues(FULL) as any[]).map((i) => readMarker(i.body)!.id).sort();

describe("ids.assign: the app numbers ID-less tasks", () => {
  it("commits the IDs once, syncs the new tasks, and its own push comes back with zero writes", async () => {
    app = startApp({ ".github/plansync.yml": "ids:\n  assign: true\n" });
    const before = app.sim.headSha(FULL, "main");
    await app.push({ [PATH]: source });
    const commits = app.sim.writes().filter((r) => r.method === "PUT" && r.path.includes("/contents/"));
    expect(commits).toHaveLength(1);
    const after = app.sim.readFile(FULL, "main", PATH)!;
    expect(["BILL-1", "BILL-2", "BILL-3", "BILL-4", "BILL-5"].reduce((t, id) => t.replace(`${id} `, ""), after)).toBe(
      source,
    );
    expect(ids()).toEqual(["BILL-1", "BILL-2", "BILL-3", "BILL-4", "BILL-5"]);
    expect(app.sim.headSha(FULL, "main")).not.toBe(before);

    app.sim.resetLog();
    await app.receive(
      "push",
      pushPayload(
        { owner: OWNER, repo: REPO },
        {
          before: "0".repeat(40),
          after: app.sim.headSha(FULL, "main"),
          modified: [PATH],
          sender: { login: "plansync[bot]", type: "Bot" },
        },
      ),
    );
    expect(app.sim.writes()).toEqual([]);
  });

  it("leaves docs alone when ids.assign is off, and says in one line how to number them", async () => {
    app = startApp({});
    await app.push({ [PATH]: source });
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(source);
    expect(ids()).toEqual([]);
    const run = app.sim.checkRuns(FULL).at(-1)!;
    expect(run.output.summary).toContain(
      "- `docs/invoice-export.md`: 5 checkbox items in task sections have no task ID, so plansync does not track them. Run `plansync ids <file>` to number them, or set `ids.assign: true` in .github/plansync.yml.",
    );
  });
});
