/**
 * Plan files that once stalled the app (issue #19), and a large file that must still be read.
 * Shared by the parse pool's tests, the end-to-end test and the bench.
 */

/** 50,000 nested block quotes on one line (50 KB): once a stack overflow after a minute of CPU. */
export function nestedQuotes(levels = 50_000): string {
  return `# Quotes\n\n${">".repeat(levels)} BE-001 deep\n`;
}

/** 20,000 nested list levels on one line (40 KB): once more than a minute of CPU. */
export function nestedLists(levels = 20_000): string {
  return `# Lists\n\n${"- ".repeat(levels)}BE-001 deep\n`;
}

/** Checklist lines without task IDs, `bytes` long or a little over: big, and no issue to create. */
export function checklistLines(bytes: number): string {
  const lines = ["# Checklist", ""];
  let size = 13;
  for (let i = 1; size < bytes; i++) {
    const line = `- [ ] Check item number ${i} of the long list`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}
