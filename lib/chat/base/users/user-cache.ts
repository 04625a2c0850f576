import { db } from "../../../db/client";
import { createUserCache } from "../cache";
import { coalesceReads } from "../coalesce-reads";
import { ChatError } from "../errors";

/**
 * A soft-deleted user has no state: for the hot paths it does not exist. Times are
 * milliseconds; the profile (name, avatar, registration) is what `/v4/user/get` answers.
 */
export type UserState = { name: string; avatarUrl: string; createdAt: number; tokensValidAfter: number | null; bannedUntil: number | null };

const userStateColumns = { name: true, avatarUrl: true, createdAt: true, tokensValidAfter: true, bannedUntil: true } as const;

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

async function readUserStates(appId: string, userIds: string[]): Promise<Map<string, UserState>> {
  const users = await db.user.findMany({ where: { appId, id: { in: userIds }, deletedAt: null }, select: { id: true, ...userStateColumns } });
  return new Map(users.map((user) => [user.id, toUserState(user)]));
}

const readUserStateCoalesced = coalesceReads(readUserStates);

function toUserState(user: { name: string; avatarUrl: string; createdAt: Date; tokensValidAfter: Date | null; bannedUntil: Date | null }): UserState {
  return {
    name: user.name,
    avatarUrl: user.avatarUrl,
    createdAt: user.createdAt.getTime(),
    tokensValidAfter: user.tokensValidAfter?.getTime() ?? null,
    bannedUntil: user.bannedUntil?.getTime() ?? null,
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
