import { db } from "../../../db/client";
import { announceMembership } from "../../base/channels/membership-events";
import { checkUserIds } from "../../base/users/user-id";
import { checkGroupId, maxGroupUsersPerCall } from "./group-rules";
import { getGroupOrThrow, lockGroupOrThrow } from "./group-view";
import { deleteMemberRules } from "./member-rules";
import { notifyGroup } from "./notify-group";

/**
 * Removes users from a group; users who are not members (or no longer exist) are ignored.
 * When the owner leaves, the group stays, without an owner, until one is given to it. A
 * leaving member's mute goes with their membership; their allowed-sender entry and the
 * members they follow go when asked. `operation` "Kicked" notifies a removal by the app
 * (from the owner) rather than members quitting.
 */
export async function leaveGroup(input: {
  appId: string;
  channelId: string;
  userIds: string[];
  maxUserIds?: number;
  deleteAllowedSenders?: boolean;
  deleteFavorites?: boolean;
  operation?: "Quit" | "Kicked";
}): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const userIds = checkUserIds(input.userIds, { max: input.maxUserIds ?? maxGroupUsersPerCall });
  const current = await getGroupOrThrow(db, { appId: input.appId, channelId });
  const leaving = await db.channelMember.findMany({ where: { appId: input.appId, channelId: current.id, userId: { in: userIds } }, select: { userId: true } });
  if (leaving.length === 0) return;
  const targetUserIds = leaving.map((member) => member.userId);
  const operation = input.operation ?? "Quit";
  // Before the change, so that the leaving members' clients learn it too.
  const operatorUserId = operation === "Kicked" ? (current.ownerId ?? targetUserIds[0]!) : targetUserIds[0]!;
  await notifyGroup({ appId: input.appId, channelId, operatorUserId, operation, data: { targetUserIds } });
  const { group, removed } = await db.$transaction(async (tx) => {
    const group = await lockGroupOrThrow(tx, { appId: input.appId, channelId });
    const members = { appId: input.appId, channelId: group.id, userId: { in: userIds } };
    const removed = (await tx.channelMember.findMany({ where: members, select: { userId: true } })).map((member) => member.userId);
    await tx.channelMember.deleteMany({ where: members });
    await deleteMemberRules(tx, { groupPk: group.id, userIds: removed, allowedSenders: input.deleteAllowedSenders ?? false, favorites: input.deleteFavorites ?? false });
    if (group.ownerId !== null && removed.includes(group.ownerId)) await tx.channel.update({ where: { id: group.id, appId: input.appId }, data: { ownerId: null } });
    return { group, removed };
  });
  if (removed.length > 0) await announceMembership({ appId: input.appId, userIds: removed, channelKeys: [group.id], joined: false });
}
