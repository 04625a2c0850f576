import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { announceMembership } from "../../base/channels/membership-events";
import { getServiceChannelOrThrow } from "./service-channel-rules";

/**
 * Subscribes a user to a service channel: from now on their devices receive its
 * broadcasts, live and in sync, from its next message on (`joinedSeq`). Subscribing
 * again changes nothing.
 */
export async function subscribeServiceChannel(input: { appId: string; userId: string; channelId: string }): Promise<void> {
  const channel = await getServiceChannelOrThrow(input);
  try {
    await db.channelMember.create({ data: { channelId: channel.id, appId: input.appId, userId: input.userId, joinedSeq: channel.lastSeq } });
  } catch (error) {
    if (isUniqueViolation(error)) return;
    throw error;
  }
  await announceMembership({ appId: input.appId, userIds: [input.userId], channelKeys: [channel.id], joined: true });
}
