import { db } from "../../../db/client";
import { createUserCache } from "../../base/cache";

const cache = createUserCache<Set<string>>({
  name: "friends",
  maxEntries: 50_000,
  ttlMs: 60_000,
  load: async (appId, userId) => {
    const rows = await db.friendship.findMany({ where: { appId, userId }, select: { friendId: true } });
    return new Set(rows.map((row) => row.friendId));
  },
});

/** Each user's friends, for the friends-only direct message rule on the hot path. */
export const friendCache = {
  async areFriends(input: { appId: string; userId: string; otherId: string }): Promise<boolean> {
    return (await cache.get(input.appId, input.userId))?.has(input.otherId) ?? false;
  },
  invalidate: (appId: string, userIds: string[]) => Promise.all(userIds.map((userId) => cache.invalidate(appId, userId))),
};
