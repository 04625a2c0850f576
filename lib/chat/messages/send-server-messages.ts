import { db } from "../../db/client";
import { ChannelType } from "../base/channels/channel-types";
import { findMemberChannel } from "../base/channels/find-channel";
import { ChatError } from "../base/errors";
import { checkSubscribed, getServiceChannelOrThrow } from "../products/service-channels";
import { requireUsers } from "../base/users/find-users";
import { checkUserId, checkUserIds } from "../base/users/user-id";
import { checkMessage } from "../base/messages/check-message";
import type { SendMessageInput } from "../base/messages/message-target";
import { getAppSettings } from "../base/apps/app-settings";
import { pushesConfigured } from "../products/push";
import { queueBroadcastPush } from "./audience-push";
import { sendMessage } from "./send-message";

/** A message the app server sends (Platform API): one content, possibly to many recipients. */
type ServerMessage = Pick<SendMessageInput, "appId" | "senderId" | "messageType" | "content" | "needReadReceipt" | "push" | "metadata"> & {
  byServer: NonNullable<SendMessageInput["byServer"]>;
};

/** Recipients of one direct send, and of one system send (the contract's limits). */
export const maxDirectRecipients = 1000;
export const maxSystemRecipients = 100;
/** Groups of one group send; a directed send names one. */
export const maxGroupTargets = 3;

/**
 * One direct message from the sender to each recipient. A refusal that concerns the
 * call (content, an unknown user) comes before anything is sent; recipients who blocked
 * the sender are left out when the blocklist is verified.
 */
export async function sendDirectMessages(input: ServerMessage & { toUserIds: string[] }) {
  checkServerMessage(input);
  const toUserIds = checkUserIds(input.toUserIds, { max: maxDirectRecipients, field: "toUserIds" });
  // The sender becomes a member of each direct channel, so it must be a user.
  await requireUsers({ appId: input.appId, userIds: [...new Set([input.senderId, ...toUserIds])] });
  const sent = await Promise.all(
    toUserIds.map((userId) =>
      sendMessage({ ...input, target: { channelType: ChannelType.direct, recipientId: userId } }).then(
        (message) => ({ userId, messageId: message.messageId }),
        skipBlockedRecipient,
      ),
    ),
  );
  return { messageIds: sent.filter((entry) => entry !== null) };
}

/** One message to each group, from a member; `toUserIds` directs it to some members of a single group. */
export async function sendGroupMessages(input: ServerMessage & { toChannelIds: string[]; toUserIds?: string[] }) {
  checkServerMessage(input);
  const groupIds = [...new Set(input.toChannelIds)];
  if (groupIds.length < 1 || groupIds.length > maxGroupTargets) throw new ChatError("invalidParameter", `toChannelIds must hold 1 to ${maxGroupTargets} group ids`);
  if (input.toUserIds && groupIds.length > 1) throw new ChatError("invalidParameter", "toUserIds directs a message to members of one group: name a single group in toChannelIds");
  for (const channelId of groupIds) await findMemberChannel({ appId: input.appId, userId: input.senderId, channelType: ChannelType.group, channelId });
  const messageIds = [];
  for (const groupId of groupIds) {
    const message = await sendMessage({ ...input, target: { channelType: ChannelType.group, groupId, toUserIds: input.toUserIds } });
    messageIds.push({ channelId: groupId, messageId: message.messageId });
  }
  return { messageIds };
}

/** Communities of one community send. */
export const maxCommunityTargets = 3;

/** One message to each community (its `subchannelId`, or its default channel), from a member who reads it; `toUserIds` directs it to some of its readers. */
export async function sendCommunityMessages(input: ServerMessage & { toChannelIds: string[]; subchannelId?: string; toUserIds?: string[] }) {
  checkServerMessage(input);
  const communityIds = [...new Set(input.toChannelIds)];
  if (communityIds.length < 1 || communityIds.length > maxCommunityTargets) throw new ChatError("invalidParameter", `toChannelIds must hold 1 to ${maxCommunityTargets} community ids`);
  const messageIds = [];
  for (const communityId of communityIds) {
    const message = await sendMessage({ ...input, target: { channelType: ChannelType.community, communityId, subchannelId: input.subchannelId, toUserIds: input.toUserIds } });
    messageIds.push({ channelId: communityId, messageId: message.messageId });
  }
  return { messageIds };
}

/** One message in each recipient's system channel; the sender need not be a user (a service account). */
export async function sendSystemMessages(input: ServerMessage & { toUserIds: string[] }) {
  checkServerMessage(input);
  const toUserIds = checkUserIds(input.toUserIds, { max: maxSystemRecipients, field: "toUserIds" });
  await requireUsers({ appId: input.appId, userIds: toUserIds });
  const sent = await Promise.all(toUserIds.map((userId) => sendMessage({ ...input, target: { channelType: ChannelType.system, recipientId: userId } })));
  return { messageIds: sent.map((message, index) => ({ userId: toUserIds[index]!, messageId: message.messageId })) };
}

/** Subscribers one service channel send names at most. */
export const maxServiceRecipients = 1000;

/**
 * One message from a service channel to each of some subscribers, in their threads: each
 * sees only their own. Every recipient must be subscribed, or nothing is sent.
 */
export async function sendServiceMessages(input: ServerMessage & { channelId: string; toUserIds: string[] }) {
  checkServerMessage(input);
  const toUserIds = checkUserIds(input.toUserIds, { max: maxServiceRecipients, field: "toUserIds" });
  const channel = await getServiceChannelOrThrow({ appId: input.appId, channelId: input.channelId });
  await checkSubscribed({ appId: input.appId, channel, userIds: toUserIds });
  const sent = await Promise.all(toUserIds.map((userId) => sendMessage({ ...input, target: { channelType: ChannelType.service, channelId: channel.channelId, toUserId: userId } })));
  return { messageIds: sent.map((message, index) => ({ userId: toUserIds[index]!, messageId: message.messageId })) };
}

/** One message to every subscriber of a service channel: stored once, published once, however many they are. */
export async function broadcastServiceMessage(input: ServerMessage & { channelId: string }) {
  checkServerMessage(input);
  const message = await sendMessage({ ...input, target: { channelType: ChannelType.service, channelId: input.channelId } });
  return { messageId: message.messageId };
}

/** A message to a temporary conversation from one of its members (echoed to the sender's devices: the conversation is theirs too). */
export async function sendTemporaryMessage(input: Omit<ServerMessage, "byServer"> & { channelId: string }) {
  checkServerMessage(input);
  const message = await sendMessage({ ...input, target: { channelType: ChannelType.temporary, channelId: input.channelId }, byServer: { persist: true, echoToSender: true, verifyBlocklist: false } });
  return { messageId: message.messageId };
}

/** Open channels one server send reaches at most. */
export const maxOpenChannelTargets = 10;

/** One message to each open channel, reaching its online participants; the sender need not be in them. */
export async function sendOpenChannelMessages(input: ServerMessage & { toChannelIds: string[] }) {
  checkServerMessage(input);
  const channelIds = [...new Set(input.toChannelIds)];
  if (channelIds.length < 1 || channelIds.length > maxOpenChannelTargets) throw new ChatError("invalidParameter", `toChannelIds must hold 1 to ${maxOpenChannelTargets} open channel ids`);
  const messageIds = [];
  for (const channelId of channelIds) {
    const message = await sendMessage({ ...input, target: { channelType: ChannelType.open, channelId } });
    messageIds.push({ channelId, messageId: message.messageId });
  }
  return { messageIds };
}

/** One message in every open channel of the app (a notice to all live rooms). */
export async function broadcastToOpenChannels(input: ServerMessage) {
  checkServerMessage(input);
  const channels = await db.channel.findMany({ where: { appId: input.appId, type: ChannelType.open }, select: { channelId: true } });
  for (const { channelId } of channels) await sendMessage({ ...input, target: { channelType: ChannelType.open, channelId } });
}

/**
 * One message to every user of the app: stored once in the broadcast channel (unless
 * `persist` is off: then only connected users get it) and published once, whatever the
 * number of users. The sender's sessions get it as the app's other sessions do.
 */
export async function broadcastMessage(input: Omit<ServerMessage, "byServer" | "needReadReceipt"> & { persist: boolean }) {
  checkServerMessage(input);
  const { push, ...send } = input;
  const message = await sendMessage({
    ...send,
    target: { channelType: ChannelType.system, broadcast: true },
    byServer: { persist: input.persist, echoToSender: false, verifyBlocklist: false },
  });
  // A stored broadcast notifies the offline users too; one to those online only pushes nothing.
  if (input.persist && !push?.disabled && pushesConfigured(await getAppSettings(input.appId))) queueBroadcastPush({ appId: input.appId, message, push });
  return { messageId: message.messageId };
}

/** What is the same for every recipient is checked once, before the first is sent. */
function checkServerMessage(input: Pick<SendMessageInput, "senderId" | "messageType" | "content">) {
  checkUserId(input.senderId, "fromUserId");
  checkMessage(input);
}

function skipBlockedRecipient(error: unknown): null {
  if (error instanceof ChatError && error.kind === "blockedByRecipient") return null;
  throw error;
}
