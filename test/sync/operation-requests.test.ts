import { describe, expect, it } from "vitest";
import { requestsOf, requestsOfAll } from "../../src/sync/operation-requests.js";
import type { Operation } from "../../src/sync/sync-types.js";

const update = (fields: Partial<Extract<Operation, { kind: "update-issue" }>>): Operation => ({
  kind: "update-issue",
  issue: { number: 7 },
  taskId: "T7",
  reason: "changed in the doc",
  ...fields,
});

describe("the requests an operation sends (what the write budget counts)", () => {
  it("counts an update's fields once, labels added once, each label removed, and assignees added and removed", () => {
    expect(
      [
        update({ title: "New", state: "closed", stateReason: "completed" }),
        update({ labels: { add: ["a", "b"], remove: ["c", "d", "e"] } }),
        update({ body: "x", assignees: { add: ["ann"], remove: ["bob", "cy"] } }),
        update({}),
      ].map((op) => requestsOf(op).requests),
    ).toEqual([1, 4, 3, 0]);
  });

  it("counts one request per blocker added or removed, and sums them with the notifying ones apart", () => {
    const blocked: Operation = {
      kind: "set-blocked-by",
      issue: { number: 3 },
      taskId: "T3",
      add: [
        { ref: { number: 1 }, taskId: "T1" },
        { ref: { number: 2 }, taskId: "T2" },
      ],
      remove: [{ number: 9, taskId: "T9" }],
      read: true,
    };
    const create: Operation = {
      kind: "create-issue",
      taskId: "T4",
      title: "T4",
      body: "",
      labels: [],
      milestone: null,
      assignees: [],
    };
    expect(requestsOfAll([blocked, create, create])).toEqual({ requests: 5, notifying: 2 });
  });
});
