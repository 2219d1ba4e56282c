import { runAction } from "./run-action.js";

/**
 * The Action's entrypoint (bundled to dist-action/index.mjs). A failure is one `::error::` line
 * that says what to fix, never a stack trace, unless the step runs with debug logging.
 */
try {
  process.exitCode = await runAction(process.env, (line) => process.stdout.write(`${line}\n`));
} catch (error) {
  const detail = process.env.RUNNER_DEBUG === "1" ? (error as Error).stack : (error as Error).message;
  process.stdout.write(`::error title=plansync::${String(detail).replace(/%/g, "%25").replace(/\r?\n/g, "%0A")}\n`);
  process.exitCode = 1;
}
