import { z } from "zod";
import { workKey, type Work } from "./work.js";
import { workSchema } from "./work-schema.js";

/** One piece of queued work as the journal keeps it until it is done. */
export interface JournalEntry {
  id: number;
  key: string;
  work: Work;
  /** When it may run (epoch ms): its key's window or its retry's backoff. */
  dueAt: number;
  /** Failed attempts so far when it waits as a retry; null while it waits as fresh work. */
  attempt: number | null;
}

export type JournalRecord =
  | ({ op: "add" } & JournalEntry)
  | { op: "retry"; ids: number[]; attempt: number; dueAt: number }
  | { op: "done"; ids: number[] };

const id = z.number().int().positive();
const dueAt = z.number().int().nonnegative();
const attempt = z.number().int().nonnegative();

const recordSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), id, key: z.string(), work: workSchema, dueAt, attempt: attempt.nullable() }),
  z.object({ op: z.literal("retry"), ids: z.array(id), attempt, dueAt }),
  z.object({ op: z.literal("done"), ids: z.array(id) }),
]) satisfies z.ZodType<JournalRecord>;

/**
 * A journal line as a record, or why it is none. A line is trusted no more than any input: the
 * file may be zeroed by a crash, edited by hand or restored from elsewhere, and an add's work is
 * run with its installation's token under its key's repository lock, so the work must be a Work
 * and its key must be the one it would be queued under.
 */
export function parseJournalRecord(
  line: string,
): { record: JournalRecord } | { problem: string; /** No JSON: most likely a write the crash cut. */ torn: boolean } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { problem: "not JSON (a write torn by the crash?)", torn: true };
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success)
    return { problem: `not a journal record: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}`, torn: false };
  const record = parsed.data;
  if (record.op === "add" && workKey(record.work) !== record.key)
    return { problem: `its key ${record.key} is not its work's (${workKey(record.work)})`, torn: false };
  return { record };
}
