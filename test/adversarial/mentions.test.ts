import { afterEach, describe, expect, it } from "vitest";
import { readMarker } from "../../src/sync/marker.js";
import { neutralizeMarkdown, neutralizeText } from "../../src/sync/neutralize-mentions.js";
import { checkAfterEach, FULL, OWNER, REPO, startApp, type TestApp } from "../app/app-harness.js";
import { issueStatePayload } from "../app/webhook-payloads.js";

/** `@alice`, `@bob`, `@org/team` as GitHub would link them: not after a letter or digit, not in code. */
const PING = /(^|[^A-Za-z0-9])@(alice|bob|org\/team|carol)\b/;

/** Every string in a request body, with the JSON path that holds it. */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

const HOSTILE = `---
milestone_name: "Launch with @carol"
---
# Plan for @alice

## Backend, owned by @alice

- [ ] MN-1 Wire _@alice_ and \`x\`@bob into @org/team review
  - Ask **@alice** and [@bob](https://example.com) and <b>@carol</b>
  - Code stays code: \`@Component\` and
    \`\`\`ts
    @Injectable() class X {}
    \`\`\`
- [ ] MN-2 Second for @bob
- [ ] MN-3 Removed later, @carol
`;

describe("mentions in doc text", () => {
  let app: TestApp;
  checkAfterEach(() => app);

  it("never reach GitHub as mentions, in any request the app sends", async () => {
    app = startApp({});
    const sent: [string, string, string][] = [];
    const record = () =>
      app.sim.writes().forEach((r) => strings(r.body).forEach(([path, text]) => sent.push([r.path, path, text])));
    await app.push({ "docs/plan.md": HOSTILE });
    record();
    await app.push({ "docs/plan.md": HOSTILE.replace("- [ ] MN-3 Removed later, @carol\n", "") });
    record();
    const mn2 = (app.sim.issues(FULL) as any[]).find((i) => readMarker(i.body)?.id === "MN-2");
    await app.sim.handle({ method: "PATCH", url: `/repos/${FULL}/issues/${mn2.number}`, body: '{"state":"closed"}' });
    app.sim.resetLog();
    await app.receive(
      "issues",
      issueStatePayload({ owner: OWNER, repo: REPO }, app.sim.issue(FULL, mn2.number), "closed"),
    );
    record();
    const contents = sent.filter(([, path]) => !/^(content|tree\[\d+\]\.content)$/.test(path));
    expect(contents.length).toBeGreaterThan(10);
    expect(contents.filter(([, , text]) => PING.test(text))).toEqual([]);
    const bodies = (app.sim.issues(FULL) as any[]).map((i) => i.body).join("\n");
    expect(bodies).toContain("`@Component`");
    expect(bodies).toContain("@Injectable() class X {}");
  });
});

describe("mentions in a config error", () => {
  let app: ReturnType<typeof startApp>;
  afterEach(() => app?.stop());

  it("never ping from the check run", async () => {
    app = startApp({});
    await app.push({ ".github/plansync.yml": 'labels:\n  "@alice": true\n', "docs/plan.md": "- [ ] MN-1 x\n" });
    const [run] = app.sim.checkRuns(FULL);
    expect(run!.output.summary).toContain("@\u200Balice");
    expect(PING.test(run!.output.summary ?? "")).toBe(false);
  });
});

describe("neutralizeMarkdown", () => {
  it.each([
    ["_@alice_", "_@\u200Balice_"],
    ["`x`@alice", "`x`@\u200Balice"],
    ["mail bob@example.com", "mail bob@example.com"],
    ["`@alice` stays", "`@alice` stays"],
    ['<!-- plansync {"file":"@a/b.md"} -->', '<!-- plansync {"file":"@a/b.md"} -->'],
    ["@org/team", "@\u200Borg/team"],
  ])("%s", (input, output) => {
    expect(neutralizeMarkdown(input)).toBe(output);
    expect(neutralizeMarkdown(output)).toBe(output);
  });

  it("neutralises plain text everywhere but after a letter or digit", () => {
    expect(neutralizeText("Backend, owned by @alice; a@b")).toBe("Backend, owned by @\u200Balice; a@b");
  });
});
