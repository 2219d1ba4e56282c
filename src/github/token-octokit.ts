import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit as RestOctokit } from "@octokit/rest";
import { config } from "@probot/octokit-plugin-config";
import { conditionalRequests } from "./conditional-requests.js";
import type { Octokit } from "./octokit.js";
import { throttleHandlers } from "./throttle-handlers.js";
import { writePolicy } from "./write-policy.js";
import { MemoryWriteBudget } from "./write-budget.js";
import { writeBudget } from "./write-budget-plugin.js";

/**
 * The CLI's and the Action's client: `@octokit/rest` authenticated by a token, with the same
 * plugins as the app's Probot client (retries, throttling, the `_extends`-aware config loader)
 * and the same write policy and conditional requests, so every door retries, waits, neutralises
 * mentions and re-reads unchanged resources for free alike.
 */
const TokenOctokit = RestOctokit.plugin(retry, throttling, config, writePolicy, writeBudget, conditionalRequests);

/** One token, one process: its content-creating writes keep within GitHub's hourly limit. */
const tokenBudget = new MemoryWriteBudget();

export interface TokenClientOptions {
  token: string;
  /** `GITHUB_API_URL` (GitHub Enterprise Server: `https://HOST/api/v3`); api.github.com by default. */
  baseUrl?: string;
  userAgent: string;
  log: { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void };
}

export function tokenOctokit({ token, baseUrl, userAgent, log }: TokenClientOptions): Octokit {
  return new TokenOctokit({
    auth: token,
    baseUrl: (baseUrl || "https://api.github.com").replace(/\/+$/, ""),
    userAgent,
    log,
    throttle: throttleHandlers(),
    writeBudget: { budget: tokenBudget, installation: "token" },
  });
}
