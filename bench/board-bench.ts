import { readFileSync } from "node:fs";
import { FULL, startApp } from "../test/app/app-harness.js";
import type { LoggedRequest } from "../test/sim/github-sim.js";
import { countWrites, isWrite } from "./request-counts.js";

const EPICS = readFileSync(new URL("../fixtures/plans/epic-breakdown.md", import.meta.url), "utf8");
const PATH = "docs/epics.md";
const BOARD = { owner: "orgs/acme", number: 7 };
const CONFIG = "project: https://github.com/orgs/acme/projects/7\n";
const ADD = "graphql:mutation:addProjectV2ItemById";
const SET = "graphql:mutation:updateProjectV2ItemFieldValue";
const CLEAR = "graphql:mutation:clearProjectV2ItemFieldValue";

/** A board with the four fields issue #23 names. */
const FIELDS = [
  { name: "Status", dataType: "SINGLE_SELECT" as const, options: ["Todo", "In Progress", "Done"] },
  { name: "Estimate", dataType: "NUMBER" as const },
  { name: "Priority", dataType: "SINGLE_SELECT" as const, options: ["Critical", "High", "Medium", "Low"] },
  {
    name: "Iteration",
    dataType: "ITERATION" as const,
    iterations: [
      { title: "Sprint 1", startDate: "2026-11-02" },
      { title: "Sprint 2", startDate: "2026-11-16" },
    ],
  },
];

export interface BoardRow {
  scenario: string;
  writes: number;
  creates: number;
  /** Cards added. */
  adds: number;
  /** Card fields set or cleared. */
  fieldWrites: number;
  /** Labels, blocked-by links and check runs: the floor of a sync without a board. */
  floor: number;
  /** Anything else. */
  other: number;
  target: { text: string; ok: boolean };
  problems: string[];
}

function row(scenario: string, requests: readonly LoggedRequest[], problems: string[]) {
  const writes = requests.filter(isWrite);
  const board = writes.filter((w) => w.operationId === ADD || w.operationId === SET || w.operationId === CLEAR);
  const b = countWrites(writes.filter((w) => !board.includes(w)));
  return {
    scenario,
    writes: writes.length,
    creates: b.issueCreates,
    adds: board.filter((w) => w.operationId === ADD).length,
    fieldWrites: board.filter((w) => w.operationId !== ADD).length,
    floor: b.labels + b.blockedBy + b.checkRuns,
    other: writes.length - board.length - b.issueCreates - b.labels - b.blockedBy - b.checkRuns,
    problems,
  };
}

/**
 * The epic fixture's first sync onto a 4-field board: its creates, one add per issue, one field
 * write per field that has a value, and the floor a sync without a board has; nothing else. Then
 * the same docs again, and the same push redelivered: nothing at all.
 */
export async function benchBoard(): Promise<BoardRow[]> {
  const app = startApp({ ".github/plansync.yml": CONFIG });
  app.sim.createProject(BOARD.owner, { number: BOARD.number, title: "Ledgerly", fields: FIELDS });
  const problems = () => [...app.sim.violations, ...app.errors.map(String)];
  try {
    const payload = await app.push({ [PATH]: EPICS });
    const issues = app.sim.issues(FULL).length;
    const cards = app.sim.projectItems(BOARD.owner, BOARD.number);
    const valued = [...cards.values()].reduce((sum, card) => sum + Object.keys(card.values).length, 0);
    const first = row("first sync, epic fixture, 4-field board", app.sim.requests, problems());
    const floor = issues + issues + valued + first.floor;
    const rows: BoardRow[] = [
      {
        ...first,
        target: {
          text: `${floor} writes = ${issues} creates + ${issues} adds + ${valued} valued fields + ${first.floor} labels, blocked-by and check runs`,
          ok:
            first.creates === issues &&
            first.adds === issues &&
            cards.size === issues &&
            first.fieldWrites === valued &&
            first.other === 0 &&
            first.writes === floor,
        },
      },
    ];
    await app.push({ [PATH]: `${EPICS}\n` });
    const resync = row("re-sync, no task changed", app.sim.requests, problems());
    rows.push({ ...resync, target: { text: "0 writes", ok: resync.writes === 0 } });
    app.sim.resetLog();
    await app.receive("push", payload);
    const again = row("same push redelivered", app.sim.requests, problems());
    rows.push({ ...again, target: { text: "0 writes", ok: again.writes === 0 } });
    return rows;
  } finally {
    app.stop();
  }
}

/** Prints the table; returns the targets missed. */
export function printBoard(rows: readonly BoardRow[]): string[] {
  console.log(
    "\nBoard: writes for the epic-breakdown fixture on a board with Status, Estimate, Priority and Iteration",
  );
  console.log("| scenario | writes | creates | adds | field writes | labels, blocked-by, check runs | other |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  const missed: string[] = [];
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.writes} | ${r.creates} | ${r.adds} | ${r.fieldWrites} | ${r.floor} | ${r.other} |`,
    );
    console.log(`  target, ${r.scenario}: ${r.target.text}: ${r.target.ok ? "met" : "MISSED"}`);
    if (!r.target.ok) missed.push(`board: ${r.scenario}`);
    if (r.problems.length > 0) {
      console.log(`  problems: ${r.problems.join("; ")}`);
      missed.push(`board: ${r.scenario} had problems`);
    }
  }
  return missed;
}
