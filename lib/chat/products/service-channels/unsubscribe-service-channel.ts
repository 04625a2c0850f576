import { db } from "../../../db/client";
import { announceMembership } from "../../base/channels/membership-events";
import { getServiceChannelOrThrow } from "./service-channel-rules";

/**
 * Ends a user's subscription: nothing more of the channel reaches them, neither its
 * broadcasts nor the app's messages to them. Their thread with it stays theirs to read.
 * Unsubscribing when not subscribed changes nothing.
 */
export async function unsubscribeServiceChannel(input: { appId: string; userId: string; channelId: string }): Promise<void> {
  const channel = await getServiceChannelOrThrow(input);
  const { count } = await db.channelMember.deleteMany({ where: { channelId: channel.id, appId: input.appId, userId: input.userId } });
  if (count > 0) await announceMembership({ appId: input.appId, userIds: [input.userId], channelKeys: [channel.id], joined: false });
}
