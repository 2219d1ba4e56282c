import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";
import { collectTasks } from "../../src/sync/collect-tasks.js";
import { epicPicture } from "../../src/sync/epic-diagram.js";
import { createScoper } from "../../src/sync/task-scope.js";

/**
 * README: titles in the picture have "every character that could end the label
 * or the code block escaped", as Mermaid's `#<code>;` entities (epic-diagram.ts escapeLabel).
 *
 * Mermaid rewrites the whole diagram text before parsing it. This is `encodeEntities` and
 * `decodeEntities`, verbatim from mermaid 11.17.2 (dist/chunks/mermaid.core/chunk-75Z2AOVW.mjs,
 * lines 521-542; src/mermaidAPI.ts upstream), run by `Diagram.fromText` on every diagram. Its first
 * rule strips the last `;` of any line matching /style.*:\S*#.*;/ (meant for `style` statements),
 * and a node line is such a line when its title says "style:" just before an escaped character.
 * Checked against the real mermaid 11.17.2 under jsdom: `t1["BIL-1: Theme style:#123;dark#125;"]`
 * parses to the label `BIL-1: Theme style:&#123;dark#125`, so the box shows "{dark#125".
 */
function mermaidEncodeEntities(text: string): string {
  let txt = text;
  txt = txt.replace(/style.*:\S*#.*;/g, (s) => s.substring(0, s.length - 1));
  txt = txt.replace(/classDef.*:\S*#.*;/g, (s) => s.substring(0, s.length - 1));
  txt = txt.replace(/#\w+;/g, (s) => {
    const inner = s.substring(1, s.length - 1);
    return /^\+?\d+$/.test(inner) ? `\uFB02\xB0\xB0${inner}\xB6\xDF` : `\uFB02\xB0${inner}\xB6\xDF`;
  });
  return txt;
}
const mermaidDecodeEntities = (text: string) => text.replace(/ﬂ°°/g, "&#").replace(/ﬂ°/g, "&").replace(/¶ß/g, ";");
/** What the browser shows for the label's HTML text. */
const shown = (html: string) => html.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)));

/** The labels a reader sees in the picture, by node name. */
function labelsSeen(titles: string[]): string[] {
  const scoper = createScoper([]);
  const doc = ["# Plan", "", "### Epic 1: Theming", "", ...titles.map((t, i) => `- [ ] BIL-${i + 1}: ${t}`), ""].join(
    "\n",
  );
  const { winners } = collectTasks([{ path: "docs/plan.md", plan: parsePlan(doc) }], new Map(), scoper, {
    epics: true,
  });
  const epic = winners.find((w) => w.epic)!;
  const tasks = new Map(winners.map((w) => [w.key, w]));
  const { text } = epicPicture(epic, {
    scoper,
    tasks,
    elsewhere: () => false,
    owners: new Map(),
    htmlUrl: "https://github.com/o/r",
    sha: "abc1234",
  });
  const diagram = text.slice(text.indexOf("```mermaid\n") + 11, text.lastIndexOf("\n```"));
  return mermaidEncodeEntities(diagram)
    .split("\n")
    .flatMap((line) => /^ {2}t\d+\["(.*)"\]$/.exec(line)?.[1] ?? [])
    .map((label) => shown(mermaidDecodeEntities(label)));
}

describe("an epic's picture as Mermaid reads it", () => {
  it("shows every story title as written, including titles that say style: before punctuation", () => {
    const titles = [
      'CSS style:"compact" mode',
      "Use the style:{x} syntax",
      "Stylesheet order:[main, theme]",
      'Plain "quoted" tag',
    ];
    expect(labelsSeen(titles)).toEqual(titles.map((t, i) => `BIL-${i + 1}: ${t}`));
  });
});
