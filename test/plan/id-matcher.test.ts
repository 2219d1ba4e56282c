import { describe, expect, it } from "vitest";
import { createIdMatcher, splitId } from "../../src/plan/id-matcher.js";

describe("splitId", () => {
  it.each([
    ["BE-001", "BE", "001"],
    ["BE-DB-1", "BE-DB", "1"],
    ["BE-1001", "BE", "1001"],
    ["PAY-12", "PAY", "12"],
    ["T001", "T", "001"],
    ["API2-7", "API2", "7"],
  ])("splits %s", (token, prefix, number) => {
    expect(splitId(token)).toEqual({ prefix, number });
  });

  it.each(["BE-", "BE-XX", "001", "-BE-1", "BE--1", "BE-1ab", "", "A".repeat(70) + "-1"])("rejects %j", (token) => {
    expect(splitId(token)).toBeNull();
  });
});

describe("createIdMatcher", () => {
  it("accepts any prefix by default", () => {
    const matcher = createIdMatcher();
    expect(matcher.isId("ZZ-9")).toBe(true);
  });

  it("limits IDs to configured prefixes and their dash-separated children", () => {
    const matcher = createIdMatcher({ prefixes: ["BE"] });
    expect(matcher.isId("BE-001")).toBe(true);
    expect(matcher.isId("BE-DB-1")).toBe(true);
    expect(matcher.isId("BED-1")).toBe(false);
    expect(matcher.isId("FE-1")).toBe(false);
  });

  it("flags ID-shaped tokens that are not IDs", () => {
    const matcher = createIdMatcher();
    expect(matcher.looksLikeId("BE-XXX")).toBe(true);
    expect(matcher.looksLikeId("BE_001")).toBe(true);
    expect(matcher.looksLikeId("Follow-up")).toBe(false);
    expect(matcher.looksLikeId("OWASP")).toBe(false);
  });
});
