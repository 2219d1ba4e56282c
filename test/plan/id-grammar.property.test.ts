import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../src/plan/index.js";
import { idKey } from "../../src/plan/task-id.js";

/**
 * Task lines generated from the grammar (README "Task IDs"), whole docs of them, and the parser
 * must find exactly those tasks. Then near-misses that must add none.
 */

const SEED = 2126;
const RUNS = 150;

const letters = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((cs) => cs.join(""));
const digits = (min: number, max: number) => letters("0123456789", min, max);
/** No `v`: `v1.2` is a version. */
const UPPER = "ABCDEFGHIJKLMNOPQRSTUWXYZ";

/** Letter-led: prefix runs of one case joined by - _ . , the number glued or after a separator, more dotted or dashed parts, a letter suffix. */
const prefixedId = fc
  .record({
    upper: fc.boolean(),
    runs: fc.array(letters(UPPER, 1, 3), { minLength: 1, maxLength: 3 }),
    joins: fc.array(fc.constantFrom("-", "_", "."), { minLength: 2, maxLength: 2 }),
    glue: fc.constantFrom("", "-", "_"),
    first: digits(1, 4),
    more: fc.array(fc.tuple(fc.constantFrom(".", "-"), digits(1, 3)), { maxLength: 2 }),
    suffix: fc.constantFrom("", "", "a", "b"),
  })
  .map(({ upper, runs, joins, glue, first, more, suffix }) => {
    const prefix = runs.map((r, i) => (i === 0 ? r : joins[(i - 1) % 2] + r)).join("");
    // A lowercase ID has a number of three digits or more; a bare `T1` needs siblings with its
    // prefix (id-grammar.ts needsConvention), so a lone glued number is written padded.
    const bare = runs.length === 1 && glue === "" && more.length === 0;
    const number = bare ? "0" + first.padStart(2, "0") : upper ? first : first.padStart(3, "0");
    const id = prefix + glue + number + more.map(([s, d]) => s + d).join("") + suffix;
    return upper ? id : id.toLowerCase();
  });

/** Number-led: dotted parts of up to three digits, a lone number with its dot, a letter suffix. */
const outlineId = fc
  .record({
    parts: fc.array(digits(1, 3), { minLength: 1, maxLength: 4 }),
    suffix: fc.constantFrom("", "", "b"),
    dot: fc.boolean(),
  })
  .map(({ parts: written, suffix, dot }) => {
    // No part has a leading zero (`12.05.` is a date) and only two-part numbers end a part in 0
    // (`2.0.0` is a release).
    const parts = written.map((p, i) => String(Number(p) || (i > 0 && written.length > 2 ? 1 : 0)));
    const id = parts.join(".") + (parts.length > 1 ? suffix : "");
    return { id, written: id + (parts.length === 1 || (dot && suffix === "") ? "." : "") };
  });

const DECORATIONS: ((id: string) => string)[] = [
  (id) => id,
  (id) => `**${id}**`,
  (id) => `\`${id}\``,
  (id) => `[${id}]`,
  (id) => `**[${id}]**`,
  (id) => `*${id}*`,
];
const EMOJI = ["", "", "✅ ", "🟡 ", "⚠️ ", "🔴 "];
/** Without a box, a status emoji says the state: ✅ done, 🟡 in progress (open); the others nothing. */
const EMOJI_CHECKED: Record<string, boolean | null> = { "✅ ": true, "🟡 ": false };
const COLONS = ["", ":", "："];
const MARKS: [string, boolean][] = [
  [" ", false],
  ["x", true],
  ["X", true],
  ["~", false],
  ["-", false],
  ["/", false],
  ["✓", true],
];
const BULLETS = ["-", "*", "+", "1.", "1)"];
const word = letters("abcdefghijklmnopqrstuwyz", 3, 8);

const lineShape = fc.record({
  decoration: fc.nat(DECORATIONS.length - 1),
  emoji: fc.constantFrom(...EMOJI),
  colon: fc.constantFrom(...COLONS),
  mark: fc.nat(MARKS.length - 1),
  bullet: fc.constantFrom(...BULLETS),
  indent: fc.constantFrom("", "  "),
  title: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" ")),
});

interface Doc {
  source: string;
  tasks: { id: string; title: string; checked: boolean | null; line: number }[];
}

/** One family of IDs per doc (a doc's convention), all boxed or (letter-led only) all box-less. */
const doc = fc
  .record({
    outline: fc.boolean(),
    boxed: fc.boolean(),
    crlf: fc.boolean(),
    prefixed: fc.uniqueArray(prefixedId, { minLength: 1, maxLength: 8, selector: idKey }),
    outlines: fc.uniqueArray(outlineId, { minLength: 1, maxLength: 8, selector: (o) => o.id }),
    shapes: fc.array(lineShape, { minLength: 8, maxLength: 8 }),
  })
  .map(({ outline, boxed, crlf, prefixed, outlines, shapes }): Doc => {
    const ids = outline ? outlines : prefixed.map((id) => ({ id, written: id }));
    const withBox = outline || boxed;
    const lines = ["# Plan", ""];
    const tasks: Doc["tasks"] = [];
    ids.forEach(({ id, written }, i) => {
      const shape = shapes[i]!;
      const [mark, done] = MARKS[shape.mark]!;
      // A bracketed ID before a colon would be a link definition; brackets take no colon.
      const decorated = DECORATIONS[shape.decoration]!(written);
      const colon = decorated.endsWith("]") || written.endsWith(".") ? "" : shape.colon;
      const box = withBox ? `[${mark}] ` : "";
      const indent = i === 0 ? "" : shape.indent;
      lines.push(`${indent}${shape.bullet} ${box}${shape.emoji}${decorated}${colon} ${shape.title}`);
      tasks.push({
        id,
        title: shape.title,
        checked: withBox ? done : (EMOJI_CHECKED[shape.emoji] ?? null),
        line: lines.length,
      });
    });
    return { source: lines.join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n"), tasks };
  });

describe("generated task lines", () => {
  it("are read as exactly the tasks written", () => {
    fc.assert(
      fc.property(doc, ({ source, tasks }) => {
        const plan = parsePlan(source);
        expect(plan.tasks.map((t) => ({ id: t.id, title: t.title, checked: t.checked, line: t.line }))).toEqual(tasks);
        expect(plan.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

const nearMiss = fc.oneof(
  digits(1, 4).map((n) => `- [x] ${String(Number(n) + 2)} tests passing`),
  fc.tuple(digits(2, 3), digits(2, 3)).map(([a, b]) => `- [ ] T${a}-T${b} can run together`),
  fc.tuple(digits(2, 3), digits(2, 3)).map(([a, b]) => `- [ ] T${a}–T${b} can run together`),
  fc.constantFrom("2025-12-21", "1999-01-02").map((d) => `- [ ] ${d} planning day`),
  fc.constantFrom("10:30", "9:05").map((t) => `- [ ] ${t} stand-up`),
  fc.constantFrom("v1.2.3", "v2.0", "1.2.3-beta", "2.0.0-rc1").map((v) => `- [ ] ${v} release notes`),
  fc.constantFrom("OAuth2", "IPv6", "mp3", "x86", "i18n", "utf-8", "be-7").map((w) => `- [ ] ${w} support`),
  fc.constantFrom("https://example.com/T001", "@dev1", "#123", "50%").map((w) => `- [ ] ${w} follow-up`),
);

describe("near-misses", () => {
  it("add no task to a doc of real ones, nor do later mentions of its IDs", () => {
    fc.assert(
      fc.property(doc, fc.array(nearMiss, { minLength: 1, maxLength: 5 }), ({ source, tasks }, misses) => {
        const first = tasks[0]!.id;
        const mentions = [`- ${first} is mentioned again here`, "", `See ${first} for the details.`, ""];
        const table = ["| Task | State |", "| --- | --- |", `| ${first} | done |`, ""];
        const eol = source.includes("\r\n") ? "\r\n" : "\n";
        const more = ["", "## Later", "", ...misses, "", ...mentions, ...table].join(eol);
        const plan = parsePlan(source + more);
        expect(plan.tasks.map((t) => [t.id, t.line])).toEqual(tasks.map((t) => [t.id, t.line]));
        expect(plan.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
