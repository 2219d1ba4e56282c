import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";
import { itemLeadKey } from "../../src/plan/item-leads.js";
import { splitStillWritten } from "../../src/sync/still-written.js";
import type { RemoteIssue } from "../../src/sync/sync-types.js";

const issue = (number: number, id: string, file = "docs/roadmap.md") =>
  ({ number, state: "open", marker: { id, file }, body: "", labels: [], title: id }) as unknown as RemoteIssue;

describe("itemLeadKey", () => {
  it("reads the lead token past boxes' decoration, as an identity key", () => {
    expect(itemLeadKey("Q3 planning")).toBe("Q3");
    expect(itemLeadKey("✅ **t010**: Title")).toBe("T010");
    expect(itemLeadKey("12.05. Kickoff")).toBe("12.05");
    expect(itemLeadKey("(T001) Setup")).toBe("T001");
    expect(itemLeadKey("T0\u200B01 Setup")).toBe("T001");
    expect(itemLeadKey("Plain words")).toBeNull();
    expect(itemLeadKey(`${"A1".repeat(40)} long`)).toBeNull();
  });
});

describe("splitStillWritten", () => {
  const plan = parsePlan("# Roadmap\n\n- [ ] Q3 planning offsite\n- [ ] EC2 migration\n- [ ] BE-001 Other\n");
  const files = [{ path: "docs/roadmap.md", plan }];

  it("keeps the issues whose item still leads with their ID, and warns on its line", () => {
    expect(plan.tasks.map((t) => t.id)).toEqual(["BE-001"]);
    const { gone, kept, diagnostics } = splitStillWritten(
      [issue(1, "Q3"), issue(2, "ec2"), issue(3, "BE-002"), issue(4, "Q3", "docs/other.md")],
      files,
    );
    expect(kept.map((i) => i.number)).toEqual([1, 2]);
    expect(gone.map((i) => i.number)).toEqual([3, 4]);
    expect(diagnostics.get("docs/roadmap.md")!.map((d) => [d.code, d.severity, d.line])).toEqual([
      ["no-longer-a-task", "warning", 3],
      ["no-longer-a-task", "warning", 4],
    ]);
    expect(diagnostics.get("docs/roadmap.md")![0]!.message).toContain("#1");
  });
});
