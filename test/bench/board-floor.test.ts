import { describe, expect, it } from "vitest";
import { benchBoard } from "../../bench/board-bench.js";

/** The board row of the bench, pinned: `npm run bench board` prints it, this fails when a count moves. */
describe("GitHub's floor with a board: request counts of the bench table", () => {
  it("epic-breakdown fixture on a 4-field board: 17 creates + 17 adds + 17 valued fields + 8 floor; then nothing", async () => {
    const [first, resync, redelivered] = await benchBoard();
    expect(first!.problems).toEqual([]);
    expect({
      writes: first!.writes,
      creates: first!.creates,
      adds: first!.adds,
      fieldWrites: first!.fieldWrites,
      floor: first!.floor,
      other: first!.other,
    }).toEqual({ writes: 59, creates: 17, adds: 17, fieldWrites: 17, floor: 8, other: 0 });
    expect(first!.target.ok).toBe(true);
    expect([resync!.writes, redelivered!.writes]).toEqual([0, 0]);
    expect([resync!.problems, redelivered!.problems]).toEqual([[], []]);
  }, 120_000);
});
