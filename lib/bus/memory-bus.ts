import { addHandler, type Bus, type BusHandler, type BusMessage, type RateAnswer, type RateWindow, rateWindowEnd, removeHandler } from "./messages";

/** The embedded bus: one process, no other service. */
export function createMemoryBus(): Bus {
  /** Each topic's handlers, replaced rather than changed, so a delivery runs over the handlers it started with. */
  const handlers = new Map<string, readonly BusHandler[]>();
  const claims = new Map<string, number>();
  /** Each key's members (a user's sessions: a few), as arrays: a Map each would weigh more than its entries. */
  const presence = new Map<string, { member: string; expiresAt: number }[]>();
  const rates = new Map<string, { windowEnd: number; count: number }>();
  let lastClaimSweep = Date.now();
  /**
   * Forgets rate windows that ended (of several lengths, so in no order) on a timer, not on
   * the next count: every connecting client leaves a window behind, and a node whose
   * clients then sit idle would otherwise keep them all (~400 bytes a connection).
   */
  const rateSweeper = setInterval(() => {
    const now = Date.now();
    for (const [key, rate] of rates) if (rate.windowEnd <= now) rates.delete(key);
  }, 10_000);
  rateSweeper.unref();

  /**
   * Claims are kept in the order they were made, and all have one lifetime (a nonce's), so
   * they expire in that order: a sweep removes the expired ones at the front and stops at
   * the first that is not. Each second's sweep touches what expired since the last, never
   * the whole map (at 5,000 signed calls a second it holds 3,000,000 nonces).
   */
  function sweepExpiredClaims(now: number) {
    if (now - lastClaimSweep < 1000) return;
    lastClaimSweep = now;
    for (const [key, expiresAt] of claims) {
      if (expiresAt > now) break;
      claims.delete(key);
    }
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
    async consumeRate(key: string, cost: number, windows: readonly RateWindow[]): Promise<RateAnswer> {
      const now = Date.now();
      const counters = windows.map((window) => {
        const windowEnd = rateWindowEnd(window.ms, now);
        const current = rates.get(`${key}:${window.ms}`);
        return { window, rate: current?.windowEnd === windowEnd ? current : { windowEnd, count: 0 } };
      });
      const full = counters.find(({ window, rate }) => rate.count + cost > window.limit);
      if (full) return { allowed: false, window: full.window };
      for (const { window, rate } of counters) rates.set(`${key}:${window.ms}`, { windowEnd: rate.windowEnd, count: rate.count + cost });
      return { allowed: true };
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
      const now = Date.now();
      const members = presence.get(key);
      const present = members?.find((candidate) => candidate.member === member);
      if (present) present.expiresAt = now + ttlMs;
      else presence.set(key, [...(members ?? []).filter((candidate) => candidate.expiresAt > now), { member, expiresAt: now + ttlMs }]);
    },
    async clearPresence(key: string, member: string) {
      const remaining = presence.get(key)?.filter((candidate) => candidate.member !== member);
      if (remaining?.length) presence.set(key, remaining);
      else presence.delete(key);
    },
    async listPresence(key: string) {
      const now = Date.now();
      return (presence.get(key) ?? []).flatMap((present) => (present.expiresAt > now ? [present.member] : []));
    },
    async anyPresent(keys: string[]) {
      const now = Date.now();
      return keys.map((key) => (presence.get(key) ?? []).some((present) => present.expiresAt > now));
    },
    async ping() {},
    async close() {
      clearInterval(rateSweeper);
      handlers.clear();
      rates.clear();
      claims.clear();
      presence.clear();
    },
  };
}
