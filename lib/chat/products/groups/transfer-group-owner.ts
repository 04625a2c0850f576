import { db } from "../../../db/client";
import { announceMembership } from "../../base/channels/membership-events";
import { checkUserId } from "../../base/users/user-id";
import { GroupRole, checkGroupId } from "./group-rules";
import { checkGroupMembers, lockGroupOrThrow } from "./group-view";
import { deleteMemberRules } from "./member-rules";
import { notifyGroup } from "./notify-group";

/**
 * Gives a group to one of its members (also a group without an owner). The previous owner
 * stays as a member, or leaves with `leave`; the flags drop their mute, allowed-sender entry
 * and followed members. Naming the current owner changes nothing.
 */
export async function transferGroupOwner(input: {
  appId: string;
  channelId: string;
  newOwner: string;
  leave?: boolean;
  deleteMute?: boolean;
  deleteAllowedSenders?: boolean;
  deleteFavorites?: boolean;
}): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const newOwner = checkUserId(input.newOwner, "newOwner");
  const appId = input.appId;
  const { group, previousOwner } = await db.$transaction(async (tx) => {
    const group = await lockGroupOrThrow(tx, { appId, channelId });
    await checkGroupMembers(tx, { appId, groupPk: group.id, channelId, userIds: [newOwner] });
    const previousOwner = group.ownerId;
    if (previousOwner === newOwner) return { group, previousOwner };
    await tx.channel.update({ where: { id: group.id, appId }, data: { ownerId: newOwner } });
    await tx.channelMember.update({ where: { channelId_userId: { channelId: group.id, userId: newOwner } }, data: { role: GroupRole.owner } });
    if (previousOwner === null) return { group, previousOwner };
    const membership = { channelId_userId: { channelId: group.id, userId: previousOwner } };
    if (input.leave) await tx.channelMember.delete({ where: membership });
    else await tx.channelMember.update({ where: membership, data: { role: GroupRole.member, ...(input.deleteMute && { mutedUntil: null }) } });
    await deleteMemberRules(tx, { groupPk: group.id, userIds: [previousOwner], allowedSenders: input.deleteAllowedSenders ?? false, favorites: input.deleteFavorites ?? false });
    return { group, previousOwner };
  });
  if (previousOwner === newOwner) return;
  const data = { newOwner, previousOwner: previousOwner ?? "", previousOwnerLeft: Boolean(input.leave && previousOwner) };
  await notifyGroup({ appId, channelId, operatorUserId: previousOwner ?? newOwner, operation: "Transfer", data });
  if (input.leave && previousOwner !== null) await announceMembership({ appId, userIds: [previousOwner], channelKeys: [group.id], joined: false });
}
