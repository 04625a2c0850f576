import { Redis } from "ioredis";
import { metrics } from "../metrics";
import { addHandler, type Bus, type BusHandler, type BusMessage, busMessageSchema, type RateAnswer, type RateWindow, removeHandler } from "./messages";

/**
 * Cross-node bus over Redis pub/sub; one publisher and one subscriber connection per process.
 * Every key and channel starts with `switchboard:<installation>:`, so installations sharing
 * one Redis share no presence, counter, nonce or publication.
 */
export function createRedisBus(url: string, installation: string): Bus {
  const prefix = `switchboard:${installation}:`;
  const publisher = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
  // Sent by its SHA once Redis knows it (ioredis falls back to the text after a restart).
  publisher.defineCommand("consumeRate", { lua: consumeRateScript });
  const subscriber = new Redis(url);
  /** Each topic's handlers, replaced rather than changed, so a delivery runs over the handlers it started with. */
  const handlers = new Map<string, readonly BusHandler[]>();
  const reconnectHandlers = new Set<() => void>();
  let connectionLost = false;

  // Redis pub/sub keeps nothing for a subscriber that is away: after a loss, listeners must catch up.
  subscriber.on("close", () => (connectionLost = true));
  subscriber.on("ready", () => {
    if (!connectionLost) return;
    connectionLost = false;
    // ioredis subscribes again by itself; asking once more (harmless) tells when that is done.
    const channels = [...handlers.keys()].map((topic) => prefix + topic);
    const resubscribed = channels.length > 0 ? subscriber.subscribe(...channels) : Promise.resolve();
    // Failing, the connection is lost again, and the next "ready" tries again.
    resubscribed.then(
      () => {
        metrics.busReconnects.inc();
        for (const handler of reconnectHandlers) handler();
      },
      () => {},
    );
  });

  subscriber.on("message", (channel: string, text: string) => {
    const topic = channel.slice(prefix.length);
    const current = handlers.get(topic);
    if (!current) return;
    const parsed = busMessageSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return;
    for (const handler of current) handler(parsed.data, topic);
  });

  return {
    driver: "redis",
    async publish(topic: string, message: BusMessage) {
      await publisher.publish(prefix + topic, JSON.stringify(message));
    },
    subscribe(topic: string, handler: BusHandler) {
      const current = handlers.get(topic);
      handlers.set(topic, addHandler(current, handler));
      if (!current) void subscriber.subscribe(prefix + topic);
    },
    unsubscribe(topic: string, handler: BusHandler) {
      const current = handlers.get(topic);
      if (!current) return;
      const remaining = removeHandler(current, handler);
      if (remaining) return void handlers.set(topic, remaining);
      handlers.delete(topic);
      void subscriber.unsubscribe(prefix + topic);
    },
    onReconnect(handler: () => void) {
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
    async consumeRate(key: string, cost: number, windows: readonly RateWindow[]): Promise<RateAnswer> {
      const now = Date.now();
      // One hash tag: every window's counter of a key lives in one cluster slot, for the script.
      const keys = windows.map((window) => `${prefix}rate:{${key}}:${window.ms}:${Math.floor(now / window.ms)}`);
      const limitsAndLifetimes = windows.flatMap((window) => [window.limit, window.ms * 2]);
      const consume = (publisher as unknown as { consumeRate(keyCount: number, ...args: (string | number)[]): Promise<number> }).consumeRate;
      const full = await consume.call(publisher, keys.length, ...keys, cost, ...limitsAndLifetimes);
      return full === 0 ? { allowed: true } : { allowed: false, window: windows[full - 1]! };
    },
    async claimOnce(key: string, ttlMs: number) {
      return (await publisher.set(prefix + "claim:" + key, "1", "PX", ttlMs, "NX")) === "OK";
    },
    // A sorted set per key: members scored by the time they expire.
    async setPresence(key: string, member: string, ttlMs: number) {
      const expiresAt = Date.now() + ttlMs;
      await publisher.zadd(prefix + key, expiresAt, member);
      await publisher.pexpire(prefix + key, ttlMs);
    },
    async clearPresence(key: string, member: string) {
      await publisher.zrem(prefix + key, member);
    },
    async listPresence(key: string) {
      return publisher.zrangebyscore(prefix + key, Date.now(), "+inf");
    },
    async anyPresent(keys: string[]) {
      if (keys.length === 0) return [];
      const now = Date.now();
      const pipeline = publisher.pipeline();
      for (const key of keys) pipeline.zcount(prefix + key, now, "+inf");
      const counts = (await pipeline.exec()) ?? [];
      return counts.map(([error, count]) => {
        if (error) throw error;
        return Number(count) > 0;
      });
    },
    async ping() {
      for (const [role, connection] of [["publishing", publisher], ["subscribing", subscriber]] as const) {
        // "connect": connected, its ready check (INFO) under way.
        if (connection.status !== "ready" && connection.status !== "connect") throw new Error(`the ${role} connection to Redis is ${connection.status}`);
      }
      await publisher.ping();
    },
    async close() {
      handlers.clear();
      subscriber.disconnect();
      await publisher.quit();
    },
  };
}

/**
 * KEYS: a counter per window; ARGV: the cost, then each window's limit and counter lifetime.
 * Adds the cost to every counter when it fits under every limit; answers the 1-based index
 * of the first window without room, or 0. One script: no other call lands between the checks
 * and the adds.
 */
const consumeRateScript = `
local cost = tonumber(ARGV[1])
for index, key in ipairs(KEYS) do
  if tonumber(redis.call("GET", key) or "0") + cost > tonumber(ARGV[index * 2]) then return index end
end
for index, key in ipairs(KEYS) do
  if redis.call("INCRBY", key, cost) == cost then redis.call("PEXPIRE", key, ARGV[index * 2 + 1]) end
end
return 0`;
