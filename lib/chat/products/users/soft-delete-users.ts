import { randomUUID } from "node:crypto";
import { getBus, topics } from "../../../bus";
import { db } from "../../../db/client";
import { blocklistCache } from "../blocklists";
import { friendCache } from "../friends";
import { forgetChannelTypeMutes } from "../moderation";
import { findUsersOrThrow } from "../../base/users/find-users";
import { userCache } from "../../base/users/user-cache";
import { checkUserIds } from "../../base/users/user-id";

/** Most users per soft delete, restore call. */
export const maxUsersPerSoftDelete = 100;

/**
 * Deactivates users and erases their personal data: name, avatar, hosted profile, tags,
 * blocklist, friends, channel memberships and group ownership. Their sessions are closed and their tokens stop working. The ids stay
 * reserved and can be restored; the data cannot.
 */
export async function softDeleteUsers(input: { appId: string; userIds: string[] }): Promise<{ operationId: string }> {
  const userIds = checkUserIds(input.userIds, { max: maxUsersPerSoftDelete });
  await findUsersOrThrow({ appId: input.appId, userIds });
  const friendsOfDeleted = await db.friendship.findMany({ where: { appId: input.appId, userId: { in: userIds } }, select: { friendId: true } });
  const now = new Date();
  const users = { appId: input.appId, userId: { in: userIds } };
  await db.$transaction([
    db.user.updateMany({
      where: { appId: input.appId, id: { in: userIds } },
      data: { deletedAt: now, tokensValidAfter: now, bannedUntil: null, name: "", avatarUrl: "" },
    }),
    db.blocklistEntry.deleteMany({ where: users }),
    db.channelMember.deleteMany({ where: users }),
    // Their groups stay, without an owner (as when an owner leaves).
    db.channel.updateMany({ where: { appId: input.appId, ownerId: { in: userIds } }, data: { ownerId: null } }),
    db.userProfile.deleteMany({ where: users }),
    db.userTag.deleteMany({ where: users }),
    db.channelTypeMute.deleteMany({ where: users }),
    db.friendship.deleteMany({ where: { appId: input.appId, OR: [{ userId: { in: userIds } }, { friendId: { in: userIds } }] } }),
    db.friendRequest.deleteMany({ where: { appId: input.appId, OR: [{ fromUserId: { in: userIds } }, { toUserId: { in: userIds } }] } }),
  ]);
  const bus = getBus();
  await Promise.all(
    userIds.map(async (userId) => {
      await Promise.all([
        userCache.invalidate(input.appId, userId),
        blocklistCache.invalidate(input.appId, userId),
        forgetChannelTypeMutes(input.appId, userId),
      ]);
      await bus.publish(topics.user(input.appId, userId), { type: "disconnect", reason: "deleted" });
    }),
  );
  await friendCache.invalidate(input.appId, [...userIds, ...friendsOfDeleted.map((row) => row.friendId)]);
  return { operationId: randomUUID() };
}
