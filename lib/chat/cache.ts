import { getBus, topics } from "../bus";

/**
 * A per-process read-through cache whose entries every node drops when any node
 * calls `invalidate`. Misses are not cached, so a newly created row is found at once.
 * Entries also expire after `ttlMs`, for changes made by processes outside the bus
 * (the CLI on the embedded in-process bus).
 */
export function createCache<V>(options: {
  name: string;
  maxEntries: number;
  ttlMs: number;
  load: (key: string) => Promise<V | null>;
}) {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  /** Loads under way: concurrent misses of one key share a single database read. */
  const loading = new Map<string, Promise<V | null>>();
  let listening = false;

  function listen() {
    if (listening) return;
    listening = true;
    getBus().subscribe(topics.caches, (message) => {
      if (message.type === "invalidate" && message.cache === options.name) entries.delete(message.key);
    });
  }

  return {
    async get(key: string): Promise<V | null> {
      listen();
      const now = Date.now();
      const cached = entries.get(key);
      if (cached && cached.expiresAt > now) return cached.value;
      let load = loading.get(key);
      if (!load) {
        load = options.load(key).finally(() => loading.delete(key));
        loading.set(key, load);
      }
      const value = await load;
      if (value === null) return null;
      if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, expiresAt: now + options.ttlMs });
      return value;
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
    invalidate: (appId: string, userId: string) => cache.invalidate(`${appId}:${userId}`),
  };
}
