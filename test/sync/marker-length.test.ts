import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readMarker, renderMarker } from "../../src/sync/marker.js";
import type { Marker } from "../../src/sync/sync-types.js";

/** The longest record plansync writes: 50 dependencies (its cap) of 64-character IDs (the ID limit). */
const longest: Marker = {
  id: "X".repeat(64),
  scope: "s".repeat(64),
  file: `docs/${"p".repeat(200)}.md`,
  state: "closed",
  hash: "0123456789abcdef",
  checks: "x ".repeat(600),
  deps: Array.from({ length: 50 }, (_, i) => `${"T".repeat(60)}${String(i).padStart(4, "0")}`),
  order: "o".repeat(64),
};

describe("the marker's length", () => {
  it("reads back the longest record plansync writes (a 2,000-character bound lost it: a duplicate on every push)", () => {
    const rendered = renderMarker(longest);
    expect(rendered.length).toBeGreaterThan(2_000);
    expect(readMarker(`Some text\n\n---\n<sub>footer</sub>\n\n${rendered}\n`)).toEqual(longest);
  });

  it("round-trips any record the writer can make", () => {
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
    fc.assert(
      fc.property(id, fc.array(id, { maxLength: 50 }), fc.stringMatching(/^[x ]{0,1500}$/), (taskId, deps, checks) => {
        const marker: Marker = { id: taskId, file: "docs/plan.md", state: "open", hash: "h", checks, deps };
        const read = readMarker(`body\n\n${renderMarker(marker)}\n`);
        expect(read).toEqual({ ...marker, ...(deps.length === 0 && { deps: undefined }) });
      }),
      { numRuns: 200 },
    );
  });

  it("stays linear on bodies built to make a marker search backtrack", () => {
    const bodies = [
      "<!-- plansync {".repeat(4_369),
      `<!-- plansync {${"a".repeat(65_000)}`,
      "<!-- plansync {} -- ".repeat(3_000),
      `${"<!-- plansync {".repeat(2_000)}${renderMarker(longest)}`,
    ];
    const started = performance.now();
    const found = bodies.map((body) => readMarker(body)?.id ?? null);
    expect(found).toEqual([null, null, null, longest.id]);
    // Generous for a loaded machine: the 2,000-bounded search took 34 ms on the first body alone.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
