/** `unit` repeated until the text is at least `bytes` long. */
export function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.ceil(bytes / unit.length)));
}

/** `- [ ] BE-001 Title (depends on BE-002)`, and so on. */
export function taskLine(i: number): string {
  const id = (n: number) => `BE-${String(n).padStart(3, "0")}`;
  return `- [ ] ${id(i)} Title ${i} (depends on ${id(i + 1)})`;
}

/** Lines until the text is at least `bytes` long. */
function linesTo(bytes: number, line: (i: number) => string): string {
  const lines: string[] = [];
  for (let i = 1, size = 0; size < bytes; i++) {
    lines.push(line(i));
    size += lines[lines.length - 1]!.length + 1;
  }
  return lines.join("\n");
}

/** Backtick runs of growing length, each left open: every run looks ahead for its closer. */
function backtickRuns(bytes: number): string {
  let text = "";
  for (let k = 1; text.length < bytes; k++) text += `${"`".repeat(k % 200)}a `;
  return text;
}

/**
 * The shapes that made the parser slow or throw (#19), by name, each as a function of the size
 * in bytes. Some are refused by the limits, the others must parse in linear time.
 */
export const HOSTILE_SHAPES: Record<string, (bytes: number) => string> = {
  "nested `> `": (n) => `${repeatTo("> ", n)}- [ ] T001 Deep\n`,
  "nested `>`": (n) => `${repeatTo(">", n)}\n`,
  "nested lists on one line": (n) => `${repeatTo("- ", n)}x\n`,
  "nested lists by indentation": (n) => linesTo(n, (i) => `${" ".repeat(2 * (i % 30))}- [ ] T${i} level`),
  "quotes on every line": (n) => repeatTo("> > > > a* b_ c]\n", n),
  "dots after a dependency": (n) => `- [ ] T001 Title\n  - depends on ${repeatTo(".", n)}x\n`,
  "colons in a dependency statement": (n) => `T001 depends on T002 ${repeatTo(":", n)}x\n`,
  "a run of dashes": (n) => `${repeatTo("-", n)}x\n`,
  "closing stars": (n) => repeatTo("a* ", n),
  "closing underscores": (n) => repeatTo("a_ ", n),
  "closing tildes": (n) => repeatTo("a~~ ", n),
  "nested emphasis": (n) => `${repeatTo("*a _b ", n / 2)}c${repeatTo(" b_ a*", n / 2)}`,
  brackets: (n) => repeatTo("a] [b ", n),
  "open brackets": (n) => repeatTo("[", n),
  parens: (n) => repeatTo("(", n),
  "backtick runs": backtickRuns,
  "processing instructions": (n) => repeatTo("a <? ", n),
  ampersands: (n) => repeatTo("&a", n),
  "one huge line of words": (n) => repeatTo("word ", n),
  "many tasks": (n) => linesTo(n, taskLine),
  "tasks with hostile notes": (n) =>
    linesTo(n, (i) => `${taskLine(i)}\n  - depends on ${".".repeat(i % 300)}x ${"a* ".repeat(i % 40)}`),
  "milestone headings over tasks": (n) => linesTo(n, (i) => `# Milestone: m${i}\n\n- [ ] T${i} x\n`),
  "epic headings": (n) => linesTo(n, (i) => `## EP-${i}: x epic\n`),
  "a task naming every ID": (n) => `- [ ] T1 x\n  - depends on ${linesTo(n, (i) => `T${i + 1}`).replace(/\n/g, " ")}\n`,
  "paragraphs of closers between blank lines": (n) => repeatTo(`${"a* ".repeat(60)}\n\n`, n),
};
