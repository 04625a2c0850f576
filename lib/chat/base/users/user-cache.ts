import { db, sqlConnectionOf } from "../../../db/client";
import { readDate } from "../../../db/sql-connection";
import { createUserCache } from "../cache";
import { coalesceReads } from "../coalesce-reads";
import { ChatError } from "../errors";

/**
 * A soft-deleted user has no state: for the hot paths it does not exist. Times are
 * milliseconds; the profile (name, avatar, registration) is what `/v4/user/get` answers.
 */
export type UserState = { name: string; avatarUrl: string; createdAt: number; tokensValidAfter: number | null; bannedUntil: number | null };

/**
 * What the hot paths (connect, send, profile reads) need to know about a user, without a
 * database read after the first: every change to a user invalidates the entry on every node.
 */
export const userCache = createUserCache<UserState>({
  name: "user",
  maxEntries: 200_000,
  ttlMs: 60_000,
  load: async (appId, userId) => (await readUserStateCoalesced(appId, userId)) ?? null,
});

/** The states of several users of an app by user id (users that do not exist are absent): one read for those not cached. */
export function findUserStates(appId: string, userIds: string[]): Promise<Map<string, UserState>> {
  return userCache.getMany(appId, userIds, readUserStates);
}

/** Plain SQL through the driver: a burst of connects reads every user, and Prisma's engine costs more than the read. */
async function readUserStates(appId: string, userIds: string[]): Promise<Map<string, UserState>> {
  const users = await sqlConnectionOf(db).query<{ id: string; name: string; avatarUrl: string; createdAt: string | Date; tokensValidAfter: string | Date | null; bannedUntil: string | Date | null }>(
    `SELECT "id", "name", "avatarUrl", "createdAt", "tokensValidAfter", "bannedUntil" FROM "User" WHERE "appId" = ? AND "id" = ANY(?) AND "deletedAt" IS NULL`,
    [appId, userIds],
  );
  return new Map(users.map((user) => [user.id, toUserState(user)]));
}

const readUserStateCoalesced = coalesceReads(readUserStates);

function toUserState(user: { name: string; avatarUrl: string; createdAt: string | Date; tokensValidAfter: string | Date | null; bannedUntil: string | Date | null }): UserState {
  return {
    name: user.name,
    avatarUrl: user.avatarUrl,
    createdAt: readDate(user.createdAt).getTime(),
    tokensValidAfter: user.tokensValidAfter === null ? null : readDate(user.tokensValidAfter).getTime(),
    bannedUntil: user.bannedUntil === null ? null : readDate(user.bannedUntil).getTime(),
  };
}

/** The user's state, read through the cache; a user id that names no user of the app is refused. */
export async function getUserStateOrThrow(appId: string, userId: string): Promise<UserState> {
  const state = await userCache.get(appId, userId);
  if (!state) throw new ChatError("notFound", `User ${userId} does not exist`);
  return state;
}

/** Refuses a user id that names no user of the app; read through the cache, since sends check it per message. */
export async function checkUserExists(appId: string, userId: string): Promise<void> {
  await getUserStateOrThrow(appId, userId);
}
