import type { Bus, BusHandler, BusMessage } from "./messages";

/** The embedded bus: one process, no other service. */
export function createMemoryBus(): Bus {
  const handlers = new Map<string, Set<BusHandler>>();
  const claims = new Map<string, number>();
  const presence = new Map<string, Map<string, number>>();
  const rates = new Map<string, { windowStart: number; count: number }>();
  let lastSweep = Date.now();

  /**
   * Claims are kept in the order they were made, and all have one lifetime (a nonce's), so
   * they expire in that order: a sweep removes the expired ones at the front and stops at
   * the first that is not. Each second's sweep touches what expired since the last, never
   * the whole map (at 5,000 signed calls a second it holds 3,000,000 nonces).
   */
  function sweepExpiredClaims(now: number) {
    if (now - lastSweep < 1000) return;
    lastSweep = now;
    for (const [key, expiresAt] of claims) {
      if (expiresAt > now) break;
      claims.delete(key);
    }
  }

  return {
    driver: "memory",
    async publish(topic: string, message: BusMessage) {
      for (const handler of handlers.get(topic) ?? []) handler(message);
    },
    subscribe(topic: string, handler: BusHandler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(topic);
      };
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
      // A claim made again goes to the back, in the order of expiry.
      claims.delete(key);
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
