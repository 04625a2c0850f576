import type { ChannelTypeNumber } from "../../../contract";

/**
 * The contract's channel type numbers. 5 and 7 are numbered as the compatible service numbers
 * its customer-service and app public-service conversations: temporary conversations and
 * service channels (the system conversations users subscribe to; 6 is each user's own system channel).
 */
export const ChannelType = { direct: 1, group: 3, open: 4, temporary: 5, system: 6, service: 7, community: 10 } as const satisfies Record<string, ChannelTypeNumber>;

/**
 * The app-wide broadcast channel: a system channel stored once per app, whose messages
 * every user of the app receives and syncs. No user id can take this id.
 */
export const broadcastChannelId = "*";

export function isBroadcastChannel(channel: { type: number; channelId: string }): boolean {
  return channel.type === ChannelType.system && channel.channelId === broadcastChannelId;
}

/** A direct channel is stored once for both users: their ids, sorted, joined by ":". */
export function directChannelId(userA: string, userB: string): string {
  return userA < userB ? `${userA}:${userB}` : `${userB}:${userA}`;
}

/** How `userId` names a stored channel: a direct one by the other user's id, a subscriber's thread by its service channel's id, others by their id. */
export function channelIdSeenBy(channel: { type: number; channelId: string }, userId: string): string {
  if (channel.type === ChannelType.service) return splitServiceChannelId(channel.channelId).channelId;
  if (channel.type !== ChannelType.direct) return channel.channelId;
  const [first, second] = channel.channelId.split(":") as [string, string];
  return first === userId ? second : first;
}

/**
 * A community's subchannel is stored as its own channel, `<communityId>/<subchannelId>`:
 * ids never hold "/", so no community id can take it. The community's row (id alone)
 * is its default channel.
 */
export function communityChannelId(communityId: string, subchannelId?: string): string {
  return subchannelId === undefined ? communityId : `${communityId}/${subchannelId}`;
}

/** The community and subchannel of a stored community channel id. */
export function splitCommunityChannelId(channelId: string): { channelId: string; subchannelId?: string } {
  const [communityId, subchannelId] = channelId.split("/") as [string, string | undefined];
  return { channelId: communityId, ...(subchannelId !== undefined && { subchannelId }) };
}

/**
 * What a subscriber and a service channel say to each other alone (the subscriber's
 * messages, the app's messages to them) is stored apart from the channel's broadcasts, in
 * the subscriber's thread `<serviceId>/<userId>`: ids never hold "/".
 */
export function serviceThreadId(serviceId: string, userId: string): string {
  return `${serviceId}/${userId}`;
}

/** The service channel of a stored type-7 channel id, and the subscriber when it is a thread. */
export function splitServiceChannelId(channelId: string): { channelId: string; subscriberId?: string } {
  const [serviceId, subscriberId] = channelId.split("/") as [string, string | undefined];
  return { channelId: serviceId, ...(subscriberId !== undefined && { subscriberId }) };
}
