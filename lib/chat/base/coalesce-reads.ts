/** Most keys one read takes: a list bound as one parameter still makes a query that grows with it. */
const maxKeysPerRead = 500;

type Waiter<V> = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };

/**
 * Per-key reads asked for in one turn of the event loop, answered by one `readMany` per
 * group (an app) and 500 keys (its users): a burst of connects after a restart costs a
 * query per few hundred users, not a few per user, and far less garbage.
 */
export function coalesceReads<V>(readMany: (group: string, keys: string[]) => Promise<Map<string, V>>) {
  let pending = new Map<string, Map<string, Waiter<V>[]>>();

  function readPending() {
    const groups = pending;
    pending = new Map();
    for (const [group, waitersByKey] of groups) {
      const keys = [...waitersByKey.keys()];
      for (let start = 0; start < keys.length; start += maxKeysPerRead) {
        const chunk = keys.slice(start, start + maxKeysPerRead);
        readMany(group, chunk).then(
          (found) => chunk.forEach((key) => waitersByKey.get(key)!.forEach((waiter) => waiter.resolve(found.get(key)))),
          (error) => chunk.forEach((key) => waitersByKey.get(key)!.forEach((waiter) => waiter.reject(error))),
        );
      }
    }
  }

  /** The value of one key, or undefined when `readMany` found none. */
  return (group: string, key: string): Promise<V | undefined> =>
    new Promise((resolve, reject) => {
      if (pending.size === 0) setImmediate(readPending);
      let waitersByKey = pending.get(group);
      if (!waitersByKey) pending.set(group, (waitersByKey = new Map()));
      const waiters = waitersByKey.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else waitersByKey.set(key, [{ resolve, reject }]);
    });
}
