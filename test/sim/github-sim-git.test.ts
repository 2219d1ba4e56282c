import { describe, expect, it } from "vitest";
import { GitStore } from "./git-objects.js";
import { REPO, base64, call, newSim, unbase64 } from "./sim-test-helpers.js";

const CONTENTS = "/repos/octo/plans/contents";
const GIT = "/repos/octo/plans/git";

describe("GitHubSim contents API", () => {
  it("returns files as base64 JSON or raw text, with slashes encoded or not", async () => {
    const sim = newSim({ ".github/plansync.yml": "prefixes: [BE]\n", "docs/plan.md": "# Plan\n" });
    const json = await call(sim, "GET", `${CONTENTS}/.github%2Fplansync.yml`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      type: "file",
      encoding: "base64",
      path: ".github/plansync.yml",
      name: "plansync.yml",
    });
    expect(unbase64(json.body.content)).toBe("prefixes: [BE]\n");
    // git hash-object of the same bytes:
    expect(json.body.sha).toBe("91ec41f4c6ee71839c98f09502b985eb550d09a5");
    const raw = await call(sim, "GET", `${CONTENTS}/docs/plan.md`, undefined, {
      accept: "application/vnd.github.v3.raw",
    });
    expect(raw.body).toBe("# Plan\n");
    expect(raw.headers["content-type"]).toMatch(/^text\/plain/);
    const missing = await call(sim, "GET", `${CONTENTS}/nope.md`);
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe("Not Found");
  });

  it("reads at a ref given as branch name or commit sha", async () => {
    const sim = newSim({ "a.md": "v1" });
    const first = sim.headSha(REPO, "main");
    sim.commitFiles(REPO, "main", { "a.md": "v2" }, "edit");
    const at = async (ref: string) => unbase64((await call(sim, "GET", `${CONTENTS}/a.md?ref=${ref}`)).body.content);
    expect(await at("main")).toBe("v2");
    expect(await at(first)).toBe("v1");
    expect((await call(sim, "GET", `${CONTENTS}/a.md?ref=nope`)).status).toBe(404);
  });

  it("creates and updates files, demanding the current sha", async () => {
    const sim = newSim({ "docs/plan.md": "old\n" });
    const current = (await call(sim, "GET", `${CONTENTS}/docs/plan.md`)).body.sha;
    const noSha = await call(sim, "PUT", `${CONTENTS}/docs/plan.md`, { message: "m", content: base64("new\n") });
    expect(noSha.status).toBe(422);
    const stale = await call(sim, "PUT", `${CONTENTS}/docs/plan.md`, {
      message: "m",
      content: base64("new\n"),
      sha: "0".repeat(40),
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(`docs/plan.md does not match ${"0".repeat(40)}`);
    const before = sim.headSha(REPO, "main");
    const updated = await call(sim, "PUT", `${CONTENTS}/docs/plan.md`, {
      message: "update plan",
      content: base64("new\n"),
      sha: current,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.commit).toMatchObject({ message: "update plan", parents: [{ sha: before }] });
    expect(sim.headSha(REPO, "main")).toBe(updated.body.commit.sha);
    expect(sim.readFile(REPO, "main", "docs/plan.md")).toBe("new\n");
    const created = await call(sim, "PUT", `${CONTENTS}/docs%2Fnew.md`, { message: "add", content: base64("hi") });
    expect(created.status).toBe(201);
    expect(created.body.content).toMatchObject({ path: "docs/new.md", type: "file" });
    expect(sim.readFile(REPO, "main", "docs/new.md")).toBe("hi");
  });

  it("refuses direct writes to a protected branch with GitHub's rule message", async () => {
    const sim = newSim();
    sim.protectBranch(REPO, "main");
    const res = await call(sim, "PUT", `${CONTENTS}/new.md`, { message: "m", content: base64("x") });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe("Repository rule violations found\n\nChanges must be made through a pull request.");
    expect(sim.readFile(REPO, "main", "new.md")).toBeUndefined();
  });
});

describe("GitHubSim git data API", () => {
  it("hashes objects exactly like git", () => {
    const store = new GitStore();
    expect(store.putTree([])).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904"); // git's well-known empty tree
    expect(store.putBlob(Buffer.from(""))).toBe("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"); // empty blob
  });

  it("round-trips blob -> tree -> commit -> ref update", async () => {
    const sim = newSim({ "README.md": "# Plans\n", "docs/plan.md": "- [ ] task\n", "docs/old.md": "bye" });
    const head = sim.headSha(REPO, "main");
    const headCommit = (await call(sim, "GET", `${GIT}/commits/${head}`)).body;
    const blob = await call(sim, "POST", `${GIT}/blobs`, { content: "hello\n", encoding: "utf-8" });
    expect(blob.status).toBe(201);
    expect(blob.body.sha).toBe("ce013625030ba8dba906f756967f9e9ca394464a"); // `echo hello | git hash-object --stdin`
    expect(unbase64((await call(sim, "GET", `${GIT}/blobs/${blob.body.sha}`)).body.content)).toBe("hello\n");
    const tree = await call(sim, "POST", `${GIT}/trees`, {
      base_tree: headCommit.tree.sha,
      tree: [
        { path: "docs/hello.md", mode: "100644", type: "blob", sha: blob.body.sha },
        { path: "docs/plan.md", mode: "100644", type: "blob", content: "- [x] task\n" },
        { path: "docs/old.md", mode: "100644", type: "blob", sha: null },
      ],
    });
    expect(tree.status).toBe(201);
    const commit = await call(sim, "POST", `${GIT}/commits`, { message: "sync", tree: tree.body.sha, parents: [head] });
    expect(commit.status).toBe(201);
    const ref = await call(sim, "PATCH", `${GIT}/refs/heads%2Fmain`, { sha: commit.body.sha });
    expect(ref.body).toMatchObject({ ref: "refs/heads/main", object: { sha: commit.body.sha } });
    expect(sim.readFile(REPO, "main", "docs/plan.md")).toBe("- [x] task\n");
    expect(sim.readFile(REPO, "main", "docs/hello.md")).toBe("hello\n");
    expect(sim.readFile(REPO, "main", "docs/old.md")).toBeUndefined();
    const listed = await call(sim, "GET", `${GIT}/trees/main?recursive=1`);
    expect(listed.body.tree.map((e: { path: string }) => e.path)).toEqual([
      "README.md",
      "docs",
      "docs/hello.md",
      "docs/plan.md",
    ]);
  });

  it("refuses non-fast-forward ref updates unless forced, and protected branches", async () => {
    const sim = newSim();
    const root = sim.headSha(REPO, "main");
    sim.commitFiles(REPO, "main", { "a.md": "a" }, "ahead");
    const back = await call(sim, "PATCH", `${GIT}/refs/heads/main`, { sha: root });
    expect(back.status).toBe(422);
    expect(back.body.message).toBe("Update is not a fast forward");
    expect((await call(sim, "PATCH", `${GIT}/refs/heads/main`, { sha: root, force: true })).status).toBe(200);
    sim.protectBranch(REPO, "main");
    const next = sim.commitFiles(REPO, "side", { "b.md": "b" }, "side work");
    const blocked = await call(sim, "PATCH", `${GIT}/refs/heads/main`, { sha: next.sha });
    expect(blocked.status).toBe(422);
    expect(blocked.body.message).toContain("Repository rule violations found");
  });

  it("creates refs once and reads them back", async () => {
    const sim = newSim();
    const sha = sim.headSha(REPO, "main");
    expect((await call(sim, "POST", `${GIT}/refs`, { ref: "refs/heads/plansync/x", sha })).status).toBe(201);
    const again = await call(sim, "POST", `${GIT}/refs`, { ref: "refs/heads/plansync/x", sha });
    expect(again.status).toBe(422);
    expect(again.body.message).toBe("Reference already exists");
    expect((await call(sim, "GET", `${GIT}/ref/heads/plansync/x`)).body.object.sha).toBe(sha);
    expect((await call(sim, "GET", `${GIT}/ref/heads/missing`)).status).toBe(404);
    expect(sim.branches(REPO)).toEqual(["main", "plansync/x"]);
  });
});
