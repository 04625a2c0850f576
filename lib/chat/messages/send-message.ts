import { getBus, topics } from "../../bus";
import type { MessageView } from "../../contract";
import { db } from "../../db/client";
import { describeError, log } from "../../log";
import { recordMessageLatency } from "../analytics/latency-histogram";
import { countUsage } from "../analytics/usage-counts";
import { type AppSettings, getAppSettings } from "../apps/app-settings";
import { blocklistCache } from "../blocklists/blocklist-cache";
import { broadcastChannelId, ChannelType, directChannelId } from "../channels/channel-types";
import { missingChannelError } from "../channels/inactive-channels";
import { prepareCommunityMentions } from "../communities/community-read-state";
import { checkCommunitySender } from "../communities/community-user-rules";
import { communityTopicKey, findCommunityChannel, findReaders } from "../communities/subchannel-access";
import { ChatError } from "../errors";
import { friendCache } from "../friends/friend-cache";
import { isAllowedSender } from "../groups/allowed-senders";
import { isMutedIn } from "../moderation/channel-type-mutes";
import { checkPreDeliveryHook } from "../moderation/pre-delivery-hook";
import { pushesConfigured } from "../push/offline-push";
import { queueOfflinePush } from "../push/push-queue";
import { routeOpenChannelMessage } from "../open-channels/route-open-channel-message";
import { routeServiceMessage } from "../service-channels/route-service-message";
import { routeTemporaryMessage } from "../temporary-channels/route-temporary-message";
import { applyProfanityFilter } from "../moderation/profanity-filter";
import { userCache } from "../users/user-cache";
import { checkUserId, checkUserIds } from "../users/user-id";
import { checkMessage } from "./check-message";
import { enqueueWebhookEvent, type WebhookEvent, webhookDeliveryRows } from "../webhooks/enqueue-webhook-event";
import { type MessageKind, messageKind } from "./message-kinds";
import { type Mentions, readMentions, recordMentions } from "./mentions";
import { generateMessageId } from "./message-id";
import { serializePublication } from "./message-view";
import { type ChannelAddress, getMessageWriter } from "./message-writer";

export type MessageTarget =
  | { channelType: typeof ChannelType.direct; recipientId: string }
  /** `toUserIds`: only these members receive it (a directed group message). */
  | { channelType: typeof ChannelType.group; groupId: string; toUserIds?: string[] }
  | { channelType: typeof ChannelType.system; recipientId: string }
  /** Every user of the app: stored once, in the app's broadcast channel. */
  | { channelType: typeof ChannelType.system; broadcast: true }
  /** The online participants of an open channel. */
  | { channelType: typeof ChannelType.open; channelId: string }
  /** A community's default channel, or one of its subchannels; `toUserIds` as for groups. */
  | { channelType: typeof ChannelType.community; communityId: string; subchannelId?: string; toUserIds?: string[] }
  /** The members of a temporary conversation. */
  | { channelType: typeof ChannelType.temporary; channelId: string }
  /** A service channel: from the app server to every subscriber, or (`toUserId`) to one; from a client, to the app. */
  | { channelType: typeof ChannelType.service; channelId: string; toUserId?: string };

export type SendMessageInput = {
  appId: string;
  senderId: string;
  target: MessageTarget;
  messageType: string;
  /** JSON text of the content object. */
  content: string;
  clientMessageId?: string;
  needReadReceipt?: boolean;
  /**
   * A connected client's send: its session learns the message from the RPC reply, the
   * per-client send rate counts it, and webhooks name its platform.
   */
  senderSession?: { id: string; platform: string };
  /**
   * The app server's send (Platform API): the sender's mutes do not apply, its blocklist
   * only when asked; `priority` open-channel messages are never dropped under load.
   */
  byServer?: { persist: boolean; echoToSender: boolean; verifyBlocklist: boolean; priority?: boolean };
  /** The offline push notification: its text and data instead of the defaults, or none at all. */
  push?: { content?: string; data?: string; disabled?: boolean };
};

/** Where a checked message goes: its channel and who gets it live; `community` for communities' mentions. */
export type Route = { address: ChannelAddress; recipientTopics: string[]; channelTopic?: string; community?: { id: string; parentId: string | null; isPrivate: boolean } };

/**
 * Checks a message against every rule of its channel, stores it unless it is a status
 * message, and delivers it to the online sessions of its recipients and of the sender.
 * Resolves once stored; a repeated clientMessageId resolves with the first message and
 * delivers it again, since the node that stored it may have died before delivering it
 * (receivers drop repeats by message id).
 */
export async function sendMessage(input: SendMessageInput): Promise<MessageView> {
  const receivedAt = Date.now();
  const settings = await getAppSettings(input.appId);
  if (input.senderSession) checkClientRate(input.senderSession.id, settings.clientMessagesPerSecond);
  const checked = checkMessage(input);
  const mentions = readMentions(checked);
  const kind = messageKind(settings, input.messageType);
  await checkSenderNotBanned(input.appId, input.senderId);
  const route = await routeMessage(input, settings);
  const messageId = generateMessageId();
  const filtered = await applyProfanityFilter(input.appId, checked);
  const hooked = await checkPreDeliveryHook({ ...input, settings, kind, messageId, channelId: targetChannelId(input.target), content: filtered });
  const { content } = hooked;
  const push = hooked.pushContent === undefined ? input.push : { ...input.push, content: hooked.pushContent };
  const contentText = content === checked ? input.content : JSON.stringify(content);
  const persisted = kind.persisted && (input.byServer?.persist ?? true);
  const toView = (stored: { id: string; seq?: number; sentAt: Date }) => messageView(input, content, stored);
  const routing = messageRouting(input, settings, route, kind, content !== checked);
  const stored = persisted
    ? await getMessageWriter().write({
        id: messageId,
        channel: route.address,
        senderId: input.senderId,
        messageType: input.messageType,
        content: contentText,
        clientMessageId: input.clientMessageId,
        needReadReceipt: input.needReadReceipt,
        webhookDeliveries: routing && ((committed) => webhookDeliveryRows(settings.webhookEndpoints, routing(toView({ id: messageId, ...committed })))),
      })
    : { id: messageId, seq: undefined, sentAt: new Date(), duplicate: false };
  const view = toView(stored);
  const publication = serializePublication({ type: "message", message: view });
  if (stored.duplicate) {
    await deliver(input, settings, route, publication);
    return view;
  }
  // Only group and community channels are addressed by their row ("pk"); mentions count there alone.
  if (mentions && stored.seq !== undefined && "pk" in route.address) {
    await recordRouteMentions(input, { channelPk: route.address.pk, community: route.community, seq: stored.seq, mentions }).catch((error) =>
      log.warn("recording mentions failed", describeError(error)),
    );
  }
  // Stored messages' events were committed with them; the others are queued before the sender hears back.
  if (routing && !persisted) await enqueueWebhookEvent(routing(view));
  await deliver(input, settings, route, publication);
  countUsage(input.appId, `messages.${input.target.channelType}`);
  recordMessageLatency(input.appId, Date.now() - receivedAt);
  if (kind.counted && stored.seq !== undefined && !push?.disabled && pushesConfigured(settings)) {
    queueOfflinePush({ appId: input.appId, message: view, channel: "pk" in route.address ? { pk: route.address.pk, community: route.community } : undefined, mentions, push });
  }
  return view;
}

function messageView(input: SendMessageInput, content: Record<string, unknown>, stored: { id: string; seq?: number; sentAt: Date }): MessageView {
  const { target } = input;
  return {
    messageId: stored.id,
    channelType: target.channelType,
    channelId: targetChannelId(target),
    ...(target.channelType === ChannelType.community && target.subchannelId !== undefined && { subchannelId: target.subchannelId }),
    senderId: input.senderId,
    ...(stored.seq !== undefined && { seq: stored.seq }),
    sentAt: stored.sentAt.getTime(),
    updatedAt: stored.sentAt.getTime(),
    messageType: input.messageType,
    content,
    ...(input.clientMessageId !== undefined && { clientMessageId: input.clientMessageId }),
    ...(input.needReadReceipt && { needReadReceipt: true as const }),
    ...((target.channelType === ChannelType.group || target.channelType === ChannelType.community) && target.toUserIds && { toUserIds: target.toUserIds }),
    ...(target.channelType === ChannelType.service && (!input.byServer || target.toUserId !== undefined) && { private: true as const }),
  };
}

/**
 * The message:send event (message routing) of a message, for every kind but status
 * messages; the app server's own sends only when the app asks for them; none when the
 * message is not routed (or the app has no endpoint).
 */
function messageRouting(input: SendMessageInput, settings: AppSettings, route: Route, kind: MessageKind, profanityReplaced: boolean) {
  if (!kind.persisted || settings.webhookEndpoints.length === 0 || (input.byServer && !settings.webhookServerMessages)) return undefined;
  const address = route.address;
  return (view: MessageView): WebhookEvent => {
    const { senderId, content, ...message } = view;
    return {
      appId: input.appId,
      type: "message:send",
      orderKey: "pk" in address ? address.pk : `${address.type}:${address.channelId}`,
      data: {
        fromUserId: senderId,
        ...message,
        content: JSON.stringify(content),
        profanityReplaced,
        source: input.byServer ? "server" : "client",
        ...(input.senderSession && { os: input.senderSession.platform }),
      },
    };
  };
}

async function recordRouteMentions(input: SendMessageInput, target: { channelPk: string; community?: Route["community"]; seq: number; mentions: Mentions }) {
  if (target.community) await prepareCommunityMentions({ appId: input.appId, channel: target.community, senderId: input.senderId, mentions: target.mentions });
  await recordMentions({ channelPk: target.channelPk, senderId: input.senderId, seq: target.seq, mentions: target.mentions });
}

/**
 * Sends per session in the current second. A session lives on one node, so a counter
 * in this process is exact and costs no round trip to the bus.
 */
const sendWindows = new Map<string, { start: number; count: number }>();
const maxTrackedSessions = 100_000;

function checkClientRate(sessionId: string, perSecond: number) {
  const now = Date.now();
  let window = sendWindows.get(sessionId);
  if (!window || now - window.start >= 1000) {
    if (sendWindows.size >= maxTrackedSessions) forgetIdleWindows(now);
    sendWindows.set(sessionId, (window = { start: now, count: 0 }));
  }
  if (++window.count > perSecond) {
    throw new ChatError("sendRateExceeded", `A client may send at most ${perSecond} messages per second`);
  }
}

function forgetIdleWindows(now: number) {
  for (const [sessionId, window] of sendWindows) if (now - window.start >= 1000) sendWindows.delete(sessionId);
}

async function routeMessage(input: SendMessageInput, settings: AppSettings): Promise<Route> {
  switch (input.target.channelType) {
    case ChannelType.direct:
      return routeDirect(input, input.target.recipientId, settings);
    case ChannelType.group:
      return routeGroup(input, input.target);
    case ChannelType.system:
      return "broadcast" in input.target ? routeBroadcast(input) : routeSystem(input, input.target.recipientId);
    case ChannelType.open:
      return routeOpenChannelMessage(input, input.target.channelId, settings);
    case ChannelType.community:
      return routeCommunity(input, input.target);
    case ChannelType.temporary:
      return routeTemporaryMessage(input, input.target.channelId);
    case ChannelType.service:
      return routeServiceMessage(input, input.target);
  }
}

function targetChannelId(target: MessageTarget): string {
  if (target.channelType === ChannelType.group) return target.groupId;
  if (target.channelType === ChannelType.open || target.channelType === ChannelType.temporary || target.channelType === ChannelType.service) return target.channelId;
  if (target.channelType === ChannelType.community) return target.communityId;
  return "broadcast" in target ? broadcastChannelId : target.recipientId;
}

async function routeDirect(input: SendMessageInput, recipient: string, settings: AppSettings): Promise<Route> {
  const recipientId = checkUserId(recipient, "channelId");
  await checkUserExists(input.appId, recipientId);
  if (!input.byServer && (await isMutedIn({ appId: input.appId, userId: input.senderId, channelType: "PERSON" }))) {
    throw new ChatError("userMuted", "You are muted in direct messages");
  }
  if ((!input.byServer || input.byServer.verifyBlocklist) && (await blocklistCache.isBlocked({ appId: input.appId, userId: recipientId, senderId: input.senderId }))) {
    throw new ChatError("blockedByRecipient", `${recipientId} does not accept your messages (blocklist)`);
  }
  if (
    !input.byServer &&
    recipientId !== input.senderId &&
    settings.directMessagesFriendsOnly &&
    !(await friendCache.areFriends({ appId: input.appId, userId: input.senderId, otherId: recipientId }))
  ) {
    throw new ChatError("notFriends", `Direct messages go only between friends in this app, and ${recipientId} is not yours`);
  }
  return {
    address: { appId: input.appId, type: ChannelType.direct, channelId: directChannelId(input.senderId, recipientId), memberIds: [...new Set([input.senderId, recipientId])] },
    recipientTopics: [topics.user(input.appId, recipientId)],
  };
}

async function routeGroup(input: SendMessageInput, target: { groupId: string; toUserIds?: string[] }): Promise<Route> {
  const channel = await db.channel.findFirst({ where: { appId: input.appId, type: ChannelType.group, channelId: target.groupId }, select: { id: true, frozen: true } });
  if (!channel) throw await missingChannelError({ appId: input.appId, type: ChannelType.group, channelId: target.groupId });
  if (!input.byServer) await checkGroupSender(input, { ...channel, channelId: target.groupId });
  const address = { appId: input.appId, pk: channel.id };
  if (!target.toUserIds) return { address, recipientTopics: [], channelTopic: topics.channel(channel.id) };
  const toUserIds = checkUserIds(target.toUserIds, { max: 1000, field: "toUserIds" });
  const members = await db.channelMember.findMany({ where: { channelId: channel.id, userId: { in: toUserIds } }, select: { userId: true } });
  return { address, recipientTopics: members.map((row) => topics.user(input.appId, row.userId)) };
}

/**
 * Readers of the channel only may send; a client's send also passes the community's
 * and the subchannel's mutes and freezes. Live delivery is one publication on the
 * channel's topic, which the nodes of its online readers listen to.
 */
async function routeCommunity(input: SendMessageInput, target: { communityId: string; subchannelId?: string; toUserIds?: string[] }): Promise<Route> {
  const { community, channel } = await findCommunityChannel({ appId: input.appId, userId: input.senderId, channelId: target.communityId, subchannelId: target.subchannelId });
  if (!input.byServer) await checkCommunitySender({ senderId: input.senderId, community, channel });
  const route = { address: { appId: input.appId, pk: channel.id }, community: channel };
  if (!target.toUserIds) return { ...route, recipientTopics: [], channelTopic: topics.channel(communityTopicKey(channel)) };
  const toUserIds = checkUserIds(target.toUserIds, { max: 1000, field: "toUserIds" });
  const readers = await findReaders({ appId: input.appId, channel, userIds: toUserIds });
  return { ...route, recipientTopics: readers.map((userId) => topics.user(input.appId, userId)) };
}

/**
 * A client sends to a group as a member, and not while the group is frozen or they are
 * muted (in it, or in every group) unless the group lists them as an allowed sender:
 * owner and admins included. The app server's sends are not bound by freezes and mutes,
 * so its notices reach a frozen group; its group send endpoint checks membership itself,
 * and group notices may come from a user who just left.
 */
async function checkGroupSender(input: SendMessageInput, group: { id: string; channelId: string; frozen: boolean }) {
  const member = await db.channelMember.findFirst({ where: { channelId: group.id, userId: input.senderId }, select: { mutedUntil: true } });
  if (!member) throw new ChatError("notMember", `${input.senderId} is not a member of group ${group.channelId}`);
  const muted = (member.mutedUntil && member.mutedUntil > new Date()) || (await isMutedIn({ appId: input.appId, userId: input.senderId, channelType: "GROUP" }));
  if ((!group.frozen && !muted) || (await isAllowedSender({ groupPk: group.id, userId: input.senderId }))) return;
  if (group.frozen) throw new ChatError("channelFrozen", `Group ${group.channelId} is frozen`);
  throw new ChatError("userMuted", `You are muted in group ${group.channelId}`);
}

async function routeSystem(input: SendMessageInput, recipient: string): Promise<Route> {
  const recipientId = checkUserId(recipient, "toUserIds");
  await checkUserExists(input.appId, recipientId);
  return {
    // Each user has one system channel, whichever account sends to it.
    address: { appId: input.appId, type: ChannelType.system, channelId: recipientId, memberIds: [recipientId] },
    recipientTopics: [topics.user(input.appId, recipientId)],
  };
}

function routeBroadcast(input: SendMessageInput): Route {
  return {
    // No members: every user's sync reads this channel, and every node delivers the app topic to all its sessions.
    address: { appId: input.appId, type: ChannelType.system, channelId: broadcastChannelId, memberIds: [] },
    recipientTopics: [topics.app(input.appId)],
  };
}

/** Banned users cannot send, from a client or through the app server; senders that are no users (service accounts) can. */
async function checkSenderNotBanned(appId: string, senderId: string) {
  const sender = await userCache.get(appId, senderId);
  if (sender?.bannedUntil && sender.bannedUntil > Date.now()) throw new ChatError("userBanned", `User ${senderId} is banned and cannot send messages`);
}

async function checkUserExists(appId: string, userId: string) {
  if (!(await userCache.get(appId, userId))) throw new ChatError("notFound", `User ${userId} does not exist`);
}

/**
 * Live delivery. The message is stored and acknowledged whatever happens here: a
 * session that misses the publication gets the message when it syncs.
 */
async function deliver(input: SendMessageInput, settings: AppSettings, route: Route, data: string) {
  const bus = getBus();
  const senderTopic = topics.user(input.appId, input.senderId);
  const echo = input.byServer ? input.byServer.echoToSender : settings.multiDeviceSync;
  const publications: Promise<void>[] = [];
  if (route.channelTopic) {
    publications.push(bus.publish(route.channelTopic, { type: "publication", data, exceptSessionId: input.senderSession?.id, ...(!echo && { exceptUserId: input.senderId }) }));
  }
  for (const topic of route.recipientTopics) if (topic !== senderTopic) publications.push(bus.publish(topic, { type: "publication", data }));
  if (echo && !route.channelTopic) publications.push(bus.publish(senderTopic, { type: "publication", data, exceptSessionId: input.senderSession?.id }));
  await Promise.all(publications).catch((error) => log.warn("live delivery failed", describeError(error)));
}
