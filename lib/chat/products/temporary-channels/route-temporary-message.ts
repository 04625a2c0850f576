import { topics } from "../../../bus";
import { ChatError } from "../../base/errors";
import type { ChannelType } from "../../base/channels/channel-types";
import type { RouteMessage } from "../../base/messages/message-target";
import { getTemporaryChannelOrThrow } from "./temporary-channel-rules";

/**
 * Only members send to a temporary conversation, from a client or through the app server,
 * and only while it lives. Each of its (at most 10) members gets the message on their
 * own topic; those offline get it at their next sync, while it lives.
 */
export const routeTemporaryMessage: RouteMessage<typeof ChannelType.temporary> = async (input) => {
  const channel = await getTemporaryChannelOrThrow({ appId: input.appId, channelId: input.target.channelId });
  if (!channel.memberIds.includes(input.senderId)) throw new ChatError("notMember", `${input.senderId} is not a member of temporary conversation ${channel.channelId}`);
  return { address: { appId: input.appId, pk: channel.id }, recipientTopics: channel.memberIds.map((userId) => topics.user(input.appId, userId)) };
};
