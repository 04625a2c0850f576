import { db } from "../../db/client";
import { announceMembership } from "../channels/membership-events";
import { checkUserIds } from "../users/user-id";
import { checkGroupId, maxGroupUsersPerCall } from "./group-rules";
import { lockGroupOrThrow } from "./group-view";

/**
 * Removes users from a group; users who are not members (or no longer exist) are ignored.
 * When the owner leaves, the group stays, without an owner, until one is given to it.
 */
export async function leaveGroup(input: { appId: string; channelId: string; userIds: string[]; maxUserIds?: number }): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const userIds = checkUserIds(input.userIds, { max: input.maxUserIds ?? maxGroupUsersPerCall });
  const { group, removed } = await db.$transaction(async (tx) => {
    const group = await lockGroupOrThrow(tx, { appId: input.appId, channelId });
    const members = { appId: input.appId, channelId: group.id, userId: { in: userIds } };
    const removed = (await tx.channelMember.findMany({ where: members, select: { userId: true } })).map((member) => member.userId);
    await tx.channelMember.deleteMany({ where: members });
    if (group.ownerId !== null && removed.includes(group.ownerId)) await tx.channel.update({ where: { id: group.id, appId: input.appId }, data: { ownerId: null } });
    return { group, removed };
  });
  if (removed.length > 0) await announceMembership({ appId: input.appId, userIds: removed, channelKeys: [group.id], joined: false });
}
