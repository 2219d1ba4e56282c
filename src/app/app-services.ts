import type { RepoQueue } from "./repo-queue.js";
import type { WriteBackScheduler } from "./write-back-scheduler.js";

/** What the webhook handlers share: the per-repository queue, the write-back windows, the app's identity. */
export interface AppServices {
  queue: RepoQueue;
  scheduler: WriteBackScheduler;
  /** The app's bot login, read once (see bot-login.ts). */
  creator: () => Promise<string | null>;
}
