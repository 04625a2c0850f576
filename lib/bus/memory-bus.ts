import { addHandler, type Bus, type BusHandler, type BusMessage, removeHandler } from "./messages";

/** The embedded bus: one process, no other service. */
export function createMemoryBus(): Bus {
  /** Each topic's handlers, replaced rather than changed, so a delivery runs over the handlers it started with. */
  const handlers = new Map<string, readonly BusHandler[]>();
  const claims = new Map<string, number>();
  const presence = new Map<string, Map<string, number>>();
  const rates = new Map<string, { windowStart: number; count: number }>();
  let lastSweep = Date.now();

  function sweepExpiredClaims(now: number) {
    if (now - lastSweep < 10_000) return;
    lastSweep = now;
    for (const [key, expiresAt] of claims) if (expiresAt <= now) claims.delete(key);
  }

  return {
    driver: "memory",
    async publish(topic: string, message: BusMessage) {
      for (const handler of handlers.get(topic) ?? []) handler(message, topic);
    },
    subscribe(topic: string, handler: BusHandler) {
      handlers.set(topic, addHandler(handlers.get(topic), handler));
    },
    unsubscribe(topic: string, handler: BusHandler) {
      const remaining = removeHandler(handlers.get(topic), handler);
      if (remaining) handlers.set(topic, remaining);
      else handlers.delete(topic);
    },
    // One process: nothing published is ever missed.
    onReconnect: () => () => {},
    async consumeRate(key: string, cost: number, limit: number, windowMs: number) {
      const windowStart = Math.floor(Date.now() / windowMs) * windowMs;
      let rate = rates.get(key);
      if (!rate || rate.windowStart !== windowStart) rates.set(key, (rate = { windowStart, count: 0 }));
      rate.count += cost;
      return rate.count <= limit;
    },
    async claimOnce(key: string, ttlMs: number) {
      const now = Date.now();
      sweepExpiredClaims(now);
      const expiresAt = claims.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
    async setPresence(key: string, member: string, ttlMs: number) {
      let members = presence.get(key);
      if (!members) presence.set(key, (members = new Map()));
      members.set(member, Date.now() + ttlMs);
    },
    async clearPresence(key: string, member: string) {
      const members = presence.get(key);
      members?.delete(member);
      if (members?.size === 0) presence.delete(key);
    },
    async listPresence(key: string) {
      const now = Date.now();
      return [...(presence.get(key) ?? [])].flatMap(([member, expiresAt]) => (expiresAt > now ? [member] : []));
    },
    async anyPresent(keys: string[]) {
      const now = Date.now();
      return keys.map((key) => [...(presence.get(key)?.values() ?? [])].some((expiresAt) => expiresAt > now));
    },
    async close() {
      handlers.clear();
      claims.clear();
      presence.clear();
    },
  };
}
