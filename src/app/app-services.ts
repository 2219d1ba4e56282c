import type { Work } from "../jobs/work.js";

/** What the webhook handlers share: they validate, filter and enqueue plain work, nothing more. */
export interface AppServices {
  /** Queues work; a write-back waits out its window, so closes in a burst make one commit. */
  enqueue: (work: Work) => Promise<void>;
  /** The app's bot login (bot-login.ts), read once per process; null while GitHub has not said. */
  creator: () => Promise<string | null>;
}
