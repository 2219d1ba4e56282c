import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const writes: Record<string, string> = {};
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    writeFile: (path, text) => {
      writes[path] = text;
    },
  });
  return { code, out: out.join("\n"), err: err.join("\n"), writes };
}

const tmp = () => mkdtempSync(join(tmpdir(), "plansync-cli-"));
const write = (dir: string, name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("plansync plan", () => {
  it("prints the documented JSON shape", async () => {
    const dir = tmp();
    const path = write(
      dir,
      "p.md",
      '---\nmilestone_name: "M1"\ntarget_completion: 2026-12-15\n---\n## P\n- [x] A-1 Do it *(3 points)*\n',
    );
    const { code, out } = await run("plan", "--json", path);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      files: [
        {
          path,
          milestone: { title: "M1", dueOn: "2026-12-15", state: "open" },
          tasks: [
            {
              id: "A-1",
              scope: null,
              title: "Do it",
              checked: true,
              line: 6,
              points: 3,
              milestone: "M1",
              labels: [],
              section: ["P"],
              parent: null,
              inProgress: false,
              optional: false,
              dependsOn: [],
            },
          ],
          diagnostics: [],
        },
      ],
      progress: [{ milestone: "M1", tasks: 1, done: 1, points: 3, donePoints: 3, percent: 100 }],
    });
  });

  it("exits 1 when a diagnostic is an error, and prints a table by default", async () => {
    const dir = tmp();
    write(dir, "dup.md", "- [ ] D-1 a\n- [ ] D-1 b\n");
    const { code, out } = await run("plan", dir);
    expect(code).toBe(1);
    expect(out).toContain("D-1");
    expect(out).toMatch(/dup\.md:2:1 error \[duplicate-id\]/);
  });

  it("expands globs", async () => {
    const dir = tmp();
    write(dir, "a.md", "- [ ] A-1 a\n");
    write(dir, "b.txt", "- [ ] B-1 b\n");
    const { code, out } = await run("plan", "--json", `${dir}/*.md`);
    expect(code).toBe(0);
    expect(JSON.parse(out).files.map((f: { path: string }) => f.path)).toEqual([join(dir, "a.md")]);
  });

  it.each([
    [["plan"], "plan needs at least one file"],
    [["plan", "--bogus", "x.md"], "Unknown option '--bogus'"],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [[], "missing command"],
  ])("exits 2 on usage error %j", async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain("usage:");
  });

  it("exits 2 with one line for a missing file, a directory without markdown, and a binary file", async () => {
    const dir = tmp();
    const binary = write(dir, "x.md", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const empty = join(dir, "empty");
    execFileSync("mkdir", [empty]);
    expect(await run("plan", join(dir, "missing.md"))).toMatchObject({
      code: 2,
      err: `plansync: cannot read ${join(dir, "missing.md")}: no such file or directory`,
    });
    expect(await run("plan", empty)).toMatchObject({
      code: 2,
      err: `plansync: ${empty} holds no markdown files (*.md)`,
    });
    expect(await run("plan", binary)).toMatchObject({
      code: 2,
      err: `plansync: ${binary} is a binary file, not markdown`,
    });
  });
});

describe("plansync mark", () => {
  it("rewrites only the checkbox", async () => {
    const dir = tmp();
    const path = write(dir, "p.md", "# T\r\n- [ ] A-1 a\r\n- [ ] A-2 b\r\n");
    const { code, writes } = await run("mark", path, "A-2", "--done");
    expect(code).toBe(0);
    expect(writes[path]).toBe("# T\r\n- [ ] A-1 a\r\n- [x] A-2 b\r\n");
  });

  it("exits 1 on an unknown ID, naming the file and its IDs, and writes nothing", async () => {
    const dir = tmp();
    const path = write(dir, "p.md", "- [ ] A-1 a\n- [ ] A-2 b\n");
    const { code, err, writes } = await run("mark", path, "Z-9", "--open");
    expect(code).toBe(1);
    expect(err).toBe(`plansync: ${path} has no task Z-9. Task IDs in it: A-1, A-2.`);
    expect(writes).toEqual({});
  });

  it("needs exactly one of --done and --open", async () => {
    expect((await run("mark", "f.md", "A-1")).code).toBe(2);
    expect((await run("mark", "f.md", "A-1", "--done", "--open")).code).toBe(2);
  });
});

describe("the built bin", () => {
  const bin = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));

  it("edits a file in place and reports errors without a stack trace", async () => {
    const dir = tmp();
    const path = write(dir, "p.md", "- **BE-101:** Story\n");
    const marked = spawnSync(process.execPath, [bin, "mark", path, "BE-101", "--done"], { encoding: "utf8" });
    expect(marked.status).toBe(0);
    expect(readFileSync(path, "utf8")).toBe("- [x] **BE-101:** Story\n");
    const missing = spawnSync(process.execPath, [bin, "plan", join(dir, "nope.md")], { encoding: "utf8" });
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("reads all five format templates without crashing", async () => {
    const formats = fileURLToPath(new URL("../../../shared/formats/", import.meta.url));
    const result = spawnSync(process.execPath, [bin, "plan", "--json", formats], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect([0, 1]).toContain(result.status);
    const files = JSON.parse(result.stdout).files as { path: string; tasks: unknown[] }[];
    expect(files.map((f) => f.path.split("/").pop())).toEqual([
      "backend-spec.md",
      "epic-breakdown.md",
      "milestone.md",
      "task-list.md",
      "technical-spec.md",
    ]);
  });
});

describe("plansync plan over a spec-kit repository", () => {
  it("gives each feature's T numbers their folder as scope, and reports a repeat only within one", async () => {
    const dir = tmp();
    for (const feature of ["001-a", "002-b"]) {
      mkdirSync(join(dir, "specs", feature), { recursive: true });
      write(dir, `specs/${feature}/tasks.md`, "# Tasks: X\n\n- [ ] T001 one\n");
    }
    write(dir, "specs/002-b/extra.md", "- [ ] T001 again\n- [ ] BE-1 x\n");
    const { code, out } = await run("plan", "--json", dir);
    const files = JSON.parse(out).files as any[];
    const scopes = files.flatMap((f) => f.tasks.map((t: any) => `${t.id}@${t.scope}`));
    expect(scopes).toEqual([
      `T001@${dir}/specs/001-a`,
      `T001@${dir}/specs/002-b`,
      "BE-1@null",
      `T001@${dir}/specs/002-b`,
    ]);
    expect(files.flatMap((f) => f.diagnostics.map((d: any) => [f.path.slice(dir.length), d.code]))).toEqual([
      ["/specs/002-b/tasks.md", "duplicate-id"],
    ]);
    expect(code).toBe(1);
  });

  it("names each feature's milestone as the app does: the task list's title, else the spec's, else the folder", async () => {
    const dir = tmp();
    for (const feature of ["001-albums", "002-links", "003-export"])
      mkdirSync(join(dir, "specs", feature), { recursive: true });
    write(dir, "specs/001-albums/tasks.md", "# Tasks: Photo Albums\n\n- [ ] T001 one\n");
    write(dir, "specs/002-links/tasks.md", "# Tasks\n\n- [ ] T001 one\n");
    write(dir, "specs/002-links/spec.md", "# Feature Specification: Shared Links\n\nWhy.\n");
    write(dir, "specs/003-export/tasks.md", "- [ ] T001 one\n");
    const { code, out } = await run("plan", "--json", join(dir, "specs"));
    const files = JSON.parse(out).files as any[];
    const tasksFiles = files.filter((f) => f.path.endsWith("tasks.md"));
    expect(tasksFiles.map((f) => [f.milestone?.title, f.tasks[0].milestone])).toEqual([
      ["Photo Albums", "Photo Albums"],
      ["Shared Links", "Shared Links"],
      ["003-export", "003-export"],
    ]);
    expect(code).toBe(0);
    const table = (await run("plan", join(dir, "specs/002-links/tasks.md"))).out;
    expect(table).toContain("milestone: Shared Links (open)");
  });
});

describe("plansync ids", () => {
  const fixturePath = fileURLToPath(new URL("../../fixtures/plans/milestone-no-ids.md", import.meta.url));

  it("numbers the milestone template's ID-less tasks from the milestone, touching nothing else", async () => {
    const source = readFileSync(fixturePath, "utf8");
    const dir = tmp();
    const path = write(dir, "invoice-export.md", source);
    const { code, out, writes } = await run("ids", path);
    expect(code).toBe(0);
    expect(out).toContain(`${path}:18  added BILL-1  Add a nightly export job that streams invoices from the replica`);
    const after = writes[path]!;
    const inserted = ["BILL-1", "BILL-2", "BILL-3", "BILL-4", "BILL-5"];
    // Byte-exact: removing the inserted IDs gives back the original text.
    expect(inserted.reduce((text, id) => text.replace(`${id} `, ""), after)).toBe(source);
    expect(after).toContain("- [x] BILL-3 Store each export under");
    expect(after).toContain("## Acceptance Criteria\n- [ ] A month with 40,000 invoices");
    // Run again on the result: nothing left to number.
    write(dir, "invoice-export.md", after);
    expect((await run("ids", path)).writes).toEqual({});
  });

  it("continues the file's own IDs, keeping their padding, and prints a dry run without writing", async () => {
    const dir = tmp();
    const path = write(dir, "sprint.md", "## Tasks\n- [ ] PAY-007 a\n- [ ] Write the runbook\n  - [ ] sub check\n");
    const { code, out, writes } = await run("ids", "--dry-run", path);
    expect(code).toBe(0);
    expect(writes).toEqual({});
    expect(out).toContain(`${path}:3  would add PAY-008  Write the runbook`);
    expect(out).toContain("Would number 1 task.");
  });

  it("asks for --prefix when a file has neither IDs nor a milestone, and takes it", async () => {
    const dir = tmp();
    const path = write(dir, "todo.md", "# Launch\n\n## To do\n- [ ] Book the venue\n");
    const missing = await run("ids", path);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/--prefix/);
    const given = await run("ids", "--prefix", "LAUNCH", path);
    expect(given.writes[path]).toBe("# Launch\n\n## To do\n- [ ] LAUNCH-1 Book the venue\n");
  });

  it("never repeats an ID across the files of a directory", async () => {
    const dir = tmp();
    write(dir, "a.md", "## Tasks\n- [ ] OPS-1 a\n- [ ] new a\n");
    write(dir, "b.md", "## Tasks\n- [ ] OPS-2 b\n- [ ] new b\n");
    const { writes } = await run("ids", dir);
    expect(
      Object.values(writes)
        .join("\n")
        .match(/OPS-\d+/g)!
        .sort(),
    ).toEqual(["OPS-1", "OPS-2", "OPS-3", "OPS-4"]);
  });
});
