import { getAppSettings } from "../base/apps/app-settings";
import { ChannelType } from "../base/channels/channel-types";
import { type ChannelLookup, type ChannelRef, findMemberChannel, visibleFromSeq } from "../base/channels/find-channel";
import { communityVisibleSince, findCommunityChannel } from "../products/communities";

/**
 * The channel a user reads and the first of its messages they see: a member's
 * conversation from `visibleFromSeq`; a community channel (for its members with access)
 * from `communityVisibleSince`.
 */
export async function findReadableChannel(input: ChannelLookup): Promise<{ channel: ChannelRef; member: ChannelMemberRow; visible: { fromSeq: number; since?: Date } }> {
  if (input.channelType === ChannelType.community) {
    const { channel, member } = await findCommunityChannel(input);
    return { channel, member, visible: { fromSeq: 1, since: await communityVisibleSince({ appId: input.appId, member }) } };
  }
  const { channel, member } = await findMemberChannel(input);
  const { groupHistoryForMembersOnly } = await getAppSettings(input.appId);
  return { channel, member, visible: { fromSeq: visibleFromSeq(member, channel.type, groupHistoryForMembersOnly) } };
}

type ChannelMemberRow = Awaited<ReturnType<typeof findMemberChannel>>["member"];
