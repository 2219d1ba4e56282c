import { randomUUID } from "node:crypto";
import Bottleneck from "bottleneck";
import { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { SLOT_EXPIRATION_MS, sharedWriteSlots } from "../../src/github/shared-write-slots.js";

const redisUrl = inject("redisUrl");
const clients: Redis[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.disconnect();
});

/** One instance's view of the shared limiters: its own Redis client, as each app process has. */
function instance() {
  const client = new Redis(redisUrl);
  client.on("error", () => undefined);
  clients.push(client);
  const connection = new Bottleneck.IORedisConnection({ client });
  connection.on("error", () => undefined);
  return { client, slots: sharedWriteSlots({ Bottleneck, connection }) };
}

/**
 * Octokit's throttling gives a shared write slot a 60 s expiration; an instance killed while it
 * held one (as it usually is, waiting out the spacing of creates) stalled every other instance's
 * writes for a minute. The slot of a dead instance must free within SLOT_EXPIRATION_MS.
 */
describe.skipIf(!redisUrl)("shared write slots", () => {
  it("gives nothing when the limiters are not shared through Redis", () => {
    expect(sharedWriteSlots({})).toEqual({});
    expect(sharedWriteSlots({ Bottleneck })).toEqual({});
  });

  it("frees the write slot of an instance killed while holding it within seconds", async () => {
    const key = `slots-${randomUUID()}`;
    const dead = instance();
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    // The dead instance takes the slot and never gives it back: its task never ends, its client dies.
    void dead.slots
      .write!.key(key)
      .schedule({ expiration: 60_000 }, () => (started(), new Promise(() => undefined)))
      .catch(() => undefined);
    await holding;
    dead.client.disconnect();
    const alive = instance();
    const asked = Date.now();
    await alive.slots.write!.key(key).schedule({ expiration: 60_000 }, async () => undefined);
    const waited = Date.now() - asked;
    expect(waited).toBeLessThan(SLOT_EXPIRATION_MS + 2_000);
  }, 30_000);

  it("keeps the spacing between writes across instances", async () => {
    const key = `slots-${randomUUID()}`;
    const [a, b] = [instance(), instance()];
    const times: number[] = [];
    const write = async (slots: typeof a.slots) =>
      slots.notifications!.key(key).schedule({ expiration: 60_000 }, async () => void times.push(Date.now()));
    await Promise.all([write(a.slots), write(b.slots), write(a.slots)]);
    times.sort((x, y) => x - y);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(2_900);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(2_900);
  }, 30_000);
});
