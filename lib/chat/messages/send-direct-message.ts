import { getBus, topics } from "../../bus";
import { describeError, log } from "../../log";
import { getAppSettings } from "../apps/app-settings";
import { blocklistCache } from "../blocklists/blocklist-cache";
import { friendCache } from "../friends/friend-cache";
import { isMutedIn } from "../moderation/channel-type-mutes";
import { ChannelType, directChannelId } from "../channels/channel-types";
import { ChatError } from "../errors";
import { checkUserId } from "../users/user-id";
import { userCache } from "../users/user-cache";
import { checkMessage } from "./check-message";
import { type MessageView, serializeMessageView } from "./message-view";
import { getMessageWriter } from "./message-writer";

export type DirectMessageInput = {
  appId: string;
  senderId: string;
  recipientId: string;
  messageType: string;
  /** JSON text of the content object. */
  content: string;
  clientMessageId?: string;
  /** The sending session, which learns the message from its reply instead of a publication. */
  senderSessionId?: string;
};

/**
 * Stores a direct message and delivers it to every online session of the recipient and
 * to the sender's other sessions. Resolves after the message is stored; a repeated
 * clientMessageId resolves with the message stored the first time and delivers nothing.
 */
export async function sendDirectMessage(input: DirectMessageInput): Promise<MessageView> {
  const recipientId = checkUserId(input.recipientId, "channelId");
  const content = checkMessage(input);
  if (!(await userCache.get(input.appId, recipientId))) {
    throw new ChatError("notFound", `User ${recipientId} does not exist`);
  }
  if (await isMutedIn({ appId: input.appId, userId: input.senderId, channelType: "PERSON" })) {
    throw new ChatError("userMuted", "You are muted in direct messages");
  }
  if (await blocklistCache.isBlocked({ appId: input.appId, userId: recipientId, senderId: input.senderId })) {
    throw new ChatError("blockedByRecipient", `${recipientId} does not accept your messages (blocklist)`);
  }
  if (
    recipientId !== input.senderId &&
    (await getAppSettings(input.appId)).directMessagesFriendsOnly &&
    !(await friendCache.areFriends({ appId: input.appId, userId: input.senderId, otherId: recipientId }))
  ) {
    throw new ChatError("notFriends", `Direct messages go only between friends in this app, and ${recipientId} is not yours`);
  }
  const stored = await getMessageWriter().write({
    channel: {
      appId: input.appId,
      type: ChannelType.direct,
      channelId: directChannelId(input.senderId, recipientId),
      memberIds: [...new Set([input.senderId, recipientId])],
    },
    senderId: input.senderId,
    messageType: input.messageType,
    content: input.content,
    clientMessageId: input.clientMessageId,
  });
  const view: MessageView = {
    messageId: stored.id,
    channelType: ChannelType.direct,
    channelId: recipientId,
    senderId: input.senderId,
    seq: stored.seq,
    sentAt: stored.sentAt.getTime(),
    messageType: input.messageType,
    content,
    ...(input.clientMessageId !== undefined ? { clientMessageId: input.clientMessageId } : {}),
  };
  if (!stored.duplicate) await deliver(input, recipientId, serializeMessageView(view));
  return view;
}

/**
 * Live delivery. The message is stored and acknowledged whatever happens here: a
 * session that misses the publication gets the message when it syncs.
 */
async function deliver(input: DirectMessageInput, recipientId: string, data: string) {
  const bus = getBus();
  const toSender = bus.publish(topics.user(input.appId, input.senderId), {
    type: "publication",
    data,
    exceptSessionId: input.senderSessionId,
  });
  const toRecipient = recipientId === input.senderId ? undefined : bus.publish(topics.user(input.appId, recipientId), { type: "publication", data });
  await Promise.all([toSender, toRecipient]).catch((error) => log.warn("live delivery failed", describeError(error)));
}
