import { topics } from "../../../bus";
import { ChatError } from "../../base/errors";
import type { Route, SendMessageInput } from "../../messages/send-message";
import { getTemporaryChannelOrThrow } from "./temporary-channel-rules";

/**
 * Only members send to a temporary conversation, from a client or through the app server,
 * and only while it lives. Each of its (at most 10) members gets the message on their
 * own topic; those offline get it at their next sync, while it lives.
 */
export async function routeTemporaryMessage(input: SendMessageInput, channelId: string): Promise<Route> {
  const channel = await getTemporaryChannelOrThrow({ appId: input.appId, channelId });
  if (!channel.memberIds.includes(input.senderId)) throw new ChatError("notMember", `${input.senderId} is not a member of temporary conversation ${channel.channelId}`);
  return { address: { appId: input.appId, pk: channel.id }, recipientTopics: channel.memberIds.map((userId) => topics.user(input.appId, userId)) };
}
