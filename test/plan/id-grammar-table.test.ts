import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";

interface Row {
  example: string;
  readsAs: string;
  tasks: string[];
  why: string;
}

/** The rows of the one table under README's "Task IDs" heading. */
function tableRows(readme: string): Row[] {
  const lines = readme.split("\n");
  const heading = lines.findIndex((l) => /^#{2,4} Task IDs$/.test(l));
  const header = lines.findIndex((l, i) => i > heading && l.startsWith("| example |"));
  const rows: Row[] = [];
  for (let i = header + 2; i < lines.length && lines[i]!.startsWith("|"); i++) {
    const [example, readsAs, tasks, why] = lines[i]!.slice(1, -1)
      .split(" | ")
      .map((c) => c.trim());
    rows.push({
      example: codeSpan(example!),
      readsAs: readsAs!,
      tasks: tasks === "—" ? [] : tasks!.split(", "),
      why: why!,
    });
  }
  return rows;
}

/** `` `T001` `` → T001; ``` `` `T001` `` ``` → `T001`. */
function codeSpan(cell: string): string {
  if (cell.startsWith("`` ") && cell.endsWith(" ``")) return cell.slice(3, -3);
  if (cell.startsWith("`") && cell.endsWith("`")) return cell.slice(1, -1);
  throw new Error(`example cell is no code span: ${cell}`);
}

/** A row's doc: whole lines when it starts with `- `, else the token at the head of a boxed item. */
function docOf(example: string): string {
  return example.startsWith("- ") ? example.split("<br>").join("\n") + "\n" : `- [ ] ${example} Title\n`;
}

const rows = tableRows(readFileSync(new URL("../../README.md", import.meta.url), "utf8"));

describe("README's Task IDs table agrees with the parser", () => {
  it("has the table, with every shape the issue names", () => {
    expect(rows.length).toBeGreaterThan(40);
    const examples = rows.map((r) => r.example);
    for (const shape of ["T001", "BE-001", "BE-DB-1", "T046a", "T072b", "FR-005a", "1.4b", "US-1.1", "A1.1", "2.1"])
      expect(examples).toContain(shape);
    for (const refused of ["T054-T058", "T054–T058", "v1.2.3", "2025-12-21", "OAuth2", "mp3", "x86", "#123", "50%"])
      expect(examples).toContain(refused);
  });

  it.each(rows.map((r) => [r.example, r] as const))("%s", (_, row) => {
    const plan = parsePlan(docOf(row.example));
    expect(plan.tasks.map((t) => t.id)).toEqual(row.tasks);
    expect(row.readsAs === "not an ID").toBe(row.tasks.length === 0);
    if (row.readsAs === "ID" && !row.example.startsWith("- ")) expect(plan.tasks[0]!.title).toBe("Title");
    if (row.readsAs === "repeat")
      expect(plan.diagnostics.map((d) => [d.severity, d.code])).toEqual([["warning", "repeated-task"]]);
    if (row.example.includes("**BE-XX**")) expect(plan.diagnostics.map((d) => d.code)).toEqual(["malformed-id"]);
  });
});
