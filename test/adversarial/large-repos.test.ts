import { describe, expect, it } from "vitest";
import { checkAfterEach, FULL, issueOfTask, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { installationCreatedPayload, issueStatePayload } from "../app/webhook-payloads.js";

let app: TestApp;
checkAfterEach(() => app);

const issueOf = (id: string) => issueOfTask(app, id);

describe("a plan file over 1 MB", () => {
  it("is written back through the blobs API, byte-exact", async () => {
    app = startApp({});
    const filler = Array.from({ length: 12_000 }, (_, i) => `Paragraph ${i}: ${"z".repeat(80)}\n`).join("\n");
    const plan = `# Plan\n\n- [ ] BG-1 First\n- [ ] BG-2 Second\n\n${filler}`;
    expect(plan.length).toBeGreaterThan(1_048_576);
    await app.push({ "docs/big.md": plan });
    const number = issueOf("BG-2").number;
    await app.sim.handle({ method: "PATCH", url: `/repos/${FULL}/issues/${number}`, body: '{"state":"closed"}' });
    await app.receive("issues", issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, number), "closed"));
    expect(app.sim.readFile(FULL, "main", "docs/big.md")).toBe(plan.replace("[ ] BG-2", "[x] BG-2"));
  });
});

describe("a monorepo whose tree is too large for one listing", () => {
  it("is still scanned whole", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`src/pkg${i}/index.ts`] = "export {};\n";
    files["docs/plan.md"] = "- [ ] MO-1 In docs\n";
    files["services/api/tasks.md"] = "- [ ] MO-2 In a service\n";
    app = startApp(files);
    app.sim.limitTreeListing(FULL, 50);
    await app.receive("installation", installationCreatedPayload({ owner: OWNER, repo: REPO }));
    expect(issueOf("MO-1")).toBeDefined();
    expect(issueOf("MO-2")).toBeDefined();
  });
});
