/** A mistake in how the command was called: exit code 2, with the usage line. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Input that cannot be read as a planning document (missing, binary, a directory with no markdown): exit code 2. */
export class InputError extends Error {
  override name = "InputError";
}
