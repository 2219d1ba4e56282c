import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as its own process, as a person would, with only the environment given
 * (no token, no GITHUB_API_URL unless passed). Asynchronous, so the simulator in this process
 * keeps answering while it runs.
 */
export function runBin(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? "", HOME: options.cwd, ...options.env };
    execFile(process.execPath, [BIN, ...args], { cwd: options.cwd, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
