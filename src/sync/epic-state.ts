import type { PlansyncConfig } from "../config/config-schema.js";
import type { DesiredIssue } from "./desired-issue.js";
import type { RemoteIssue } from "./sync-types.js";

type CloseEpics = PlansyncConfig["hierarchy"]["closeEpics"];

/**
 * `hierarchy.closeEpics` applied to an epic before the three-way state rule (reconcile-issue.ts
 * `decideState`) sees it.
 *
 * `when-done`: the epic is done when all its stories are. A human's close or reopen that goes
 * against that stands until the epic's own stories change state: one ticked, unticked, added or
 * removed. The epic's marker records its stories' ticks in `checks` (one `x` or space per story in
 * doc order, epic-diagram.ts `ticks`; an epic has no checklist of its own), and only they are
 * compared: a retitle, the epic's own text, a blocker outside the epic or a re-render after an
 * upgrade or a config change leave the human's move standing. A marker from before ticks were
 * recorded (no `checks`, or an empty one: an epic always has a story) cannot tell, so the move
 * stands; the next write of the epic records the ticks.
 *
 * `never`: the epic's state is the humans'. It is created open and then asked to stay as last
 * agreed, which the three-way rule never writes: switching from `when-done` reopens nothing.
 *
 * Either way the remote's marker is handed on with the current ticks, so any marker this sync
 * writes for the epic records them.
 */
export function epicState(
  desired: DesiredIssue,
  remote: RemoteIssue | undefined,
  closeEpics: CloseEpics,
): [DesiredIssue, RemoteIssue | undefined] {
  if (remote === undefined) return [closeEpics === "never" ? { ...desired, state: "open" } : desired, remote];
  const recorded = remote.marker.checks;
  const ticked = { ...remote, marker: { ...remote.marker, checks: desired.checks } };
  if (closeEpics === "never") return [{ ...desired, state: remote.marker.state }, ticked];
  const humanMoved = remote.state !== remote.marker.state;
  const storiesChanged = recorded !== undefined && recorded !== "" && recorded !== desired.checks;
  if (!humanMoved || !storiesChanged) return [desired, ticked];
  // The stories changed since the human's move: the issue's state counts as the agreed one, so the doc's wins.
  return [desired, { ...ticked, marker: { ...ticked.marker, state: remote.state } }];
}
