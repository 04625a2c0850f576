import { db } from "../../../db/client";
import { announceMembership } from "../../base/channels/membership-events";
import { getServiceChannelOrThrow } from "./service-channel-rules";

/** Subscribers told per page that they left a deleted channel. */
const announcedPerPage = 1000;

/**
 * Deletes a service channel with its subscriptions, its broadcasts and every subscriber's
 * thread (their rows have it as parent). The nodes of online subscribers stop listening to it.
 */
export async function deleteServiceChannel(input: { appId: string; channelId: string }): Promise<void> {
  const channel = await getServiceChannelOrThrow(input);
  const subscriberIds = (await db.channelMember.findMany({ where: { appId: input.appId, channelId: channel.id }, select: { userId: true } })).map((row) => row.userId);
  await db.channel.deleteMany({ where: { id: channel.id, appId: input.appId } });
  for (let start = 0; start < subscriberIds.length; start += announcedPerPage) {
    await announceMembership({ appId: input.appId, userIds: subscriberIds.slice(start, start + announcedPerPage), channelKeys: [channel.id], joined: false });
  }
}
