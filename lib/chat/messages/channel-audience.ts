import { getBus, topics } from "../../bus";
import { db } from "../../db/client";
import { describeError, log } from "../../log";
import { communityTopicKey } from "../products/communities";
import { ChannelType, isBroadcastChannel, splitServiceChannelId } from "../base/channels/channel-types";

type ChannelKey = { id: string; type: number; channelId: string; parentId?: string | null; isPrivate?: boolean };

/**
 * Publishes to everyone of a channel who is online: both users of a direct channel, the
 * members of a group through its channel topic, the readers of a community channel through its topic, the owner of a system channel, every
 * user of the app for the broadcast channel, the subscribers of a service channel through its topic (a thread's subscriber on
 * their own), the members of a temporary conversation.
 */
export async function publishToChannel(input: { appId: string; channel: ChannelKey; data: string; exceptSessionId?: string; exceptUserId?: string }) {
  const bus = getBus();
  const message = { type: "publication" as const, data: input.data, exceptSessionId: input.exceptSessionId, exceptUserId: input.exceptUserId };
  const audience = (await audienceTopics(input.appId, input.channel)).filter((topic) => !input.exceptUserId || topic !== topics.user(input.appId, input.exceptUserId));
  await Promise.all(audience.map((topic) => bus.publish(topic, message))).catch((error) => log.warn("live delivery failed", describeError(error)));
}

async function audienceTopics(appId: string, channel: ChannelKey): Promise<string[]> {
  if (isBroadcastChannel(channel)) return [topics.app(appId)];
  if (channel.type === ChannelType.group) return [topics.channel(channel.id)];
  if (channel.type === ChannelType.service) {
    const { subscriberId } = splitServiceChannelId(channel.channelId);
    return [subscriberId === undefined ? topics.channel(channel.id) : topics.user(appId, subscriberId)];
  }
  if (channel.type === ChannelType.temporary) {
    const members = await db.channelMember.findMany({ where: { appId, channelId: channel.id }, select: { userId: true } });
    return members.map((member) => topics.user(appId, member.userId));
  }
  if (channel.type === ChannelType.community) return [topics.channel(communityTopicKey(channel))];
  const userIds = channel.type === ChannelType.direct ? new Set(channel.channelId.split(":")) : [channel.channelId];
  return [...userIds].map((userId) => topics.user(appId, userId));
}
