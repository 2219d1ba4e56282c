import { describe, expect, it } from "vitest";
import { call, newSim, REPO } from "../sim/sim-test-helpers.js";

/** The simulator's side of conditional requests and rate limits (test/sim/etags.ts, rate-limit.ts). */
describe("GitHubSim ETags", () => {
  it("answers a matching If-None-Match with a 304: ETag kept, no body, no link", async () => {
    const sim = newSim();
    for (const n of [1, 2, 3]) await sim.openIssueAs(REPO, "alice", `Task ${n}`, "");
    const first = await call(sim, "GET", "/repos/octo/plans/issues?per_page=1");
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(first.headers.link).toContain('rel="next"');
    const again = await call(sim, "GET", "/repos/octo/plans/issues?per_page=1", undefined, {
      "if-none-match": first.headers.etag!,
    });
    expect(again).toMatchObject({ status: 304, body: undefined });
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers.link).toBeUndefined();
    expect(again.headers["content-type"]).toBeUndefined();
    // Weak comparison, as If-None-Match uses; a list; and `*`.
    for (const header of [`W/${first.headers.etag}`, `"other", ${first.headers.etag}`, "*"])
      expect(
        (await call(sim, "GET", "/repos/octo/plans/issues?per_page=1", undefined, { "if-none-match": header })).status,
      ).toBe(304);
    expect(sim.notModified()).toHaveLength(4);
  });

  it("changes the ETag when the answer changes, and per media type", async () => {
    const sim = newSim();
    const json = await call(sim, "GET", "/repos/octo/plans/contents/docs/plan.md");
    const raw = await call(sim, "GET", "/repos/octo/plans/contents/docs/plan.md", undefined, {
      accept: "application/vnd.github.raw",
    });
    expect(raw.body).toBe("- [ ] task\n");
    expect(raw.headers.etag).not.toBe(json.headers.etag);
    sim.commitFiles(REPO, "main", { "docs/plan.md": "- [x] task\n" }, "tick");
    const changed = await call(sim, "GET", "/repos/octo/plans/contents/docs/plan.md", undefined, {
      accept: "application/vnd.github.raw",
      "if-none-match": raw.headers.etag!,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toBe("- [x] task\n");
    expect(changed.headers.etag).not.toBe(raw.headers.etag);
  });

  it("puts no ETag on an error or a write", async () => {
    const sim = newSim();
    const missing = await call(sim, "GET", "/repos/octo/plans/contents/nope.md");
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    const created = await call(sim, "POST", "/repos/octo/plans/issues", { title: "x" });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBeUndefined();
  });
});

describe("GitHubSim primary rate limit", () => {
  it("charges every answer but 304s and token exchanges, per installation", async () => {
    const sim = newSim();
    const token = (await call(sim, "POST", "/app/installations/1/access_tokens")).body.token as string;
    const auth = { authorization: `token ${token}` };
    const first = await call(sim, "GET", "/repos/octo/plans", undefined, auth);
    expect(first.headers).toMatchObject({
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-used": "1",
      "x-ratelimit-resource": "core",
    });
    expect(Number(first.headers["x-ratelimit-reset"]) * 1000).toBeGreaterThan(Date.now());
    const free = await call(sim, "GET", "/repos/octo/plans", undefined, {
      ...auth,
      "if-none-match": first.headers.etag!,
    });
    expect(free.status).toBe(304);
    expect(free.headers["x-ratelimit-remaining"]).toBe("4999");
    const missing = await call(sim, "GET", "/repos/octo/plans/contents/nope.md", undefined, auth);
    expect(missing.headers["x-ratelimit-remaining"]).toBe("4998");
    expect(sim.rateLimited().map((r) => `${r.status} ${r.path}`)).toEqual([
      "200 /repos/octo/plans",
      "404 /repos/octo/plans/contents/nope.md",
    ]);
  });

  it("refuses with GitHub's 403 once the hour's requests are spent, carrying nothing out", async () => {
    const sim = newSim();
    sim.setRateLimit(2);
    await call(sim, "POST", "/repos/octo/plans/issues", { title: "one" });
    const last = await call(sim, "GET", "/repos/octo/plans/issues/1");
    expect(last.headers["x-ratelimit-remaining"]).toBe("0");
    // Spent: the next request is refused before it is carried out.
    const refused = await call(sim, "POST", "/repos/octo/plans/issues", { title: "two" });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/API rate limit exceeded/);
    expect(refused.headers["x-ratelimit-remaining"]).toBe("0");
    expect(sim.issues(REPO)).toHaveLength(1);
  });

  it("leaves a fault's own rate-limit headers as the test set them", async () => {
    const sim = newSim();
    sim.failNext({
      status: 403,
      body: { message: "API rate limit exceeded" },
      headers: { "x-ratelimit-remaining": "0" },
    });
    const faulted = await call(sim, "GET", "/repos/octo/plans");
    expect(faulted.status).toBe(403);
    expect(faulted.headers["x-ratelimit-remaining"]).toBe("0");
  });
});
