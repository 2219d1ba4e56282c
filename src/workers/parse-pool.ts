import { once } from "node:events";
import { Piscina } from "piscina";
import type { ParseOptions, Plan } from "../plan/index.js";
import type { ParseTask } from "./parse-worker.js";
import { ParseSlots } from "./parse-slots.js";
import { failedPlan } from "../plan/unreadable-plan.js";
import { outOfMemoryPlan, timedOutPlan } from "./stopped-plan.js";

/** How long a lost thread's replacement may take to load the parser before the next file starts anyway. */
const REPLACEMENT_WAIT_MS = 30_000;

export interface ParsePoolSettings {
  /** Worker threads (PARSE_THREADS): files parsed at once. */
  threads: number;
  /** Per-file time budget (PARSE_TIMEOUT_MS): past it the worker is terminated and the file reported. */
  timeoutMs: number;
  /** Each worker's heap limit (PARSE_MEMORY_MB): one huge file cannot take the whole machine. */
  memoryMb: number;
  /** Files that may wait for a thread (PARSE_QUEUE); more are refused and their job retried. */
  maxWaiting: number;
}

/**
 * Plan parsing off the event loop, in a few worker threads. A file that takes longer than its
 * budget has its worker terminated (Piscina starts a fresh one); a file that runs out of memory
 * or crashes the parser likewise comes back as an unreadable plan with an error at line 1,
 * never as an exception that fails the job and is retried into the same wall.
 */
export class ParsePool {
  private readonly piscina: Piscina<ParseTask, Plan>;
  private readonly slots: ParseSlots;
  private readonly destroyed = new AbortController();
  /** Every thread has loaded the parser: a budget then measures parsing, not start-up. */
  private readonly warm: Promise<unknown>;

  constructor(private readonly settings: ParsePoolSettings) {
    this.slots = new ParseSlots(settings.threads, settings.maxWaiting);
    this.piscina = new Piscina({
      filename: workerEntry(),
      // A fixed set of threads that stay up: starting one loads the parser, which no budget should pay for.
      minThreads: settings.threads,
      maxThreads: settings.threads,
      resourceLimits: { maxOldGenerationSizeMb: settings.memoryMb },
    });
    const empty: ParseTask = { text: "", options: {} };
    this.warm = Promise.all(Array.from({ length: settings.threads }, () => this.piscina.run(empty, { name: "parse" })));
    // Awaited by the first parse, which then fails with the reason; unawaited, it must not crash.
    this.warm.catch(() => undefined);
  }

  /** The port read-docs.ts calls: resolves with the plan, or an unreadable plan saying why. */
  readonly parse = async (text: string, options: ParseOptions): Promise<Plan> => {
    const release = await this.slots.acquire();
    try {
      await this.warm;
      return await this.runWithBudget({ text, options });
    } finally {
      release();
    }
  };

  private async runWithBudget(task: ParseTask): Promise<Plan> {
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(), this.settings.timeoutMs);
    try {
      return await this.piscina.run(task, { name: "parse", signal: budget.signal });
    } catch (error) {
      // The process is stopping: the job fails and runs again after the restart, or elsewhere.
      if (this.destroyed.signal.aborted) throw error;
      const timedOut = budget.signal.aborted;
      // The thread lives on, but the parse failed in a way the parser never does itself (it never throws).
      if (!timedOut && !isOutOfMemory(error)) return failedPlan(error);
      // The thread was terminated and is being replaced: the next file's budget starts once it is up.
      await this.replacement();
      return timedOut ? timedOutPlan(this.settings.timeoutMs) : outOfMemoryPlan(this.settings.memoryMb);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Files waiting for a thread, for /metrics and tests. */
  get queued(): number {
    return this.slots.queued;
  }

  /** Terminates every worker, a running parse included; the pool parses nothing afterwards. */
  async destroy(): Promise<void> {
    if (this.destroyed.signal.aborted) return;
    this.destroyed.abort();
    await this.piscina.destroy();
  }

  /** Resolves once Piscina's replacement thread is ready (bounded: a thread that never starts is not waited for). */
  private async replacement(): Promise<void> {
    const signal = AbortSignal.any([AbortSignal.timeout(REPLACEMENT_WAIT_MS), this.destroyed.signal]);
    await once(this.piscina, "workerCreate", { signal }).catch(() => {});
  }
}

function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";
}

/**
 * The worker's entry file: the compiled one beside this file in dist/, or, when this module runs
 * as TypeScript source (tsx, vitest), a small .mjs that loads the source through tsx.
 */
function workerEntry(): string {
  const source = import.meta.url.endsWith(".ts");
  return new URL(source ? "./parse-worker-tsx.mjs" : "./parse-worker.js", import.meta.url).href;
}
