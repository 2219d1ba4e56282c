import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { parsePlan } from "../../src/plan/index.js";
import { collectTasks, type LocatedTask } from "../../src/sync/collect-tasks.js";
import { desiredIssue } from "../../src/sync/desired-issue.js";
import {
  DIAGRAM_BUDGET,
  epicDiagram,
  epicGraph,
  epicPicture,
  escapeLabel,
  type EpicGraph,
} from "../../src/sync/epic-diagram.js";
import { GITHUB_LIMITS } from "../../src/sync/github-limits.js";
import { renderBody } from "../../src/sync/render-body.js";
import { createScoper } from "../../src/sync/task-scope.js";

const config = readConfig(null);
if (!config.ok) throw new Error("the default config is invalid");
const scoper = createScoper([]);
const HTML = "https://github.com/o/r";
const SHA = "abc1234";
const CLASSES = [
  "  classDef done fill:#dafbe1,stroke:#1a7f37",
  "  classDef open fill:#ffffff,stroke:#57606a",
  "  classDef outside fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4 3",
];

function located(path: string, text: string) {
  const { winners } = collectTasks([{ path, plan: parsePlan(text) }], new Map(), scoper, { epics: true });
  return winners;
}

function picture(winners: LocatedTask[], epicId: string, numbers: Record<string, number> = {}) {
  const epic = winners.find((w) => w.epic && w.task.id === epicId)!;
  const owners = new Map(Object.entries(numbers).map(([key, number]) => [key, { number }]));
  const tasks = new Map(winners.map((w) => [w.key, w]));
  return epicPicture(epic, { scoper, tasks, elsewhere: () => false, owners, htmlUrl: HTML, sha: SHA });
}

const epicDoc = (stories: string[]) => ["# Plan", "", "### Epic 1: Billing", "", ...stories, ""].join("\n");

describe("an epic's picture of its stories", () => {
  it("draws Epic 2 of the epic-breakdown fixture: two open stories, no edges, each linking its line", () => {
    const doc = readFileSync(new URL("../../fixtures/plans/epic-breakdown.md", import.meta.url), "utf8");
    const { text } = picture(located("docs/epics.md", doc), "Epic 2");
    expect(text).toBe(
      [
        "#### Stories",
        "",
        "```mermaid",
        "flowchart LR",
        '  t1["BE-201: API Foundation"]',
        '  t2["BE-202: API Documentation"]',
        ...CLASSES,
        "  class t1,t2 open",
        '  click t1 "https://github.com/o/r/blob/abc1234/docs/epics.md#L59"',
        '  click t2 "https://github.com/o/r/blob/abc1234/docs/epics.md#L65"',
        "```",
      ].join("\n"),
    );
  });

  it("draws edges blocker → blocked, a blocker outside the epic as its own node, ✓ on done stories", () => {
    const doc = [
      "# Plan",
      "",
      "### Epic 1: Billing",
      "",
      "- [x] BIL-1: Invoices",
      '- [ ] BIL-2: Receipts "quoted"',
      "  - **Dependencies:** BIL-1, REP-1, NOPE-9",
      "- [ ] BIL-3: Refunds",
      "  - **Dependencies:** BIL-2",
      "",
      "### Epic 2: Reports",
      "",
      "- [x] REP-1: Monthly",
      "",
    ].join("\n");
    const { text } = picture(located("docs/plan.md", doc), "Epic 1", { "BIL-1": 7 });
    expect(text).toBe(
      [
        "#### Stories",
        "",
        "```mermaid",
        "flowchart LR",
        '  t1["✓ BIL-1: Invoices"]',
        '  t2["BIL-2: Receipts #34;quoted#34;"]',
        '  t3["BIL-3: Refunds"]',
        '  o1(["REP-1"])',
        "  t1 --> t2",
        "  o1 --> t2",
        "  t2 --> t3",
        ...CLASSES,
        "  class t1 done",
        "  class t2,t3 open",
        "  class o1 outside",
        '  click t1 "https://github.com/o/r/issues/7"',
        '  click t2 "https://github.com/o/r/blob/abc1234/docs/plan.md#L6"',
        '  click t3 "https://github.com/o/r/blob/abc1234/docs/plan.md#L8"',
        "```",
      ].join("\n"),
    );
  });

  it("hashes the graph and its states but not the links: numbers arriving change nothing, a tick does", () => {
    const doc = epicDoc(["- [ ] BIL-1: Invoices", "- [ ] BIL-2: Receipts"]);
    const hash = (text: string, numbers: Record<string, number> = {}) => {
      const winners = located("docs/plan.md", text);
      const epic = winners.find((w) => w.epic)!;
      return desiredIssue(epic, config.config, [], picture(winners, "Epic 1", numbers)).hash;
    };
    expect(hash(doc, { "BIL-1": 3, "BIL-2": 4 })).toBe(hash(doc));
    expect(hash(doc.replace("- [ ] BIL-2", "- [x] BIL-2"))).not.toBe(hash(doc));
    expect(hash(doc.replace("Receipts", "Receipts and credit notes"))).not.toBe(hash(doc));
    expect(hash(`${doc}  - **Dependencies:** BIL-1\n`)).not.toBe(hash(doc));
  });

  it("draws the epic's own stories, not the sub-tasks nested under them", () => {
    const doc = epicDoc(["- [ ] BIL-1: Invoices", "  - [x] BIL-1.1: Template", "- [ ] BIL-2: Receipts"]);
    const winners = located("docs/plan.md", doc);
    expect(winners.find((w) => w.task.id === "BIL-1.1")?.task.parent).toBe("BIL-1");
    const { text, ticks } = picture(winners, "Epic 1");
    expect(text.split("\n").filter((l) => /^ {2}t\d+\[/.test(l))).toEqual([
      '  t1["BIL-1: Invoices"]',
      '  t2["BIL-2: Receipts"]',
    ]);
    expect(ticks).toBe("  ");
  });

  it("a tick of a story left out of a capped picture still changes the hash", () => {
    const stories = (last: boolean) =>
      epicDoc([
        ...Array.from({ length: 299 }, (_, i) => `- [ ] BIL-${i + 1}: ${'<"#`]>'.repeat(10)}`),
        `- [${last ? "x" : " "}] BIL-300: Last`,
      ]);
    const shown = (text: string) => picture(located("docs/plan.md", text), "Epic 1");
    expect(shown(stories(false)).text).toBe(shown(stories(true)).text);
    expect(shown(stories(false)).key).not.toBe(shown(stories(true)).key);
  });

  it("escapes hostile titles so that nothing leaves the label or the fence", () => {
    const titles = ['Close "] t9["evil', "a --> b", "```js fence```", "ping @someone", "<script>alert(1)</script>"];
    const doc = epicDoc([...titles.map((t, i) => `- [ ] BIL-${i + 1}: ${t}`), `- [ ] BIL-9: ${"x".repeat(10_000)}`]);
    const { text } = picture(located("docs/plan.md", doc), "Epic 1");
    const nodes = text.split("\n").filter((l) => /^ {2}t\d/.test(l) && l.includes("["));
    expect(nodes).toEqual([
      '  t1["BIL-1: Close #34;#93; t9#91;#34;evil"]',
      '  t2["BIL-2: a --#62; b"]',
      // The parser already drops code spans and HTML from a title; escapeLabel covers them below.
      '  t3["BIL-3: js fence"]',
      `  t4["BIL-4: ping ${escapeLabel("@someone")}"]`,
      '  t5["BIL-5: alert(1)"]',
      `  t6["BIL-9: ${"x".repeat(59)}#8230;"]`,
    ]);
    expect(escapeLabel("@someone")).not.toContain("@");
    expect(escapeLabel("```js`")).toBe("#96;#96;#96;js#96;");
    expect(escapeLabel("<script>x</script>")).toBe("#60;script#62;x#60;/script#62;");
    expect(escapeLabel('"]\n[#;&')).toBe("#34;#93;#10;#91;#35;#59;#38;");
    expect(escapeLabel("line\nbreak")).toBe("line#10;break");
    expect(text.match(/```/g)).toHaveLength(2);
  });

  it("caps a 300-story epic with a note, and its body stays within GitHub's limit", () => {
    const hostile = '<"#`]>'.repeat(10);
    const doc = epicDoc(
      Array.from({ length: 300 }, (_, i) => [
        `- [ ] BIL-${i + 1}: ${hostile}`,
        `  - **Dependencies:** BIL-${i || 1}`,
      ]).flat(),
    );
    const winners = located("docs/plan.md", doc);
    const numbers = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`BIL-${i + 1}`, 1000 + i]));
    const shown = picture(winners, "Epic 1", numbers);
    expect(shown.text.length).toBeLessThanOrEqual(DIAGRAM_BUDGET);
    const drawn = shown.text.split("\n").filter((l) => /^ {2}t\d+\[/.test(l)).length;
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(300);
    expect(
      shown.text.endsWith(`\`\`\`\n_${300 - drawn} more stories are left out of this picture; the doc has them all._`),
    ).toBe(true);
    const epic = winners.find((w) => w.epic)!;
    const long = { ...epic, task: { ...epic.task, body: "y".repeat(70_000) } };
    const body = renderBody(desiredIssue(long, config.config, [], shown), { htmlUrl: HTML, sha: SHA }, "open");
    expect(body.length).toBeLessThanOrEqual(GITHUB_LIMITS.issueBody);
    expect(body).toContain(shown.text);
  });

  it("draws a hostile epic (2,000 stories, each naming 60 others) quickly and within its budget", () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => `BIL-${i + 1}`);
    const deps = (i: number) => Array.from({ length: 60 }, (_, k) => ids[(i + k + 1) % ids.length]).join(", ");
    const doc = epicDoc(ids.flatMap((id, i) => [`- [ ] ${id}: Story`, `  - **Dependencies:** ${deps(i)}, OUT-${i}`]));
    const winners = located("docs/plan.md", doc);
    const started = performance.now();
    const { text } = picture(winners, "Epic 1");
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(text.length).toBeLessThanOrEqual(DIAGRAM_BUDGET);
    expect(text.split("\n").filter((l) => l.includes(" --> ")).length).toBeLessThanOrEqual(400);
  });

  it("is one fenced block with one node per story and closed quotes, whatever the titles and edges", () => {
    const graphs = fc
      .record({
        titles: fc.array(
          fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom('"]', "```", "-->", "@a", "<b>")),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        done: fc.array(fc.boolean(), { maxLength: 40 }),
        edges: fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { maxLength: 80 }),
      })
      .map(({ titles, done, edges }): EpicGraph => {
        const nodes = titles.map((title, i) => ({
          id: `S-${i + 1}`,
          key: `S-${i + 1}`,
          title,
          done: done[i] ?? false,
          outside: false,
          line: i + 1,
        }));
        const n = nodes.length;
        const pairs = edges.map(([f, t]) => [f % n, t % n] as [number, number]).filter(([f, t]) => f !== t);
        return { nodes, edges: pairs, stories: n };
      });
    fc.assert(
      fc.property(graphs, fc.string(), (graph, url) => {
        const { text } = epicDiagram(graph, (node) => `${HTML}/${url}/${node.id}`);
        const lines = text.split("\n");
        expect(lines.filter((l) => l.includes("`"))).toEqual(["```mermaid", "```"]);
        expect(lines.at(-1)).toBe("```");
        const nodes = lines.filter((l) => /^ {2}t\d+\[/.test(l));
        expect(nodes).toHaveLength(graph.stories);
        for (const line of nodes) expect(line).toMatch(/^ {2}t\d+\["[^"]*"\]$/);
        for (const line of lines.filter((l) => l.startsWith("  click ")))
          expect(line).toMatch(/^ {2}click t\d+ "[^"\s]*"$/);
      }),
    );
  });
});
