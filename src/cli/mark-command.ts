import { setTaskState, UnknownTaskError } from "../plan/index.js";
import type { CommandIo } from "./command-io.js";
import { readTextFile } from "./read-text-file.js";

/** `plansync mark <file> <ID> --done|--open`: flips one checkbox in place, touching no other byte. */
export function markCommand(path: string, id: string, done: boolean, io: CommandIo): number {
  const source = readTextFile(path);
  let updated: string;
  try {
    updated = setTaskState(source, id, done);
  } catch (error) {
    if (!(error instanceof UnknownTaskError)) throw error;
    io.err(`plansync: ${path} has no task ${id}. Task IDs in it: ${error.knownIds.join(", ") || "none"}.`);
    return 1;
  }
  if (updated === source) {
    io.out(`${path}: ${id} is already ${done ? "done" : "open"}; nothing changed.`);
    return 0;
  }
  io.writeFile(path, updated);
  io.out(`${path}: marked ${id} ${done ? "done" : "open"}.`);
  return 0;
}
