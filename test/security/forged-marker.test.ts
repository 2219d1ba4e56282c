import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueEditedPayload, issueStatePayload } from "../app/webhook-payloads.js";

/**
 * Threat model rows "anonymous user" and "triager": a marker copied into an issue plansync did
 * not make steers nothing. Written first against the landed code, where closing the stranger's
 * issue committed `Check off FX-1` to main and the next sync closed the real FX-1.
 */
const target = { owner: OWNER, repo: REPO };
const PATH = "docs/plan.md";
const PLAN = "# Plan\n\n- [ ] FX-1 Real task\n  - [ ] first check\n  - [ ] second check\n- [ ] FX-2 Other task\n";

let app: TestApp | undefined;
checkAfterEach(() => app);

const doc = () => app!.sim.readFile(FULL, "main", PATH)!;
const commitsOnMain = () => app!.sim.commitMessages(FULL, "main");

/** A request as someone else than the app: a stranger, a collaborator, another app. */
async function as(login: string, method: string, url: string, body: unknown) {
  const response = await app!.sim.handle({
    method,
    url,
    headers: { "x-sim-actor": login },
    body: JSON.stringify(body),
  });
  return response.body as { number: number };
}

async function strangerCopiesMarker(login = "mallory", checks = "xx") {
  const real = issueOfTask(app!, "FX-1");
  const marker = real.body.slice(real.body.lastIndexOf("<!-- plansync "));
  const forged = marker.replace(/"checks":"[^"]*"/, `"checks":"${checks}"`);
  const { number } = await as(login, "POST", `/repos/${FULL}/issues`, {
    title: "FX-1: please look",
    body: `I copied this.\n\n- [x] first check\n- [x] second check\n\n${forged}`,
  });
  return number;
}

async function deliverState(number: number, state: "closed" | "open", login = "mallory") {
  await as(login, "PATCH", `/repos/${FULL}/issues/${number}`, { state });
  const payload = issueStatePayload(target, app!.sim.issue(FULL, number), state === "closed" ? "closed" : "reopened");
  app!.sim.resetLog();
  await app!.receive("issues", payload);
}

describe("a stranger's issue with a copied marker", () => {
  it("closed, reopened and edited: zero commits, zero writes, the real issue as it was", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const realBefore = issueOfTask(app, "FX-1");
    const commitsBefore = commitsOnMain();
    const number = await strangerCopiesMarker();
    expect(readMarker(app.sim.issue(FULL, number)!.body)!.id).toBe("FX-1");
    expect(app.sim.issue(FULL, number)!.author_association).toBe("NONE");

    await deliverState(number, "closed");
    expect(app.sim.writes()).toEqual([]);
    await deliverState(number, "open");
    expect(app.sim.writes()).toEqual([]);
    const before = app.sim.issue(FULL, number)!.body ?? "";
    await as("mallory", "PATCH", `/repos/${FULL}/issues/${number}`, {
      body: before.replace("- [x] first", "- [ ] first"),
    });
    app.sim.resetLog();
    await app.receive("issues", issueEditedPayload(target, app.sim.issue(FULL, number), before));
    expect(app.sim.writes()).toEqual([]);

    expect(commitsOnMain()).toEqual(commitsBefore);
    expect(doc()).toBe(PLAN);
    const realAfter = issueOfTask(app, "FX-1");
    expect(realAfter.state).toBe("open");
    expect(realAfter.body).toBe(realBefore.body);
    expect(app.sim.issue(FULL, number)!.body).toBe(before.replace("- [x] first", "- [ ] first"));
  });

  it("labelled `plansync` by a triager, is listed once as claiming, and no sync acts on it", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const number = await strangerCopiesMarker();
    await app.sim.handle({
      method: "PATCH",
      url: `/repos/${FULL}/issues/${number}`,
      body: JSON.stringify({ labels: ["plansync"] }),
    });
    await deliverState(number, "closed");
    expect(app.sim.writes()).toEqual([]);
    // A new task makes the sync look at every issue; the forged one is reported, never touched.
    await app.push({ [PATH]: `${PLAN}- [ ] FX-3 Third task\n` });
    const writes = app.sim.writes().map((w) => `${w.method} ${w.path}`);
    expect(writes.filter((w) => w.includes(`/issues/${number}`))).toEqual([]);
    expect(app.sim.issues(FULL).filter((i) => i.title.startsWith("FX-3"))).toHaveLength(1);
    const summary = app.sim.checkRuns(FULL).at(-1)!.output.summary ?? "";
    expect(summary).toContain("Issues claiming to be plansync's, ignored");
    expect(summary).toContain(`#${number} (opened by mallory) carries a marker for \`FX-1\``);
    expect(summary.split(`#${number} (opened by`)).toHaveLength(2);
    expect(issueOfTask(app, "FX-1").state).toBe("open");
    expect(doc()).toBe(`${PLAN}- [ ] FX-3 Third task\n`);
  });

  it("made by another app installed on the repository, steers nothing either", async () => {
    app = startApp({});
    await app.push({ [PATH]: PLAN });
    const number = await strangerCopiesMarker("other-app[bot];Bot");
    await deliverState(number, "closed", "other-app[bot];Bot");
    expect(app.sim.writes()).toEqual([]);
    expect(doc()).toBe(PLAN);
  });

  it("made by a person who can push, counts: adopting is theirs to do", async () => {
    app = startApp({});
    app.sim.setCollaborators(FULL, ["bob"]);
    await app.push({ [PATH]: PLAN });
    const real = issueOfTask(app, "FX-2");
    // bob closes plansync's own FX-2: the box follows, as for anyone who may close it.
    await deliverState(real.number, "closed", "bob");
    expect(doc()).toBe(PLAN.replace("- [ ] FX-2", "- [x] FX-2"));
  });
});
