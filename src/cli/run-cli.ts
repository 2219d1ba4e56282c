import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CommandIo } from "./command-io.js";
import { InputError, UsageError } from "./cli-errors.js";
import { idsCommand } from "./ids-command.js";
import { markCommand } from "./mark-command.js";
import { planCommand } from "./plan-command.js";
import { pullCommand } from "./pull-command.js";
import { syncCommand } from "./sync-command.js";
import { describeError, statusOf } from "../github/write-policy.js";

export const USAGE = `usage:
  plansync sync [--repo owner/name] [--ref branch] [--dry-run] [--json] [--force] [paths...]
                                              sync the docs to GitHub's issues (token from GITHUB_TOKEN or GH_TOKEN);
                                              from a working tree only at the branch's head (--force: anyway),
                                              and never closing issues of missing tasks
  plansync adopt [--repo owner/name] [--ref branch] [--dry-run] [--json]
                                              sync, linking each open issue that looks like a task's (its ID
                                              leads the title, opened by someone who can push) to that task
  plansync pull [--repo owner/name] [--dry-run]
                                              tick the local docs' boxes to match the issues on GitHub
  plansync plan [--json] <file|dir|glob>...   show the tasks and milestones plansync reads
  plansync mark <file> <ID> --done|--open     tick or untick one task's checkbox in place
  plansync ids [--prefix P] [--dry-run] <file|dir>...
                                              give ID-less checkbox items in task sections an ID`;

/** Where a command runs: its environment (the token, GITHUB_API_URL) and directory. */
export interface CliContext {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 errors found, an unknown ID, or GitHub refused
 * a request; 2 bad usage, unreadable input or no token.
 */
export async function runCli(
  argv: readonly string[],
  io: CommandIo,
  context: CliContext = { env: process.env, cwd: process.cwd() },
): Promise<number> {
  try {
    return await dispatch(argv, io, context);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`plansync: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      io.err(`plansync: ${error.message}`);
      return 2;
    }
    if (statusOf(error) !== undefined) {
      io.err(`plansync: stopped: ${describeError(error)}. What was done stays done; run it again to go on.`);
      return 1;
    }
    throw error;
  }
}

function dispatch(argv: readonly string[], io: CommandIo, context: CliContext): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === "sync") return runSync(rest, io, context);
  if (command === "adopt") return runSync(rest, io, context, true);
  if (command === "pull") return runPull(rest, io, context);
  if (command === "plan") return runPlan(rest, io);
  if (command === "mark") return runMark(rest, io);
  if (command === "ids") return runIds(rest, io);
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return 0;
  }
  throw new UsageError(command === undefined ? "missing command" : `unknown command "${command}"`);
}

function runSync(args: string[], io: CommandIo, { env, cwd }: CliContext, adopt = false): Promise<number> {
  const { values, positionals } = parse(args, {
    repo: { type: "string" },
    ref: { type: "string" },
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    force: { type: "boolean" },
  });
  const flags = {
    repo: values.repo,
    ref: values.ref,
    dryRun: values["dry-run"] === true,
    json: values.json === true,
    force: values.force === true,
  };
  if (adopt && positionals.length > 0) throw new UsageError("adopt takes no paths: it looks at every plan file");
  return syncCommand({ ...flags, paths: positionals, adopt }, io, env, cwd);
}

function runPull(args: string[], io: CommandIo, { env, cwd }: CliContext): Promise<number> {
  const { values, positionals } = parse(args, { repo: { type: "string" }, "dry-run": { type: "boolean" } });
  if (positionals.length > 0) throw new UsageError("pull takes no paths: it ticks every plan file that needs it");
  return pullCommand({ repo: values.repo, dryRun: values["dry-run"] === true }, io, env, cwd);
}

function runPlan(args: string[], io: CommandIo): number {
  const { values, positionals } = parse(args, { json: { type: "boolean" } });
  if (positionals.length === 0) throw new UsageError("plan needs at least one file, directory or glob");
  return planCommand(positionals, values.json === true, io);
}

function runMark(args: string[], io: CommandIo): number {
  const { values, positionals } = parse(args, { done: { type: "boolean" }, open: { type: "boolean" } });
  if (positionals.length !== 2) throw new UsageError("mark needs a file and a task ID");
  if (values.done === values.open) throw new UsageError("mark needs exactly one of --done or --open");
  const [path, id] = positionals as [string, string];
  return markCommand(path, id, values.done === true, io);
}

function runIds(args: string[], io: CommandIo): number {
  const { values, positionals } = parse(args, { prefix: { type: "string" }, "dry-run": { type: "boolean" } });
  if (positionals.length === 0) throw new UsageError("ids needs at least one file or directory");
  const prefix = values.prefix ?? null;
  if (prefix !== null && !/^[A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*$/.test(prefix))
    throw new UsageError(`--prefix "${prefix}" is not an ID prefix; use uppercase letters and digits, such as BILL`);
  return idsCommand(positionals, prefix, values["dry-run"] === true, io);
}

function parse<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
