import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

describe("items set aside by the doc's convention are named", () => {
  it("bare words shaped like IDs get one word-not-id info, on the first", () => {
    const doc = ["# Board", "", "- [ ] Q3 planning", "- [ ] EC2 cleanup", "- [ ] T1 Setup", "- [ ] T2 Build", ""].join(
      "\n",
    );
    const plan = parsePlan(doc);
    expect(plan.tasks.map((t) => t.id)).toEqual(["T1", "T2"]);
    expect(plan.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([["info", "word-not-id", 3]]);
    expect(plan.diagnostics[0]!.message).toContain("(Q3, EC2)");
  });

  it("a bold or configured-prefix word is an ID alone", () => {
    expect(parsePlan("- [ ] **Q3** planning\n").tasks.map((t) => t.id)).toEqual(["Q3"]);
    expect(parsePlan("- [ ] Q3 planning\n", { idPrefixes: ["Q"] }).tasks.map((t) => t.id)).toEqual(["Q3"]);
  });

  it("numbered steps among letter-led tasks get one numbered-step info per section", () => {
    const doc = [
      "## Setup",
      "",
      "- [ ] T001 Create the package",
      "- [ ] T002 Add the model",
      "- [x] 1. Run the tests",
      "",
      "## Build",
      "",
      "- [ ] T003 Wire the queue",
      "- [ ] T004 Add the tables",
      "- [ ] 2. Check the logs",
      "",
    ].join("\n");
    const plan = parsePlan(doc);
    expect(plan.tasks.map((t) => t.id)).toEqual(["T001", "T002", "T003", "T004"]);
    expect(plan.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ["info", "numbered-step", 5],
      ["info", "numbered-step", 11],
    ]);
  });
});
