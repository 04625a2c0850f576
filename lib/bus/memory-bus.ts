import type { Bus, BusHandler, BusMessage } from "./messages";

/** The embedded bus: one process, no other service. */
export function createMemoryBus(): Bus {
  const handlers = new Map<string, Set<BusHandler>>();
  const claims = new Map<string, number>();
  let lastSweep = Date.now();

  function sweepExpiredClaims(now: number) {
    if (now - lastSweep < 10_000) return;
    lastSweep = now;
    for (const [key, expiresAt] of claims) if (expiresAt <= now) claims.delete(key);
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
    async claimOnce(key: string, ttlMs: number) {
      const now = Date.now();
      sweepExpiredClaims(now);
      const expiresAt = claims.get(key);
      if (expiresAt !== undefined && expiresAt > now) return false;
      claims.set(key, now + ttlMs);
      return true;
    },
    async close() {
      handlers.clear();
      claims.clear();
    },
  };
}
