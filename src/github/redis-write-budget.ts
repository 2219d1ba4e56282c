import { randomUUID } from "node:crypto";
import { PLANSYNC_WRITE_BUDGET } from "../sync/github-limits.js";
import {
  HOUR_MS,
  MINUTE_MS,
  RESUME_CHUNK,
  type BudgetLimits,
  type Reservation,
  type WriteBudget,
} from "./write-budget.js";

/** The one command the budget needs from a Redis client (ioredis's `eval`). */
export interface RedisEval {
  eval(script: string, keys: number, ...args: (string | number)[]): Promise<unknown>;
}

/**
 * `decide` (write-budget.ts) in Lua, run atomically over one sorted set per installation (score:
 * the time a write was admitted; member: time, repository and a unique id), so that no two
 * instances can both take the last slot. Step for step as in write-budget.ts.
 *
 * The time is Redis's own (TIME), one clock for every instance: with each instance's clock, one
 * running a second ahead would purge the others' writes from the hour a second early and miss
 * them in the minute, letting the installation past GitHub's limit. ARGV[1], when not empty, is
 * a caller's clock: for tests on a virtual clock only. (replicate_commands: Redis before 5 lets
 * a script that read TIME write only after it; later versions always replicate effects.)
 */
const RESERVE = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local key = KEYS[1]
local now
if ARGV[1] == '' then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
else
  now = tonumber(ARGV[1])
end
local repo = ARGV[2]
local perMinute = tonumber(ARGV[3])
local perHour = tonumber(ARGV[4])
local reserve = tonumber(ARGV[5])
local chunk = tonumber(ARGV[6])
local member = ARGV[7]
local hourMs = tonumber(ARGV[8])
local minuteMs = tonumber(ARGV[9])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - hourMs)
local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
local times = {}
local own = 0
local minute = {}
for i = 1, #entries, 2 do
  local at = tonumber(entries[i + 1])
  times[#times + 1] = at
  local _, _, who = string.find(entries[i], '^[^|]*|(.*)|[^|]*$')
  if who == repo then own = own + 1 end
  if at > now - minuteMs then minute[#minute + 1] = at end
end
local cap = perHour
if own >= reserve then cap = perHour - reserve end
local function hourWait(n)
  local leave = #times - (cap - math.min(n, cap))
  if leave <= 0 then return 0 end
  return times[leave] + hourMs - now
end
local minuteWait = 0
if #minute >= perMinute then minuteWait = minute[#minute - perMinute + 1] + minuteMs - now end
local waitMs = math.max(hourWait(1), minuteWait, 0)
if waitMs == 0 then
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, hourMs)
end
return { waitMs, math.max(hourWait(chunk), waitMs) }
`;

/**
 * Whose clock the Redis budget counts by: Redis's (production: one clock for every instance), or
 * the `now` each caller passes (tests on a virtual clock, which Redis's clock cannot follow).
 */
export type BudgetClock = "redis" | "caller";

/**
 * The budget shared by every instance of the app through Redis (the connection Probot's
 * throttling uses, or REDIS_URL): one key per installation, kept for an hour after its last write.
 * By Redis's clock: the `now` a caller passes is ignored unless `clock` is "caller".
 */
export class RedisWriteBudget implements WriteBudget {
  constructor(
    private readonly redis: RedisEval,
    private readonly prefix = "plansync:write-budget",
    private readonly limits: BudgetLimits = PLANSYNC_WRITE_BUDGET,
    private readonly clock: BudgetClock = "redis",
  ) {}

  async reserve(installation: string, repo: string, now: number, chunk: number = RESUME_CHUNK): Promise<Reservation> {
    const { perMinute, perHour, reserve } = this.limits;
    const member = `${now}|${repo}|${randomUUID()}`;
    const [waitMs, chunkWaitMs] = (await this.redis.eval(
      RESERVE,
      1,
      `${this.prefix}:${installation}`,
      this.clock === "caller" ? now : "",
      repo,
      perMinute,
      perHour,
      reserve,
      chunk,
      member,
      HOUR_MS,
      MINUTE_MS,
    )) as [number, number];
    return { waitMs: Number(waitMs), chunkWaitMs: Number(chunkWaitMs) };
  }
}
