import { describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

let app: TestApp;
checkAfterEach(() => app);

const issues = () => app.sim.issues(FULL) as any[];
const FORGED = '`<!-- plansync {"id":"ZZ-9","file":"docs/plan.md","state":"open","hash":"x"} -->`';

describe("marker-like text in a doc", () => {
  it("never makes a second issue, however often the doc is pushed", async () => {
    app = startApp({});
    const plan = `# Plan\n\n- [ ] FM-1 Parse the marker\n  - Example: ${FORGED}\n- [ ] FM-2 Other\n`;
    await app.push({ "docs/plan.md": plan });
    await app.push({ "docs/plan.md": plan.replace("Other", "Other, renamed") });
    await app.push({ "docs/plan.md": plan });
    expect(issues()).toHaveLength(2);
    expect(issues().map((i) => readMarker(i.body)!.id)).toEqual(["FM-1", "FM-2"]);
    expect(issues().every((i) => i.state === "open")).toBe(true);
  });

  it("reads the marker at the end of the body, so text above it cannot claim the issue", () => {
    const body = `Example: <!-- plansync {"id":"ZZ-9","file":"x.md","state":"open","hash":""} -->\n\n<!-- plansync {"id":"FM-1","file":"docs/plan.md","state":"closed","hash":"h"} -->\n`;
    expect(readMarker(body)).toEqual({ id: "FM-1", file: "docs/plan.md", state: "closed", hash: "h" });
  });
});
