import { db } from "../../../db/client";
import { blocklistCache } from "../blocklists";
import { ChatError } from "../../base/errors";
import { developmentUsersLeft } from "../../base/users/development-users";
import { userCache } from "../../base/users/user-cache";
import { checkUserIds } from "../../base/users/user-id";
import { maxUsersPerSoftDelete, softDeleteUsers } from "./soft-delete-users";

export type DeletedForGood = {
  /** The users whose rows are gone. */
  userIds: string[];
  /** Messages they had sent that were removed (0 when their messages were kept). */
  removedMessages: number;
  /** How many more users the development app may register now. */
  usersLeft: number;
};

/**
 * Deletes users of a development app for good, soft-deleted ones included: what a soft delete
 * erases (sessions closed, tokens refused, memberships, friends, blocklist, profile, tags), then the
 * user row and every row still naming them (push devices, rules in channels, read receipts, others'
 * blocklist entries), so the id is free and no longer counts against the development app's user
 * limit. The messages they sent stay, from a sender that no longer exists, unless `removeMessages`.
 * Production apps are refused: their users can only be soft-deleted.
 */
export async function deleteUsersForGood(input: {
  app: { id: string; environment: string };
  userIds: string[];
  removeMessages: boolean;
}): Promise<DeletedForGood> {
  const appId = input.app.id;
  if (input.app.environment !== "development") {
    throw new ChatError("forbidden", "Only a development app's users can be deleted for good; soft-delete the users of a production app");
  }
  const userIds = checkUserIds(input.userIds, { max: maxUsersPerSoftDelete });
  const users = await db.user.findMany({ where: { appId, id: { in: userIds } }, select: { id: true, deletedAt: true } });
  const known = new Set(users.map((user) => user.id));
  const missing = userIds.find((userId) => !known.has(userId));
  if (missing !== undefined) throw new ChatError("notFound", `User ${missing} does not exist`);

  // The soft delete closes their sessions and drops what other users' caches hold of them.
  const active = users.filter((user) => !user.deletedAt).map((user) => user.id);
  if (active.length > 0) await softDeleteUsers({ appId, userIds: active });

  const blockedBy = await db.blocklistEntry.findMany({ where: { appId, blockedUserId: { in: userIds } }, select: { userId: true } });
  const named = { appId, userId: { in: userIds } };
  const removeMessages = input.removeMessages ? [db.message.deleteMany({ where: { appId, senderId: { in: userIds } } })] : [];
  const [removed] = await db.$transaction([
    ...removeMessages,
    db.messageStream.deleteMany({ where: { appId, senderId: { in: userIds } } }),
    db.messageReadReceipt.deleteMany({ where: { userId: { in: userIds }, message: { appId } } }),
    db.channelUserRule.deleteMany({ where: { userId: { in: userIds }, channel: { appId } } }),
    db.openChannelParticipant.deleteMany({ where: named }),
    db.communityUserGroupMember.deleteMany({ where: { userId: { in: userIds }, userGroup: { channel: { appId } } } }),
    db.notificationSetting.deleteMany({ where: named }),
    db.userChannelTag.deleteMany({ where: named }),
    db.pushDevice.deleteMany({ where: named }),
    db.sessionWill.deleteMany({ where: named }),
    db.blocklistEntry.deleteMany({ where: { appId, blockedUserId: { in: userIds } } }),
    // Blocklists, friendships, profiles, tags and channel type mutes go with the row (cascade).
    db.user.deleteMany({ where: { appId, id: { in: userIds } } }),
  ]);
  await Promise.all([
    ...userIds.map((userId) => userCache.invalidate(appId, userId)),
    ...[...new Set(blockedBy.map((entry) => entry.userId))].map((userId) => blocklistCache.invalidate(appId, userId)),
  ]);
  return { userIds, removedMessages: input.removeMessages ? removed!.count : 0, usersLeft: await developmentUsersLeft(appId) };
}
