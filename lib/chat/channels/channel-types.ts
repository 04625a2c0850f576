/** The contract's channel type numbers. */
export const ChannelType = { direct: 1, group: 3, open: 4, system: 6, community: 10 } as const;
export type ChannelTypeNumber = (typeof ChannelType)[keyof typeof ChannelType];

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

/** How `userId` names a stored channel: a direct one by the other user's id, others by their id. */
export function channelIdSeenBy(channel: { type: number; channelId: string }, userId: string): string {
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
