import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { reconcile } from "../../src/sync/reconcile.js";
import type { DocsSnapshot, Operation, RemoteState } from "../../src/sync/sync-types.js";

/** GitHub's caps, checked on the pure core: a plan past them is linked up to the cap and warned about. */

const config = readConfig(null);
if (!config.ok) throw new Error("the default config is invalid");
const empty: RemoteState = { issues: [], milestones: [], labels: new Set() };

function docs(path: string, text: string): DocsSnapshot {
  return {
    owner: "o",
    repo: "r",
    sha: "abc1234",
    htmlUrl: "https://github.com/o/r",
    files: [{ path, plan: parsePlan(text) }],
    coveredPaths: new Set([path]),
    complete: true,
  };
}

const ofKind = <K extends Operation["kind"]>(ops: Operation[], kind: K) =>
  ops.filter((op): op is Extract<Operation, { kind: K }> => op.kind === kind);

describe("hierarchy limits in the pure core", () => {
  it("links 50 blockers at most and warns on the task's line", () => {
    const blockers = Array.from({ length: 52 }, (_, i) => `- [ ] DEP-${i + 1}: Blocker ${i + 1}`);
    const ids = Array.from({ length: 52 }, (_, i) => `DEP-${i + 1}`).join(", ");
    const text = ["# Plan", "", ...blockers, "- [ ] MAIN-1: Waits for everything", `  - **Dependencies:** ${ids}`, ""];
    const result = reconcile(docs("docs/p.md", text.join("\n")), empty, config.config);
    const [set] = ofKind(result.operations, "set-blocked-by");
    expect(set!.add).toHaveLength(50);
    expect(set!.add.at(-1)!.taskId).toBe("DEP-50");
    const warnings = result.diagnostics.get("docs/p.md")!.filter((d) => d.code === "dependency");
    expect(warnings.map((w) => [w.line, w.message])).toEqual([[55, expect.stringContaining("only the first 50")]]);
  });

  it("nests 8 levels at most: a ninth level is not linked, with a warning", () => {
    const text = ["# Plan", ""];
    for (let depth = 1; depth <= 9; depth++) text.push(`${"  ".repeat(depth - 1)}- [ ] N-${depth}: Level ${depth}`);
    const result = reconcile(docs("docs/deep.md", `${text.join("\n")}\n`), empty, config.config);
    // A new child is linked by its own create (fuse-creates.ts), not by a link-sub-issue op.
    const links = ofKind(result.operations, "create-issue").flatMap((c) => (c.parent ? [c.taskId] : []));
    expect(links).toEqual(["N-2", "N-3", "N-4", "N-5", "N-6", "N-7", "N-8"]);
    const warnings = result.diagnostics.get("docs/deep.md")!.filter((d) => d.code === "sub-issue");
    expect(warnings.map((w) => w.line)).toEqual([11]);
  });

  it("links nothing and records nothing with every hierarchy switch off", () => {
    const off = readConfig({ hierarchy: { subIssues: false, epics: "none", dependencies: false } });
    if (!off.ok) throw new Error(off.errors.join("; "));
    const text = "# Plan\n\n### Epic 1: A\n\n- [ ] A-1: One\n  - [ ] A-2: Two\n    - **Dependencies:** A-1\n";
    const result = reconcile(docs("docs/p.md", text), empty, off.config);
    expect(result.operations.map((op) => op.kind).filter((k) => k !== "create-label")).toEqual([
      "create-issue",
      "create-issue",
    ]);
  });
});
