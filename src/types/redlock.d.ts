/**
 * The part of redlock 5 plansync uses. Its package.json exports the code but not its own
 * typings (dist/index.d.ts is unreachable under NodeNext resolution), so they are declared here,
 * copied in shape from that file.
 */
declare module "redlock" {
  import type { Redis } from "ioredis";

  export interface Settings {
    readonly driftFactor: number;
    readonly retryCount: number;
    readonly retryDelay: number;
    readonly retryJitter: number;
    readonly automaticExtensionThreshold: number;
  }

  /** Thrown when the lock could not be acquired or extended (by a quorum of the clients). */
  export class ExecutionError extends Error {}

  export type RedlockAbortSignal = AbortSignal & { error?: Error };

  export default class Redlock {
    constructor(clients: Iterable<Redis>, settings?: Partial<Settings>);
    using<T>(resources: string[], duration: number, routine: (signal: RedlockAbortSignal) => Promise<T>): Promise<T>;
  }
}
