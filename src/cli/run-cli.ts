import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CommandIo } from "./command-io.js";
import { InputError, UsageError } from "./cli-errors.js";
import { idsCommand } from "./ids-command.js";
import { markCommand } from "./mark-command.js";
import { planCommand } from "./plan-command.js";

export const USAGE = `usage:
  plansync plan [--json] <file|dir|glob>...   show the tasks and milestones plansync reads
  plansync mark <file> <ID> --done|--open     tick or untick one task's checkbox in place
  plansync ids [--prefix P] [--dry-run] <file|dir>...
                                              give ID-less checkbox items in task sections an ID`;

/** Runs the CLI and returns its exit code: 0 ok, 1 errors found or unknown ID, 2 bad usage or unreadable input. */
export function runCli(argv: readonly string[], io: CommandIo): number {
  try {
    return dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`plansync: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      io.err(`plansync: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function dispatch(argv: readonly string[], io: CommandIo): number {
  const [command, ...rest] = argv;
  if (command === "plan") return runPlan(rest, io);
  if (command === "mark") return runMark(rest, io);
  if (command === "ids") return runIds(rest, io);
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return 0;
  }
  throw new UsageError(command === undefined ? "missing command" : `unknown command "${command}"`);
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
