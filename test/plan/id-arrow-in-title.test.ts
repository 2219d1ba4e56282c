import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * The TODO.md tail reader runs on every doc. In ordinary prose an arrow before the last word is
 * part of the sentence (`MySQL → Postgres`, `404 -> NotFound`), but the reader takes `→ word` as a
 * tail and cuts it off the title: the issue is titled "Move auth from MySQL". README's tail has an
 * arrow to a link (`→ [todo/PLANS.md#caching]`), not to a bare word.
 */
describe("an arrow inside a task title", () => {
  const doc = [
    "## Tasks",
    "",
    "- [ ] T001 Move auth from MySQL → Postgres",
    "- [ ] T002 Map status 404 -> NotFound",
    "- [ ] T003 Convert callbacks => promises",
    "",
  ].join("\n");

  it("stays in the title", () => {
    expect(parsePlan(doc).tasks.map((t) => t.title)).toEqual([
      "Move auth from MySQL → Postgres",
      "Map status 404 -> NotFound",
      "Convert callbacks => promises",
    ]);
  });
});
