import { db } from "../../db/client";
import { announceMembership } from "../channels/membership-events";
import { checkGroupId } from "./group-rules";
import { lockGroupOrThrow } from "./group-view";

/** Deletes a group with its members and messages. */
export async function dismissGroup(input: { appId: string; channelId: string }): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const { group, memberIds } = await db.$transaction(async (tx) => {
    const group = await lockGroupOrThrow(tx, { appId: input.appId, channelId });
    const members = await tx.channelMember.findMany({ where: { appId: input.appId, channelId: group.id }, select: { userId: true } });
    await tx.channel.delete({ where: { id: group.id, appId: input.appId } });
    return { group, memberIds: members.map((member) => member.userId) };
  });
  await announceMembership({ appId: input.appId, userIds: memberIds, channelKeys: [group.id], joined: false });
}
