import { db } from "../../../db/client";
import { announceMembership } from "../../base/channels/membership-events";
import { checkGroupId } from "./group-rules";
import { getGroupOrThrow, lockGroupOrThrow } from "./group-view";
import { notifyGroup } from "./notify-group";

/** Deletes a group with its members and messages, after telling its online members. */
export async function dismissGroup(input: { appId: string; channelId: string }): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const current = await getGroupOrThrow(db, { appId: input.appId, channelId });
  await notifyGroup({ appId: input.appId, channelId, operatorUserId: current.ownerId, operation: "Dismiss", data: {} });
  const { group, memberIds } = await db.$transaction(async (tx) => {
    const group = await lockGroupOrThrow(tx, { appId: input.appId, channelId });
    const members = await tx.channelMember.findMany({ where: { appId: input.appId, channelId: group.id }, select: { userId: true } });
    await tx.channel.delete({ where: { id: group.id, appId: input.appId } });
    return { group, memberIds: members.map((member) => member.userId) };
  });
  await announceMembership({ appId: input.appId, userIds: memberIds, channelKeys: [group.id], joined: false });
}
