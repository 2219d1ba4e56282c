import type { RepoState, SimUser } from "./records.js";
import type { DeliveryRecord } from "./routes-app.js";

export interface SimStateOptions {
  /** Clock for every timestamp the simulator writes; inject one for deterministic tests. */
  now?: () => Date;
  /** Who the app authenticates as; authors issues, comments and API commits. */
  actor?: { login: string; type?: SimUser["type"] };
}

/** Everything shared across repositories: ids, users, the clock. */
export class SimState {
  readonly repos = new Map<string, RepoState>();
  /** The app's webhook deliveries, as `GET /app/hook/deliveries` lists them. */
  readonly deliveries: DeliveryRecord[] = [];
  /** Sends a redelivery, set by GitHubSim.sendWebhooksTo; without it attempts are only recorded. */
  onRedelivery?: (attempt: DeliveryRecord) => void;
  readonly actor: SimUser;
  private readonly users = new Map<string, SimUser>();
  private readonly now: () => Date;
  // GitHub's ids passed 2^31 years ago; starting above it catches code that assumes 32-bit ids.
  private lastId = 3_000_000_000;

  constructor(options: SimStateOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.actor = this.user(options.actor?.login ?? "plansync[bot]", options.actor?.type ?? "Bot");
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** GitHub's timestamp format: second precision, `Z` suffix. */
  timestamp(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
  }

  date(): Date {
    return this.now();
  }

  /** The one user record for a login (case-insensitive), created on first mention. */
  user(login: string, type: SimUser["type"] = "User"): SimUser {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      user = { login, id: this.nextId(), type };
      this.users.set(key, user);
    }
    return user;
  }

  findRepo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** For test helpers: `"owner/name"`, throwing on typos so a test fails at the helper call. */
  requireRepo(ownerRepo: string): RepoState {
    const repo = this.repos.get(ownerRepo.toLowerCase());
    if (!repo) throw new Error(`GitHubSim: no repository ${ownerRepo} (known: ${[...this.repos.keys()].join(", ")})`);
    return repo;
  }
}
