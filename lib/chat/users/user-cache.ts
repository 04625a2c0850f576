import { db } from "../../db/client";
import { createCache } from "../cache";

/** A soft-deleted user has no state: for the hot paths it does not exist. */
export type UserState = { name: string; tokensValidAfter: number | null; bannedUntil: number | null };

const userKey = (appId: string, userId: string) => `${appId}:${userId}`;

const cache = createCache<UserState>({
  name: "user",
  maxEntries: 200_000,
  ttlMs: 60_000,
  load: async (key) => {
    const separator = key.indexOf(":");
    // findFirst, not findUnique: Prisma merges concurrent findUnique calls into one query, which
    // a burst of connects would push past SQLite's limit on query parameters.
    const user = await db.user.findFirst({
      where: { appId: key.slice(0, separator), id: key.slice(separator + 1), deletedAt: null },
      select: { name: true, tokensValidAfter: true, bannedUntil: true },
    });
    return user && { name: user.name, tokensValidAfter: user.tokensValidAfter?.getTime() ?? null, bannedUntil: user.bannedUntil?.getTime() ?? null };
  },
});

/**
 * What the hot paths (connect, send) need to know about a user, without a database
 * read after the first: every change to a user invalidates the entry on every node.
 */
export const userCache = {
  get: (appId: string, userId: string) => cache.get(userKey(appId, userId)),
  invalidate: (appId: string, userId: string) => cache.invalidate(userKey(appId, userId)),
};
