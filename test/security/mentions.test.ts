import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutralizeMarkdown, neutralizeText } from "../../src/sync/neutralize-mentions.js";
import { checkAfterEach, FULL, startApp, type TestApp } from "../app/app-harness.js";

const Z = "\u200B";

/**
 * What GitHub shows, as far as mentions go: numeric character references decoded the HTML way
 * (the semicolon is optional in raw HTML) and `&commat;`. GitHub links `@name` in what it shows
 * when the `@` does not follow a letter or digit.
 */
function shown(text: string): string {
  return text
    .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&commat;/gi, "@");
}
const LIVE = /(^|[^A-Za-z0-9])@[A-Za-z0-9]/;
/** HTML comments are not shown; the generator below only writes well-formed ones. */
const liveMention = (markdown: string) => LIVE.test(shown(markdown.replace(/<!--[\s\S]*?-->/g, "")));

describe("a mention written as an HTML character reference", () => {
  it.each([
    ["&#64;alice", `&#64;${Z}alice`],
    ["&#064;alice", `&#064;${Z}alice`],
    ["&#00064;alice", `&#00064;${Z}alice`],
    ["&#x40;alice", `&#x40;${Z}alice`],
    ["&#X0040;alice", `&#X0040;${Z}alice`],
    ["&commat;alice", `&commat;${Z}alice`],
    ["&COMMAT;alice", `&COMMAT;${Z}alice`],
    ["ask &#64;org/team", `ask &#64;${Z}org/team`],
    ["@&#97;lice", `@${Z}&#97;lice`],
  ])("%s is neutralised in text and in markdown", (input, output) => {
    expect(neutralizeText(input)).toBe(output);
    expect(neutralizeMarkdown(input)).toBe(output);
    expect(neutralizeMarkdown(output)).toBe(output);
  });

  it.each([
    ["[&#64;alice](https://example.com)", `[&#64;${Z}alice](https://example.com)`],
    ["**&#x40;alice**", `**&#x40;${Z}alice**`],
    ["<b>&commat;alice</b>", `<b>&commat;${Z}alice</b>`],
    ["<details>&#64alice</details>", `<details>&#64${Z}alice</details>`],
  ])("%s is neutralised in link text, emphasis and HTML", (input, output) => {
    expect(neutralizeMarkdown(input)).toBe(output);
  });

  it.each([["bob&#64;example.com"], ["&#64;&#8203;alice"], ["`&#64;alice`"], ["&#x40a"], ["&#640;"]])(
    "%s is left alone: an address, already neutral, code, or no @",
    (input) => {
      expect(neutralizeMarkdown(input)).toBe(input);
    },
  );
});

describe("a mention in an HTML block", () => {
  it.each([
    ["<!-- x --> cc @alice", `<!-- x --> cc @${Z}alice`],
    ["<!-- @bob --> cc @alice", `<!-- @bob --> cc @${Z}alice`],
    ["<!-- a --><!-- b -->@alice", `<!-- a --><!-- b -->@${Z}alice`],
    ["<!-- a --!> @alice -->", `<!-- a --!> @${Z}alice -->`],
    ["<!--> @alice -->", `<!--> @${Z}alice -->`],
    ["<details><summary>@alice</summary>", `<details><summary>@${Z}alice</summary>`],
    ["<b>@alice</b>", `<b>@${Z}alice</b>`],
    ["text <i>@alice</i> <!-- @bob -->", `text <i>@${Z}alice</i> <!-- @bob -->`],
  ])("%s: only the comment is left alone", (input, output) => {
    expect(neutralizeMarkdown(input)).toBe(output);
    expect(neutralizeMarkdown(output)).toBe(output);
  });

  it("leaves a marker with an @ in its file path as it is", () => {
    const marker = '<!-- plansync {"id":"A-1","file":"docs/@team/plan.md","state":"open","hash":"h"} -->';
    expect(neutralizeMarkdown(`Ask @alice\n\n${marker}\n`)).toBe(`Ask @${Z}alice\n\n${marker}\n`);
  });
});

describe("deeply nested markdown", () => {
  it("is neutralised without a RangeError", () => {
    const deep = `${"> ".repeat(6000)}cc @alice and &#64;bob`;
    const out = neutralizeMarkdown(deep);
    expect(out).toBe(`${"> ".repeat(6000)}cc @${Z}alice and &#64;${Z}bob`);
  });
});

/** Where a mention can sit in a doc: every context GitHub renders as text. */
const contexts: ((m: string) => string)[] = [
  (m) => m,
  (m) => `cc ${m}, thanks`,
  (m) => `_${m}_`,
  (m) => `**${m}**`,
  (m) => `~~${m}~~`,
  (m) => `[${m}](https://example.com)`,
  (m) => `<b>${m}</b>`,
  (m) => `<details><summary>${m}</summary>\n\n${m}\n\n</details>`,
  (m) => `<!-- note --> cc ${m}`,
  (m) => `<!-- ${m} --> ${m}`,
  (m) => `\`x\`${m}`,
  (m) => `\\${m}`,
  (m) => `# ${m}`,
  (m) => `- [ ] A-1 ${m}`,
  (m) => `> ${m}`,
  (m) => `| a | b |\n| - | - |\n| ${m} | x |`,
  (m) => `(${m})`,
];
const mentions = fc.constantFrom(
  "@alice",
  "@org/team",
  "&#64;alice",
  "&#0064;bob",
  "&#x40;carol",
  "&#X0040;dave",
  "&commat;erin",
  "&#64frank",
  "@&#97;lice",
);
const separators = fc.constantFrom(" ", "\n", "\n\n", "", "x", "_", "*", "&", "@", ";");
const doc = fc
  .array(fc.tuple(fc.nat(contexts.length - 1), mentions, separators), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.map(([c, m, sep]) => contexts[c]!(m) + sep).join(""));
/** Strings of the characters that matter, for idempotence on arbitrary input. */
const noise = fc
  .array(fc.constantFrom("@", "a", "1", " ", "\n", "&", "#", "x", "40", "64", ";", "commat", "<", ">", "!--", "-->"), {
    maxLength: 40,
  })
  .map((parts) => parts.join(""))
  .chain((s) => fc.constantFrom(s, `\`${s}\``, `<b>${s}</b>`, `[${s}](u)`, `- ${s}`));

describe("neutralisation, as properties", () => {
  it("leaves no live mention in a doc, in any context", () => {
    fc.assert(
      fc.property(doc, (markdown) => {
        expect(liveMention(neutralizeMarkdown(markdown))).toBe(false);
        expect(LIVE.test(shown(neutralizeText(markdown)))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("is idempotent: neutralising twice changes nothing", () => {
    fc.assert(
      fc.property(fc.oneof(doc, noise), (text) => {
        const markdown = neutralizeMarkdown(text);
        expect(neutralizeMarkdown(markdown)).toBe(markdown);
        const plain = neutralizeText(text);
        expect(neutralizeText(plain)).toBe(plain);
      }),
      { numRuns: 500 },
    );
  });
});

/** Every string in a request body except file contents, which are the doc's own bytes. */
function writtenStrings(value: unknown, key = ""): string[] {
  if (typeof value === "string") return key === "content" ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => writtenStrings(v));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => writtenStrings(v, k));
  return [];
}

describe("hidden mentions in a doc", () => {
  let app: TestApp;
  checkAfterEach(() => app);

  it("reach GitHub neutralised, in every request the app writes", async () => {
    app = startApp({});
    await app.push({
      "docs/plan.md": "# Plan\n\n- [ ] HM-1 Ask &#64;alice\n\n  <!-- x --> cc @bob and &commat;carol\n",
    });
    const [issue] = app.sim.issues(FULL) as { title: string; body: string }[];
    expect(issue!.title).toBe(`HM-1: Ask @${Z}alice`);
    expect(issue!.body).toContain(`<!-- x --> cc @${Z}bob and &commat;${Z}carol`);
    const written = app.sim.writes().flatMap((r) => writtenStrings(r.body));
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter(liveMention)).toEqual([]);
  });
});
