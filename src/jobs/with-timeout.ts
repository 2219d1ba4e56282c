/**
 * `promise`, or a rejection saying `what` did not answer within `ms`. Redis commands wait for a
 * reconnect forever (BullMQ needs that), so whatever a person or GitHub waits on is bounded here.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
