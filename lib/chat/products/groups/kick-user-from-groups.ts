import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";
import { leaveGroup } from "./leave-group";

/** Removes a user from every group of the app, each group notified of the kick (its rules stay). */
export async function kickUserFromGroups(input: { appId: string; userId: string }): Promise<void> {
  const userId = checkUserId(input.userId);
  await getUserOrThrow({ appId: input.appId, userId });
  const memberships = await db.channelMember.findMany({
    where: { appId: input.appId, userId, channel: { type: ChannelType.group } },
    select: { channel: { select: { channelId: true } } },
  });
  for (const { channel } of memberships) await leaveGroup({ appId: input.appId, channelId: channel.channelId, userIds: [userId], operation: "Kicked" });
}
