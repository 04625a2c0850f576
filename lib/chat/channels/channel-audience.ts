import { getBus, topics } from "../../bus";
import { describeError, log } from "../../log";
import { ChannelType } from "./channel-types";

/**
 * Publishes to everyone of a channel who is online: both users of a direct channel, the
 * members of a group through its channel topic, the owner of a system channel.
 */
export async function publishToChannel(input: { appId: string; channel: { id: string; type: number; channelId: string }; data: string; exceptSessionId?: string }) {
  const bus = getBus();
  const message = { type: "publication" as const, data: input.data, exceptSessionId: input.exceptSessionId };
  const userIds = input.channel.type === ChannelType.direct ? new Set(input.channel.channelId.split(":")) : new Set([input.channel.channelId]);
  const published =
    input.channel.type === ChannelType.group
      ? bus.publish(topics.channel(input.channel.id), message)
      : Promise.all([...userIds].map((userId) => bus.publish(topics.user(input.appId, userId), message)));
  await Promise.resolve(published).catch((error) => log.warn("live delivery failed", describeError(error)));
}
