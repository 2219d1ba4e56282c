import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readMarker, renderMarker, replaceMarker } from "../../src/sync/marker.js";
import type { Marker } from "../../src/sync/sync-types.js";

/** Any marker plansync could write: arbitrary strings in every text field, `--` and `}` included. */
const markerArb: fc.Arbitrary<Marker> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 20 }),
    scope: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    file: fc.string({ minLength: 1, maxLength: 40 }),
    state: fc.constantFrom("open" as const, "closed" as const),
    hash: fc.stringMatching(/^[0-9a-f]{12}$/),
    checks: fc.option(fc.stringMatching(/^[x ]{0,8}$/), { nil: undefined }),
    deps: fc.option(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), { nil: undefined }),
    epic: fc.option(fc.constant(true), { nil: undefined }),
    order: fc.option(fc.stringMatching(/^[0-9a-f]{0,12}$/), { nil: undefined }),
    adopted: fc.option(fc.constant(true), { nil: undefined }),
  },
  { requiredKeys: ["id", "file", "state", "hash"] },
);

/** Text a human may write: anything, marker-like text and CRLF included; only below the marker may not hold one. */
const anyText = fc.string({ unit: "binary", maxLength: 300 });
/** Above the marker a human may even paste another issue's marker: the last one is plansync's. */
const humanText = fc.oneof(
  anyText,
  fc.tuple(anyText, markerArb, anyText).map(([a, m, b]) => `${a}${renderMarker(m)}${b}`),
);
const markerFree = anyText.filter((t) => !t.includes("<!-- plansync "));

describe("replacing plansync's marker in a body a human edited (issue #20)", () => {
  it("changes no byte outside the marker, for any human text and any markers", () => {
    fc.assert(
      fc.property(humanText, markerArb, markerArb, markerFree, (above, old, next, below) => {
        const footer = "\n\n---\n<sub>From the doc. Edit the doc to change this issue.</sub>\n\n";
        const before = `${above}${footer}`;
        const after = `\n${below}`;
        const body = `${before}${renderMarker(old)}${after}`;
        const spliced = replaceMarker(body, next);
        expect(spliced).toBe(`${before}${renderMarker(next)}${after}`);
        expect(readMarker(spliced)).toEqual(readMarker(renderMarker(next)));
      }),
      { numRuns: 500 },
    );
  });

  it("is the body itself when the marker is already the one to write", () => {
    fc.assert(
      fc.property(humanText, markerArb, (above, marker) => {
        const body = `${above}\n\n${renderMarker(marker)}\n`;
        expect(replaceMarker(body, marker)).toBe(body);
      }),
    );
  });
});
