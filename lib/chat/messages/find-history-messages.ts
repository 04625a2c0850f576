import { ChannelType } from "../base/channels/channel-types";
import { ChatError } from "../base/errors";
import { checkHistoryWindow, findMessagesInWindow, type HistoryWindow } from "../base/messages/history-window";
import { getUserOrThrow } from "../base/users/find-users";
import { checkUserId } from "../base/users/user-id";
import { getOpenChannelOrThrow } from "../products/open-channels";
import { findReadableChannel } from "./readable-channel";

/**
 * A page of the stored messages of a direct, group or open conversation, or of a community
 * channel, as `userId` sees it (a member: not what they cleared, nor group history from
 * before they joined where the app keeps it to members; in communities the app's history
 * window), newest first, sent between `endAt` (exclusive) and `startAt`
 * (inclusive when `includeStart`).
 */
export async function findHistoryMessages(
  input: HistoryWindow & {
    appId: string;
    userId: string;
    channelType: typeof ChannelType.direct | typeof ChannelType.group | typeof ChannelType.open | typeof ChannelType.community;
    channelId: string;
    subchannelId?: string;
  },
) {
  const userId = checkUserId(input.userId);
  checkHistoryWindow(input);
  if (input.channelType === ChannelType.direct) checkUserId(input.channelId, "channelId");
  await getUserOrThrow({ appId: input.appId, userId });
  const conversation = await findConversation(input);
  if (!conversation) return { messages: [] };
  const { channel, visible } = conversation;
  return { messages: await findMessagesInWindow({ channelPk: channel.id, window: input, visible, channel: input }) };
}

/**
 * The member's channel; none for two users who never wrote to each other (an empty
 * history, not an error). Open channels have no members: anyone reads their history.
 */
async function findConversation(input: { appId: string; userId: string; channelType: number; channelId: string; subchannelId?: string }) {
  if (input.channelType === ChannelType.open) return { channel: await getOpenChannelOrThrow(input.appId, input.channelId), visible: { fromSeq: 1, since: undefined } };
  try {
    return await findReadableChannel(input);
  } catch (error) {
    if (input.channelType === ChannelType.direct && error instanceof ChatError && error.kind === "notFound") return null;
    throw error;
  }
}
