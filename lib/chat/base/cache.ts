import { getBus, topics } from "../../bus";
import { db, sqlConnectionOf } from "../../db/client";

/** Every cache's entries in this process, for dropping them all at once. */
const allEntries = new Set<Map<string, unknown>>();
let checkedThisTurn = false;

/**
 * On the embedded database another process (the CLI) changes rows without reaching this
 * process's in-process bus: once per event-loop turn that reads a cache, SQLite says whether
 * another connection committed since, and every cache starts afresh if so. A change made with
 * the CLI is in force for the next request.
 */
function forgetChangesMadeElsewhere() {
  if (checkedThisTurn) return;
  checkedThisTurn = true;
  setImmediate(() => (checkedThisTurn = false));
  if (sqlConnectionOf(db).changedElsewhere()) for (const entries of allEntries) entries.clear();
}

/**
 * A per-process read-through cache whose entries every node drops when any node
 * calls `invalidate`, and this process's drop when another process wrote to the embedded
 * database. Misses are not cached, so a newly created row is found at once. Entries also
 * expire after `ttlMs`.
 */
export function createCache<V>(options: {
  name: string;
  maxEntries: number;
  ttlMs: number;
  load: (key: string) => Promise<V | null>;
}) {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  allEntries.add(entries);
  /** Loads under way: concurrent misses of one key share a single database read. */
  const loading = new Map<string, Promise<V | null>>();
  let listening = false;

  function listen() {
    if (listening) return;
    listening = true;
    getBus().subscribe(topics.caches, (message) => {
      if (message.type === "invalidate" && message.cache === options.name) entries.delete(message.key);
    });
    // Invalidations may have been missed while the bus was away.
    getBus().onReconnect(() => entries.clear());
  }

  function remember(key: string, value: V, loadedAt: number) {
    if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(key, { value, expiresAt: loadedAt + options.ttlMs });
  }

  return {
    async get(key: string): Promise<V | null> {
      listen();
      forgetChangesMadeElsewhere();
      const now = Date.now();
      const cached = entries.get(key);
      if (cached && cached.expiresAt > now) return cached.value;
      let load = loading.get(key);
      if (!load) {
        load = options.load(key).finally(() => loading.delete(key));
        loading.set(key, load);
      }
      const value = await load;
      if (value !== null) remember(key, value, now);
      return value;
    },
    /** The cached values of `keys`, reading those not cached with one `loadMany`: keys without a value are left out. */
    async getMany(keys: string[], loadMany: (keys: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
      listen();
      forgetChangesMadeElsewhere();
      const now = Date.now();
      const found = new Map<string, V>();
      const missing: string[] = [];
      for (const key of keys) {
        const cached = entries.get(key);
        if (cached && cached.expiresAt > now) found.set(key, cached.value);
        else missing.push(key);
      }
      if (missing.length === 0) return found;
      for (const [key, value] of await loadMany(missing)) {
        remember(key, value, now);
        found.set(key, value);
      }
      return found;
    },
    async invalidate(key: string) {
      entries.delete(key);
      await getBus().publish(topics.caches, { type: "invalidate", cache: options.name, key });
    },
  };
}

/**
 * A cache of something per user of an app (their state, blocklist, friends...). Keys are
 * `appId:userId`; user ids cannot contain ":".
 */
export function createUserCache<V>(options: {
  name: string;
  maxEntries: number;
  ttlMs: number;
  load: (appId: string, userId: string) => Promise<V | null>;
}) {
  const cache = createCache<V>({
    ...options,
    load: (key) => {
      const separator = key.indexOf(":");
      return options.load(key.slice(0, separator), key.slice(separator + 1));
    },
  });
  return {
    get: (appId: string, userId: string) => cache.get(`${appId}:${userId}`),
    /** The cached values of several users of one app, by user id; one read for those not cached. */
    async getMany(appId: string, userIds: string[], loadMany: (appId: string, userIds: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
      const prefix = `${appId}:`;
      const found = await cache.getMany(
        userIds.map((userId) => prefix + userId),
        async (keys) => new Map([...(await loadMany(appId, keys.map((key) => key.slice(prefix.length))))].map(([userId, value]) => [prefix + userId, value])),
      );
      return new Map([...found].map(([key, value]) => [key.slice(prefix.length), value]));
    },
    invalidate: (appId: string, userId: string) => cache.invalidate(`${appId}:${userId}`),
  };
}
