import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunningServer } from "../sim/http-server.js";

/** The Action's entrypoint from source, run by tsx in its own process: no bundle to rebuild first. */
const SOURCE = fileURLToPath(new URL("../../src/action/main.ts", import.meta.url));
/** tsx's loader by URL: the process runs in a temporary directory, where `tsx` would not resolve. */
const TSX = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;

export interface ActionRun {
  code: number;
  stdout: string;
  summary: string;
}

let runs = 0;

/**
 * Runs the Action as a runner does: its own process, with the variables a runner sets for
 * `event` (the payload as a file, the job summary file) and the step's inputs.
 */
export function runActionProcess(
  server: RunningServer,
  dir: string,
  event: string,
  payload: unknown,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  const run = ++runs;
  const eventPath = join(dir, `${event}-${run}.json`);
  const summaryPath = join(dir, `summary-${run}.md`);
  writeFileSync(eventPath, JSON.stringify(payload));
  writeFileSync(summaryPath, "");
  const env = {
    PATH: process.env.PATH ?? "",
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "octo/plans",
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: `http://127.0.0.1:${server.port}`,
    INPUT_TOKEN: "ghs_actions_token",
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", TSX, SOURCE], { cwd: dir, env }, (error, stdout) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, summary: readFileSync(summaryPath, "utf8") });
    });
  });
}
