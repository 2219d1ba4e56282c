import type { Operation } from "../sync/sync-types.js";
import type { CommandIo } from "./command-io.js";

/**
 * One line on a terminal that rewrites itself while a sync applies: `created 40/120 issues,
 * 52/150 changes, waiting 38 s for GitHub's rate limit`. Silent when stderr is not a TTY (CI,
 * pipes), where a line per step would only fill logs.
 */
export function progressLine(io: CommandIo) {
  const tty = io.isTTY === true;
  let creates = 0;
  let last = "";
  const show = (line: string) => {
    last = line;
    if (tty) io.progress?.(`\r\x1b[2K${line}`);
  };
  return {
    applied(op: Operation, done: number, total: number) {
      if (op.kind === "create-issue") creates++;
      show(`created ${creates} issues, ${done}/${total} changes`);
    },
    waiting(seconds: number) {
      show(`${last || "starting"}, waiting ${seconds} s for GitHub's rate limit`);
    },
    end() {
      if (tty && last) io.progress?.("\n");
    },
  };
}
