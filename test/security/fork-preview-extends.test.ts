import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { pullRequestPayload } from "../app/webhook-payloads.js";

const target = { owner: OWNER, repo: REPO };
const PLAN = "# Plan\n\n- [ ] FK-1 First\n- [ ] FK-2 Second\n";
/** A private repository of the same installation, whose config keys are nobody else's business. */
const PRIVATE = "private-config";
const PRIVATE_CONFIG = "secretProjectCodename: bluebird\nacquisitionTarget: initech\n";

let app: TestApp;
checkAfterEach(() => app);

async function start() {
  app = startApp({});
  app.sim.addRepo({ owner: OWNER, repo: PRIVATE, private: true, files: { ".github/plansync.yml": PRIVATE_CONFIG } });
  app.sim.addRepo({ owner: OWNER, repo: ".github", files: { ".github/plansync.yml": "adopt: false\n" } });
  await app.push({ "docs/plan.md": PLAN });
}

/** A pull request adding FK-3, and the config when given, from a fork or from a branch of the repository. */
async function openPull(config: string | null, fork?: string) {
  const changes = {
    "docs/plan.md": `${PLAN}- [ ] FK-3 Third\n`,
    ...(config !== null && { ".github/plansync.yml": config }),
  };
  const pr = app.sim.openPullRequest(FULL, { branch: "plan-change", changes, fork });
  const payload = pullRequestPayload(target, {
    action: "opened",
    number: pr.number,
    headSha: pr.headSha,
    headRef: "plan-change",
    fork,
  });
  app.sim.resetLog();
  await app.receive("pull_request", payload);
  const run = app.sim.checkRuns(FULL).find((r) => r.name === "plansync preview" && r.headSha === pr.headSha);
  const shown = [run?.output.title, run?.output.summary, run?.output.text].join("\n");
  return { run, shown };
}

/** Every repository the preview read from, as `owner/name`. */
const reposRead = () => [...new Set(app.sim.reads().map((r) => r.path.split("/").slice(2, 4).join("/")))];

describe("a fork's pull request naming another repository in _extends", () => {
  it("reads nothing outside the base repository, and the check run says _extends was ignored", async () => {
    await start();
    const { run, shown } = await openPull(`_extends: ${PRIVATE}\nadopt: false\n`, "outsider");
    expect(reposRead()).toEqual([FULL]);
    expect(run!.conclusion).toBe("success");
    expect(run!.output.title).toBe("Merging would create 1 issue");
    expect(run!.output.summary).toContain("`_extends` was ignored");
    expect(shown).not.toContain("secretProjectCodename");
    expect(shown).not.toContain(PRIVATE);
  });

  it("validates the fork's own file only: errors never echo another repository's keys", async () => {
    await start();
    const { run, shown } = await openPull(`_extends: ${PRIVATE}\nlabls: {}\n`, "outsider");
    expect(reposRead()).toEqual([FULL]);
    expect(run!.conclusion).toBe("failure");
    expect(run!.output.summary).toContain("(top level): unknown key labls");
    expect(run!.output.summary).toContain("`_extends` was ignored");
    expect(shown).not.toContain("secretProjectCodename");
    expect(shown).not.toContain("acquisitionTarget");
  });

  it("without a config of its own, falls back to nothing outside the repository either", async () => {
    await start();
    const { run } = await openPull(null, "outsider");
    expect(reposRead()).toEqual([FULL]);
    expect(run!.output.title).toBe("Merging would create 1 issue");
  });
});

describe("a pull request from a branch of the repository", () => {
  it("still follows _extends, as a push would", async () => {
    await start();
    const { run } = await openPull(`_extends: ${PRIVATE}\n`);
    expect(reposRead()).toContain(`${OWNER}/${PRIVATE}`);
    expect(run!.conclusion).toBe("failure");
    expect(run!.output.summary).not.toContain("`_extends` was ignored");
  });
});
