import { topics } from "../../../bus";
import type { ChannelType } from "../../base/channels/channel-types";
import type { RouteMessage } from "../../base/messages/message-target";
import { checkUserIds } from "../../base/users/user-id";
import { checkCommunitySender } from "./community-user-rules";
import { communityTopicKey, findCommunityChannel, findReaders } from "./subchannel-access";

/**
 * Readers of the channel only may send; a client's send also passes the community's
 * and the subchannel's mutes and freezes. Live delivery is one publication on the
 * channel's topic, which the nodes of its online readers listen to; a directed message
 * (`toUserIds`) goes to those of them who read the channel, on their own topics.
 */
export const routeCommunityMessage: RouteMessage<typeof ChannelType.community> = async (input) => {
  const { communityId, subchannelId, toUserIds } = input.target;
  const { community, channel } = await findCommunityChannel({ appId: input.appId, userId: input.senderId, channelId: communityId, subchannelId });
  if (!input.byServer) await checkCommunitySender({ senderId: input.senderId, community, channel });
  const route = { address: { appId: input.appId, pk: channel.id }, community: channel };
  if (!toUserIds) return { ...route, recipientTopics: [], channelTopic: topics.channel(communityTopicKey(channel)) };
  const recipients = checkUserIds(toUserIds, { max: 1000, field: "toUserIds" });
  const readers = await findReaders({ appId: input.appId, channel, userIds: recipients });
  return { ...route, recipientTopics: readers.map((userId) => topics.user(input.appId, userId)) };
};
