/**
 * Appends items one by one. `target.push(...items)` passes every item as an argument, and a
 * few hundred thousand of them (one line naming that many IDs) overflow the stack.
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
