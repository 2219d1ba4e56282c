import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { githubSpec, githubValidator } from "./openapi-spec.js";
import { call, newSim } from "./sim-test-helpers.js";

const validator = githubValidator();
const check = (method: string, pathname: string, body?: unknown, query = "") =>
  validator.validate({ method, pathname, query: new URLSearchParams(query), body });

describe("trimmed OpenAPI description", () => {
  it("holds exactly the operations listed in scripts/openapi-operations.txt", () => {
    const listFile = new URL("../../scripts/openapi-operations.txt", import.meta.url);
    const listed = readFileSync(listFile, "utf8")
      .split("\n")
      .map((line) => line.replace(/#.*/, "").trim())
      .filter(Boolean)
      .map((line) => line.replace(/^(\S+)/, (m) => m.toUpperCase()))
      .sort();
    const spec = githubSpec();
    const present = Object.entries(spec.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(present).toEqual(listed);
  });
});

describe("createOpenApiValidator", () => {
  it("matches templates whose parameters contain encoded or raw slashes", () => {
    expect(validator.match("GET", "/repos/o/r/contents/.github%2Fplansync.yml")).toMatchObject({
      operationId: "repos/get-content",
      pathParams: { owner: "o", repo: "r", path: ".github/plansync.yml" },
    });
    expect(validator.match("GET", "/repos/o/r/contents/docs/plan.md")?.pathParams.path).toBe("docs/plan.md");
    expect(validator.match("PATCH", "/repos/o/r/git/refs/heads/feature/x")?.pathParams.ref).toBe("heads/feature/x");
    expect(validator.match("POST", "/repos/o/r/git/trees")?.operationId).toBe("git/create-tree");
    expect(validator.match("GET", "/repos/o/r/git/trees/abc")?.operationId).toBe("git/get-tree");
  });

  it("rejects bodies that break the schema", () => {
    expect(check("POST", "/repos/o/r/issues", { body: "no title" })).toEqual([
      "body must have required property 'title'",
    ]);
    expect(check("POST", "/repos/o/r/issues", { title: "t", labels: "bug" })).toEqual(["body.labels must be array"]);
    expect(check("POST", "/repos/o/r/issues", undefined)).toEqual(["request body is required"]);
    expect(check("PATCH", "/repos/o/r/issues/1", { state: "done" })).toEqual([
      "body.state must be equal to one of the allowed values: open, closed",
    ]);
    expect(check("POST", "/repos/o/r/milestones", { title: "v1", due_on: "next friday" })).toEqual([
      'body.due_on must match format "date-time"',
    ]);
  });

  it("accepts OpenAPI nullable fields and the spec's alternatives", () => {
    expect(
      check("PATCH", "/repos/o/r/issues/1", { milestone: null, state_reason: null, body: null, title: 42 }),
    ).toEqual([]);
    expect(check("POST", "/repos/o/r/issues", { title: "t", labels: ["a", { name: "b" }], milestone: "3" })).toEqual(
      [],
    );
    expect(
      check("POST", "/repos/o/r/git/trees", { tree: [{ path: "a", mode: "100644", type: "blob", sha: null }] }),
    ).toEqual([]);
  });

  it("checks path and query parameters, coercing numbers", () => {
    expect(check("GET", "/repos/o/r/issues", undefined, "per_page=100&page=2&state=all")).toEqual([]);
    expect(check("GET", "/repos/o/r/issues", undefined, "per_page=many")).toEqual([
      "query parameter per_page must be integer",
    ]);
    expect(check("GET", "/repos/o/r/issues", undefined, "label=bug")).toEqual(["unknown query parameter label"]);
    expect(check("GET", "/repos/o/r/issues/abc")).toEqual(["path parameter issue_number must be integer"]);
  });

  it("reports operations that GitHub's description does not have", () => {
    expect(check("GET", "/repos/o/r/hooks")).toEqual(["not in GitHub's REST description: GET /repos/o/r/hooks"]);
    expect(check("DELETE", "/repos/o/r/issues/1")).toEqual([
      "not in GitHub's REST description: DELETE /repos/o/r/issues/1",
    ]);
  });

  it("makes the simulator answer 400 and record the violation", async () => {
    const sim = newSim();
    const res = await call(sim, "POST", "/repos/octo/plans/issues", { labels: "bug" });
    expect(res.status).toBe(400);
    const unknown = await call(sim, "PUT", "/repos/octo/plans/issues/1/lock");
    expect(unknown.status).toBe(400);
    expect(sim.violations).toEqual([
      "POST /repos/octo/plans/issues: body must have required property 'title'",
      "POST /repos/octo/plans/issues: body.labels must be array",
      "PUT /repos/octo/plans/issues/1/lock: not in GitHub's REST description: PUT /repos/octo/plans/issues/1/lock",
    ]);
    expect(sim.requests.map((r) => [r.operationId, r.status])).toEqual([
      ["issues/create", 400],
      [null, 400],
    ]);
  });
});
