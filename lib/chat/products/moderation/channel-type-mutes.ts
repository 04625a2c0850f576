import { db } from "../../../db/client";
import { createUserCache } from "../../base/cache";
import { ChatError } from "../../base/errors";
import { findUsersOrThrow } from "../../base/users/find-users";
import { checkUserIds } from "../../base/users/user-id";

/** The contract's names of channel types a user can be muted in. */
export const mutableChannelTypes = ["PERSON", "GROUP", "CHATROOM", "ULTRAGROUP"] as const;
export type MutableChannelType = (typeof mutableChannelTypes)[number];

function checkChannelType(channelType: string): MutableChannelType {
  if (!mutableChannelTypes.includes(channelType as MutableChannelType)) {
    throw new ChatError("invalidParameter", `channel type ${channelType} is not one of ${mutableChannelTypes.join(", ")}`);
  }
  return channelType as MutableChannelType;
}

/** Mutes in force: without an end, or ending later. */
export const activeMute = () => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] });

/** Per user, each muted channel type with when its mute ends (null: when removed). */
const cache = createUserCache<Map<string, number | null>>({
  name: "channel-type-mutes",
  maxEntries: 100_000,
  ttlMs: 60_000,
  load: async (appId, userId) => {
    const rows = await db.channelTypeMute.findMany({ where: { appId, userId, ...activeMute() }, select: { channelType: true, expiresAt: true } });
    return new Map(rows.map((row) => [row.channelType, row.expiresAt?.getTime() ?? null]));
  },
});

/** Drops a user's cached mutes on every node, e.g. after a soft delete removed them. */
export const forgetChannelTypeMutes = cache.invalidate;

/** Whether the user may not send in channels of this type; read from a cache on the send path. */
export async function isMutedIn(input: { appId: string; userId: string; channelType: MutableChannelType }): Promise<boolean> {
  const expiresAt = (await cache.get(input.appId, input.userId))?.get(input.channelType);
  return expiresAt === null || (expiresAt !== undefined && expiresAt > Date.now());
}

/**
 * Mutes (muteState 1) or unmutes (0) users in every channel of the given types, until
 * `expiresAt` or until unmuted; muting again replaces the end.
 */
export async function setChannelTypeMute(input: { appId: string; userIds: string[]; muteState: number; channelTypes: string[]; expiresAt?: Date }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: 100 });
  if (input.muteState !== 0 && input.muteState !== 1) throw new ChatError("invalidParameter", "muteState must be 0 (unmute) or 1 (mute)");
  if (input.channelTypes.length === 0) throw new ChatError("invalidParameter", "channelTypes must name at least one channel type");
  const channelTypes = [...new Set(input.channelTypes.map(checkChannelType))];
  await findUsersOrThrow({ appId: input.appId, userIds });
  const appId = input.appId;
  if (input.muteState === 1) {
    await db.$transaction(
      userIds.flatMap((userId) =>
        channelTypes.map((channelType) =>
          db.channelTypeMute.upsert({
            where: { appId_userId_channelType: { appId, userId, channelType } },
            create: { appId, userId, channelType, expiresAt: input.expiresAt ?? null },
            update: { expiresAt: input.expiresAt ?? null },
          }),
        ),
      ),
    );
  } else {
    await db.channelTypeMute.deleteMany({ where: { appId, userId: { in: userIds }, channelType: { in: channelTypes } } });
  }
  await Promise.all(userIds.map((userId) => cache.invalidate(appId, userId)));
}

/** A page of the users muted in a channel type, the earliest muted first. */
export async function findChannelTypeMutes(input: { appId: string; channelType: string; pageSize?: number; offset?: number }) {
  const channelType = checkChannelType(input.channelType);
  const pageSize = input.pageSize ?? 100;
  const offset = input.offset ?? 0;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new ChatError("invalidParameter", "pageSize must be 1 to 200");
  if (!Number.isInteger(offset) || offset < 0) throw new ChatError("invalidParameter", "offset must be 0 or more");
  const where = { appId: input.appId, channelType, ...activeMute() };
  const [rows, totalCount] = await Promise.all([
    db.channelTypeMute.findMany({ where, orderBy: [{ createdAt: "asc" }, { userId: "asc" }], skip: offset, take: pageSize, select: { userId: true } }),
    db.channelTypeMute.count({ where }),
  ]);
  return { totalCount, mutedUserIds: rows.map((row) => row.userId) };
}
