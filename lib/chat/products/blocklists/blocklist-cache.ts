import { db } from "../../../db/client";
import { createUserCache } from "../../base/cache";

const cache = createUserCache<Set<string>>({
  name: "blocklist",
  maxEntries: 50_000,
  ttlMs: 60_000,
  load: async (appId, userId) => {
    const entries = await db.blocklistEntry.findMany({ where: { appId, userId }, select: { blockedUserId: true } });
    return new Set(entries.map((entry) => entry.blockedUserId));
  },
});

/** Each user's blocklist, read on every direct message without a database read once warm. */
export const blocklistCache = {
  async isBlocked(input: { appId: string; userId: string; senderId: string }): Promise<boolean> {
    return (await cache.get(input.appId, input.userId))?.has(input.senderId) ?? false;
  },
  invalidate: cache.invalidate,
};
