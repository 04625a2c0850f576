import { getBus, topics } from "../../bus";
import type { MessageView } from "../../contract";
import { describeError, log } from "../../log";
import { recordMessageLatency } from "../base/analytics/latency-histogram";
import { metrics } from "../../metrics";
import { countUsage } from "../base/analytics/usage-counts";
import { type AppSettings, getAppSettings } from "../base/apps/app-settings";
import { ChannelType } from "../base/channels/channel-types";
import { ChatError } from "../base/errors";
import { withFileUrls } from "../base/files/file-urls";
import { checkMessage } from "../base/messages/check-message";
import { type Mentions, readMentions, recordMentions } from "../base/messages/mentions";
import { generateMessageId } from "../base/messages/message-id";
import { type MessageKind, messageKind } from "../base/messages/message-kinds";
import { type Route, type SendMessageInput, targetChannelId } from "../base/messages/message-target";
import { serializePublication } from "../base/messages/message-view";
import { getMessageWriter } from "../base/messages/message-writer";
import { plugInSendPipeline } from "../base/messages/send-notice";
import { userCache } from "../base/users/user-cache";
import { enqueueWebhookEvent, type WebhookEvent, webhookDeliveryRows } from "../base/webhooks/enqueue-webhook-event";
import { prepareCommunityMentions } from "../products/communities";
import { attachMessageFile } from "../products/files";
import { applyProfanityFilter, checkPreDeliveryHook } from "../products/moderation";
import { pushesConfigured, queueOfflinePush } from "../products/push";
import { checkClientSendRate } from "./client-send-rate";
import { checkSentMetadata, storeSentMetadata } from "./message-metadata";
import { routeMessage } from "./message-routes";

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
  if (input.senderSession) checkClientSendRate(input.senderSession.id, settings.clientMessagesPerSecond);
  const checked = checkMessage(input);
  const metadata = checkSentMetadata(input.metadata);
  const mentions = readMentions(checked);
  const kind = messageKind(settings, input.messageType);
  await checkSenderNotBanned(input.appId, input.senderId);
  const route = await routeMessage(input, settings);
  const messageId = input.messageId ?? generateMessageId();
  const persisted = kind.persisted && (input.byServer?.persist ?? true);
  await attachMessageFile({ appId: input.appId, messageType: input.messageType, content: checked, messageId, persisted });
  const filtered = await applyProfanityFilter(input.appId, checked);
  const hooked = await checkPreDeliveryHook({ ...input, settings, kind, messageId, channelId: targetChannelId(input.target), content: filtered });
  const { content } = hooked;
  const push = hooked.pushContent === undefined ? input.push : { ...input.push, content: hooked.pushContent };
  const contentText = content === checked ? input.content : JSON.stringify(content);
  const toView = (stored: { id: string; seq?: number; sentAt: Date }) => messageView(input, content, stored, metadata);
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
  if (metadata && stored.seq !== undefined && !stored.duplicate) await storeSentMetadata({ messageId, senderId: input.senderId, metadata, sentAt: stored.sentAt });
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
  if (stored.seq !== undefined) metrics.messagesStored.inc({ channel_type: input.target.channelType });
  recordMessageLatency(input.appId, Date.now() - receivedAt);
  if (kind.counted && stored.seq !== undefined && !push?.disabled && pushesConfigured(settings)) {
    queueOfflinePush({ appId: input.appId, message: view, channel: "pk" in route.address ? { pk: route.address.pk, community: route.community } : undefined, mentions, push });
  }
  return view;
}

function messageView(input: SendMessageInput, content: Record<string, unknown>, stored: { id: string; seq?: number; sentAt: Date }, metadata?: Record<string, string>): MessageView {
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
    content: withFileUrls(input.messageType, content),
    ...(input.clientMessageId !== undefined && { clientMessageId: input.clientMessageId }),
    ...(input.needReadReceipt && { needReadReceipt: true as const }),
    ...(metadata && { metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, { value, userId: input.senderId, updatedAt: stored.sentAt.getTime() }])) }),
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

/** Banned users cannot send, from a client or through the app server; senders that are no users (service accounts) can. */
async function checkSenderNotBanned(appId: string, senderId: string) {
  const sender = await userCache.get(appId, senderId);
  if (sender?.bannedUntil && sender.bannedUntil > Date.now()) throw new ChatError("userBanned", `User ${senderId} is banned and cannot send messages`);
}

/**
 * Live delivery of a publication about a message to its route: the channel's topic or its
 * recipients', and the sender's other sessions when echoed. A stored message is
 * acknowledged whatever happens here: a session that misses the publication gets it when it syncs.
 */
export async function deliver(input: SendMessageInput, settings: AppSettings, route: Route, data: string) {
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

// Products send their notices (a group's "member joined") through this pipeline, which stands above them.
plugInSendPipeline(sendMessage);
