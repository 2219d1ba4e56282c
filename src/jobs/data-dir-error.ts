/** The data directory cannot hold the journal: the start stops with this message alone. */
export class DataDirError extends Error {
  override name = "DataDirError";
}

export function unwritable(dir: string, error: unknown): DataDirError {
  const { code = "error", message } = error as NodeJS.ErrnoException;
  // Node's message already starts with the errno ("ENOTDIR: not a directory, mkdir ...").
  const reason = message.startsWith(code) ? message : `${code}: ${message}`;
  return new DataDirError(
    `plansync cannot keep its job journal in "${dir}" (${reason}). Without REDIS_URL, ` +
      `queued work is kept there so a crash loses none of it. Set PLANSYNC_DATA_DIR to a directory this ` +
      `process can create and write, or fix this one's permissions.`,
    { cause: error },
  );
}

export function inUse(dir: string, pid: number | string): DataDirError {
  return new DataDirError(
    `plansync's job journal in "${dir}" is in use by process ${pid}: another plansync instance runs on this ` +
      `data directory. Stop it, or give this instance its own PLANSYNC_DATA_DIR; instances that share work ` +
      `need REDIS_URL.`,
  );
}
