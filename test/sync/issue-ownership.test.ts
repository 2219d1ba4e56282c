import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarker } from "../../src/sync/marker.js";
import { claimOf, plansyncIdentity, plansyncMarker, requireIdentity } from "../../src/sync/issue-ownership.js";

const identity = plansyncIdentity("plansync[bot]", { authors: ["Octo-Dev"] });
const marker = renderMarker({ id: "BE-1", file: "docs/plan.md", state: "open", hash: "abc", checks: "xx" });
const body = `Some text\n\n${marker}\n`;
const noPush = () => false;
const push = () => true;

describe("is this issue plansync's", () => {
  it("is plansync's when its identity, or a configured author, made it, whatever the case", () => {
    expect(claimOf({ body, user: { login: "plansync[bot]" } }, identity).kind).toBe("ours");
    expect(claimOf({ body, user: { login: "octo-dev" } }, identity).kind).toBe("ours");
    expect(claimOf({ body: "no marker", user: { login: "plansync[bot]" } }, identity).kind).toBe("unmarked");
  });

  it("asks GitHub only about authors whose association can come with push access", () => {
    for (const association of ["OWNER", "MEMBER", "COLLABORATOR"])
      expect(claimOf({ body, user: { login: "alice" }, author_association: association }, identity).kind).toBe("ask");
    expect(claimOf({ body, user: { login: "github-actions[bot]", type: "Bot" } }, identity).kind).toBe("ask");
    expect(
      claimOf({ body, user: { login: "other[bot]", type: "Bot" }, author_association: "MEMBER" }, identity).kind,
    ).toBe("foreign");
  });

  it("never trusts a marker whose author cannot push, for any body, login and association", () => {
    const association = fc.constantFrom("NONE", "CONTRIBUTOR", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "MANNEQUIN");
    const login = fc
      .stringMatching(/^[a-z][a-z0-9-]{0,20}(\[bot\])?$/)
      .filter((l) => l !== "plansync[bot]" && l !== "octo-dev");
    const text = fc.oneof(
      fc.string(),
      fc.constant(body),
      fc.string().map((s) => `${s}${marker}${s}`),
    );
    fc.assert(
      fc.property(text, login, association, (b, l, a) => {
        const issue = { body: b, user: { login: l }, author_association: a };
        // Even if GitHub said yes, an author with such an association is never asked.
        return l === "github-actions[bot]" || plansyncMarker(issue, identity, push) === null;
      }),
      { seed: 19, numRuns: 500 },
    );
  });

  it("trusts an asked author only when GitHub says they can push", () => {
    const issue = { body, user: { login: "alice" }, author_association: "COLLABORATOR" };
    expect(plansyncMarker(issue, identity, noPush)).toBeNull();
    expect(plansyncMarker(issue, identity, push)?.id).toBe("BE-1");
  });

  it("refuses to decide without an identity, rather than call nothing plansync's", () => {
    expect(() => requireIdentity(null)).toThrow(/could not tell which GitHub identity it acts as/);
  });
});
