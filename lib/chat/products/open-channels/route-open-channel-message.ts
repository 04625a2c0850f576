import { getBus, topics } from "../../../bus";
import { db } from "../../../db/client";
import { countUsage } from "../../base/analytics/usage-counts";
import { userRuleKinds } from "../../base/channels/channel-user-rules";
import { ChatError } from "../../base/errors";
import type { AppSettings } from "../../base/apps/app-settings";
import type { ChannelType } from "../../base/channels/channel-types";
import type { RouteMessage } from "../../base/messages/message-target";
import { isMutedIn } from "../moderation";
import { getOpenChannelOrThrow } from "./open-channel-rules";

/**
 * The rules of a message to an open channel: the sender is a participant (the app server
 * may send as anyone), not banned; a client that is muted, or anyone's client in a frozen
 * channel, is refused unless on its allowed-sender list; and the channel takes only so
 * many messages a second. Delivery goes to its online participants only.
 */
export const routeOpenChannelMessage: RouteMessage<typeof ChannelType.open> = async (input, settings) => {
  const { channelId } = input.target;
  const channel = await getOpenChannelOrThrow(input.appId, channelId);
  const rules = await userRuleKinds(channel.id, input.senderId);
  if (rules.has("ban")) throw new ChatError("forbidden", `${input.senderId} is banned from open channel ${channelId}`);
  if (!input.byServer && !(await db.openChannelParticipant.findFirst({ where: { channelId: channel.id, userId: input.senderId }, select: { userId: true } }))) {
    throw new ChatError("notMember", `${input.senderId} is not in open channel ${channelId}: join it first`);
  }
  // As in groups and communities, the app server's sends are not bound by freezes and mutes.
  if (!input.byServer && !rules.has("allowedSender")) {
    if (channel.frozen) throw new ChatError("channelFrozen", `Open channel ${channelId} is frozen: only its allowed senders may send`);
    if (rules.has("mute") || (await isMutedIn({ appId: input.appId, userId: input.senderId, channelType: "CHATROOM" }))) {
      throw new ChatError("userMuted", `You are muted in open channel ${channelId}`);
    }
  }
  const prioritySender = rules.has("prioritySender") || (input.byServer?.priority ?? false);
  await checkCapacity({ appId: input.appId, channelPk: channel.id, channelId, messageType: input.messageType, prioritySender, settings });
  return { address: { appId: input.appId, pk: channel.id }, recipientTopics: [], channelTopic: topics.channel(channel.id) };
};

/**
 * An open channel takes `openChannelMessagesPerSecond` messages a second, counted on
 * every node. Low-priority types are dropped once half of it is used; priority senders
 * and types count but are never dropped. A dropped message is refused, stored nowhere,
 * and counted per app and day.
 */
async function checkCapacity(input: { appId: string; channelPk: string; channelId: string; messageType: string; prioritySender: boolean; settings: AppSettings }) {
  const capacity = input.settings.openChannelMessagesPerSecond;
  const priority = input.prioritySender || input.settings.openChannelPriorityMessageTypes.includes(input.messageType);
  const limit = priority ? Number.MAX_SAFE_INTEGER : input.settings.openChannelLowPriorityMessageTypes.includes(input.messageType) ? capacity / 2 : capacity;
  if ((await getBus().consumeRate(`open-channel:${input.channelPk}`, 1, [{ limit, ms: 1000 }])).allowed) return;
  countUsage(input.appId, "openChannelMessagesDropped");
  throw new ChatError("rateLimited", `Open channel ${input.channelId} is taking more than ${capacity} messages a second: this one was dropped`);
}
