import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryBus } from "../lib/bus/memory-bus";
import type { Bus } from "../lib/bus/messages";
import { createRedisBus } from "../lib/bus/redis-bus";

// Rate limits with several windows (the contract's "2 an hour, 3 a day"), on the suite's bus:
// Redis checks and adds in one script, the memory bus in one turn of the event loop.
describe("rate windows on the bus", () => {
  const onRedis = process.env.SWITCHBOARD_TEST_BUS === "redis";
  const installation = `rates-${randomBytes(4).toString("hex")}`;
  const bus: Bus = onRedis ? createRedisBus(process.env.REDIS_URL!, installation) : createMemoryBus();
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await bus.close();
    if (!onRedis) return;
    // The day's counters would outlive the test by two days.
    const redis = new Redis(process.env.REDIS_URL!);
    const keys = await redis.keys(`switchboard:${installation}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it("adds a cost to every window only when all have room, and counts nothing refused", async () => {
    // Window boundaries come from the clock: Redis keys carry the window's number.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 11, 7, 10, 0, 0));
    const hour = { limit: 2, ms: 3_600_000 };
    const day = { limit: 3, ms: 86_400_000 };
    const consume = (cost = 1) => bus.consumeRate("broadcast", cost, [hour, day]);
    expect(await consume()).toEqual({ allowed: true });
    expect(await consume()).toEqual({ allowed: true });
    // Refused twice: neither refusal takes from the day, which has room for one more after the hour turns.
    expect(await consume()).toEqual({ allowed: false, window: hour });
    expect(await consume()).toEqual({ allowed: false, window: hour });
    vi.setSystemTime(Date.UTC(2026, 11, 7, 11, 0, 0));
    expect(await consume()).toEqual({ allowed: true });
    expect(await consume()).toEqual({ allowed: false, window: day });
    // The next day: a cost larger than what a window has left is refused whole.
    vi.setSystemTime(Date.UTC(2026, 11, 8, 0, 0, 0));
    expect(await consume(3)).toEqual({ allowed: false, window: hour });
    expect(await consume(2)).toEqual({ allowed: true });
    expect(await consume(1)).toEqual({ allowed: false, window: hour });
  });

  it("keeps each key's counters apart", async () => {
    const second = { limit: 1, ms: 1000 };
    expect(await bus.consumeRate("app-a:/v4/user/get", 1, [second])).toEqual({ allowed: true });
    expect(await bus.consumeRate("app-b:/v4/user/get", 1, [second])).toEqual({ allowed: true });
  });
});
