import { db } from "../../../db/client";
import { announceMembership } from "../../base/channels/membership-events";
import { findUsersOrThrow } from "../../base/users/find-users";
import { checkUserIds } from "../../base/users/user-id";
import { checkGroupId, checkMemberLimit, maxGroupUsersPerCall } from "./group-rules";
import { lockGroupOrThrow, toGroupProfile, withMemberCount } from "./group-view";
import { notifyGroup } from "./notify-group";

/**
 * Adds users to a group as members and returns its profile. Members already in it keep
 * their role and join position. A new member's `joinedSeq` is the group's last sequence,
 * so that with `groupHistoryForMembersOnly` they see only later messages.
 */
export async function joinGroup(input: { appId: string; channelId: string; userIds: string[]; maxUserIds?: number }) {
  const channelId = checkGroupId(input.channelId);
  const userIds = checkUserIds(input.userIds, { max: input.maxUserIds ?? maxGroupUsersPerCall });
  await findUsersOrThrow({ appId: input.appId, userIds });
  const { group, added } = await db.$transaction(async (tx) => {
    const group = await lockGroupOrThrow(tx, { appId: input.appId, channelId });
    const members = { appId: input.appId, channelId: group.id };
    const existing = await tx.channelMember.findMany({ where: { ...members, userId: { in: userIds } }, select: { userId: true } });
    const known = new Set(existing.map((member) => member.userId));
    const added = userIds.filter((userId) => !known.has(userId));
    checkMemberLimit(await tx.channelMember.count({ where: members }), added.length);
    await tx.channelMember.createMany({ data: added.map((userId) => ({ channelId: group.id, appId: input.appId, userId, joinedSeq: group.lastSeq })) });
    return { group: await tx.channel.findUniqueOrThrow({ where: { id: group.id, appId: input.appId }, include: withMemberCount }), added };
  });
  if (added.length > 0) {
    await announceMembership({ appId: input.appId, userIds: added, channelKeys: [group.id], joined: true });
    await notifyGroup({ appId: input.appId, channelId, operatorUserId: group.ownerId ?? added[0]!, operation: "Add", data: { targetUserIds: added } });
  }
  return toGroupProfile(group);
}
