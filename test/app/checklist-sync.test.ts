import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { FULL, OWNER, REPO, startApp } from "./app-harness.js";
import { issueEditedPayload } from "./webhook-payloads.js";

const target = { owner: OWNER, repo: REPO };
const PATH = "docs/plan.md";
const PLAN = "- [ ] CL-1 Ship the export\n  - [ ] write **tests**\n  - [ ] update docs\n- [ ] CL-2 Other\n";

let app: ReturnType<typeof startApp>;
afterEach(() => {
  app?.stop();
  expect(app.sim.violations).toEqual([]);
  expect(app.errors).toEqual([]);
});

const issueOf = (id: string) => (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === id);

/** A person ticks a checklist item in the issue body on GitHub; the webhook follows. */
async function editIssueBody(id: string, edit: (body: string) => string) {
  const issue = issueOf(id);
  const body = edit(issue.body);
  await app.sim.handle({
    method: "PATCH",
    url: `/repos/${FULL}/issues/${issue.number}`,
    body: JSON.stringify({ body }),
  });
  app.sim.resetLog();
  await app.receive("issues", issueEditedPayload(target, app.sim.issue(FULL, issue.number), issue.body));
}

describe("issue checklists", () => {
  it("ticking an item in the issue ticks it in the doc, and the app's push then writes nothing", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    await editIssueBody("CL-1", (body) => body.replace("- [ ] update docs", "- [x] update docs"));
    const ticked = PLAN.replace("- [ ] update docs", "- [x] update docs");
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(ticked);
    app.sim.resetLog();
    await app.push({ [PATH]: ticked }, { sender: { login: "plansync[bot]", type: "Bot" } });
    expect(app.sim.writes()).toEqual([]);
  });

  it("ticking an item in the doc updates the issue body on push", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    await app.push({ [PATH]: PLAN.replace("- [ ] write **tests**", "- [x] write **tests**") });
    expect(issueOf("CL-1").body).toContain("- [x] write **tests**");
    expect(issueOf("CL-1").state).toBe("open");
  });

  it("costs no API call for an edit that leaves the ticks alone", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    await editIssueBody("CL-1", (body) => `Context from a human.\n\n${body}`);
    expect(app.sim.requests).toEqual([]);
    expect(app.sim.readFile(FULL, "main", PATH)).toBe(PLAN);
  });
});
