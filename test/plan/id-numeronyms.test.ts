import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

/**
 * Numeronyms (`A11y`, `L10n`, `K8s`) are words, like `i18n`, which README's "Task IDs" calls a word.
 * README also says a letter-led ID "has one case" (mixed case is a word: `OAuth2`, `IPv6`), but the
 * one-letter-suffix exemption (meant for `T046a`) lets `A11y`, `L10n`, `K8s` through as IDs, so
 * each such checklist line becomes a GitHub issue (spam).
 */
describe("numeronyms at the head of a checklist line are words, not task IDs", () => {
  const doc = [
    "# Platform chores",
    "",
    "## Tasks",
    "",
    "- [ ] A11y audit of the signup form",
    "- [ ] L10n",
    "- [x] K8s upgrade to 1.30",
    "- [ ] i18n string freeze",
    "",
  ].join("\n");

  it("reads no task from them", () => {
    const plan = parsePlan(doc);
    expect(plan.tasks.map((t) => t.id)).toEqual([]);
  });

  it("gives a well-formed chores list no empty-title warning for `L10n`", () => {
    const plan = parsePlan(doc);
    expect(plan.diagnostics.filter((d) => d.code === "empty-title")).toEqual([]);
  });
});
