import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config/read-config.js";
import { compileGlobs, globProblem } from "../../src/sync/glob.js";

const GLOBS = [
  "docs/**/*.md",
  "**/tasks.md",
  "plans/*.md",
  "specs/**/spec?.md",
  "docs/[a-c]*/*.md",
  "docs/[^a]*.md",
  "{docs,plans}/**/*.{md,markdown}",
  ".kiro/specs/*/tasks.md",
  "**/*",
  "a/**/b/**/c.md",
];
const PATHS = [
  "docs/plan.md",
  "docs/a/b/c/plan.md",
  "tasks.md",
  "specs/001-x/tasks.md",
  "plans/x.md",
  "plans/sub/x.md",
  "specs/a/spec1.md",
  "specs/a/spec12.md",
  "docs/b1/x.md",
  "docs/z1/x.md",
  "docs/ab.md",
  "docs/zb.md",
  "plans/q/r.markdown",
  ".kiro/specs/auth/tasks.md",
  ".github/plansync.yml",
  "a/b/c.md",
  "a/x/b/y/z/c.md",
  "a/c.md",
  "README.md",
];

describe("the glob matcher", () => {
  it.each(GLOBS)("agrees with picomatch on %s", (glob) => {
    const ours = compileGlobs([glob]);
    const theirs = picomatch(glob, { dot: true });
    for (const path of PATHS) expect([path, ours(path)]).toEqual([path, theirs(path)]);
  });

  it("reads [!a] as POSIX negation, like [^a]", () => {
    const match = compileGlobs(["docs/[!a]*.md"]);
    expect([match("docs/plan.md"), match("docs/ab.md")]).toEqual([true, false]);
  });

  it("matches a pattern that makes regex matchers backtrack for minutes, at once", () => {
    const glob = "*a*a*/*a*a*/*a*a*/*a*a*/**/*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b.md";
    const path = `${"a".repeat(250)}/`.repeat(12) + "a".repeat(250);
    const started = performance.now();
    expect(compileGlobs([glob])(path)).toBe(false);
    // Not a speed assertion: a regex matcher would not return within the test's timeout at all.
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it.each([
    ["!docs/*.md", "negated"],
    ["docs/@(a|b).md", "extglob"],
    ["docs/{a,{b,c}}.md", "nests braces"],
    ["docs/{1..500}.md", "brace range"],
    ["{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}.md", "more than 32"],
    ["x".repeat(201), "longer than 200"],
  ])("rejects %s with a config error", (glob, words) => {
    expect(globProblem(glob)).toContain(words);
    const result = readConfig({ paths: [glob] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^paths\.0: the glob/);
  });
});
