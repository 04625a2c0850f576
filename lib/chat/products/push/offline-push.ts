import { randomUUID } from "node:crypto";
import { getBus, topics } from "../../../bus";
import type { MessageView } from "../../../contract";
import { db } from "../../../db/client";
import { describeError, log } from "../../../log";
import { type AppSettings, getAppSettings } from "../../base/apps/app-settings";
import { signCallbackUrl } from "../../base/apps/app-signature";
import { countUsage } from "../../base/analytics/usage-counts";
import { broadcastChannelId, ChannelType } from "../../base/channels/channel-types";
import { findReaders } from "../communities";
import type { Mentions } from "../../base/messages/mentions";
import { userCache } from "../../base/users/user-cache";
import { type ApnsCredentials, sendApns } from "./apns";
import { sendFcm } from "./fcm";
import { defaultPushBody, pushTitleAndBody } from "./push-content";
import { findPushDevices, forgetPushDevice, type PushProvider } from "./push-devices";
import type { PushNotice, PushResult } from "./push-notice";

/** A stored, counted message to notify its offline recipients of. */
export type PushJob = {
  appId: string;
  message: MessageView;
  /** Groups and communities: the row whose members receive it (a community's channel carries its own access). */
  channel?: { pk: string; community?: { id: string; parentId: string | null; isPrivate: boolean } };
  mentions: Mentions | null;
  /** The sender's push content and data (Platform API pushContent / pushData). */
  push?: { content?: string; data?: string; contentAvailable?: boolean };
};

export type Providers = { fcm?: { serviceAccount: string; endpoint: string }; apns?: ApnsCredentials; webhookUrl?: string };

const recipientsPerPage = 1000;
const maxAttempts = 3;
const firstRetryPauseMs = 1000;

/**
 * Notifies the offline recipients of a message through the app's push providers, after
 * the message is stored and acknowledged: push is best effort, the message itself is
 * recovered by every sync. Recipients with an online session, or whose notification
 * level for the conversation leaves this message out, get nothing.
 */
export async function pushToOfflineRecipients(job: PushJob): Promise<void> {
  const providers = configuredProviders(await getAppSettings(job.appId));
  if (!hasProvider(providers)) return;
  let notice: PushNotice | undefined;
  for await (const userIds of recipientPages(job)) {
    const recipients = await wantingPush(job, await offlineAmong(job.appId, userIds));
    if (recipients.length === 0) continue;
    notice ??= await composeNotice(job);
    await Promise.all([pushToDevices(job.appId, providers, recipients, notice), providers.webhookUrl && postPushWebhook(job, providers.webhookUrl, recipients, notice)]);
  }
}

const hasProvider = (providers: Providers) => Boolean(providers.fcm || providers.apns || providers.webhookUrl);

/** Whether the app pushes at all: without a provider, messages queue no push work. */
export const pushesConfigured = (settings: AppSettings) => hasProvider(configuredProviders(settings));

export function configuredProviders(settings: AppSettings): Providers {
  const apns = { keyId: settings.pushApnsKeyId, teamId: settings.pushApnsTeamId, privateKey: settings.pushApnsPrivateKey, topic: settings.pushApnsTopic, endpoint: settings.pushApnsEndpoint };
  return {
    ...(settings.pushFcmServiceAccount && { fcm: { serviceAccount: settings.pushFcmServiceAccount, endpoint: settings.pushFcmEndpoint } }),
    ...(apns.keyId && apns.teamId && apns.privateKey && apns.topic && { apns }),
    ...(settings.pushWebhookUrl && { webhookUrl: settings.pushWebhookUrl }),
  };
}

/** Who the message is for, but its sender, a page at a time: a community may have many members. */
async function* recipientPages(job: PushJob): AsyncGenerator<string[]> {
  const { message } = job;
  const others = (userIds: string[]) => userIds.filter((userId) => userId !== message.senderId);
  if (message.channelType === ChannelType.direct || message.channelType === ChannelType.system) {
    if (message.channelId !== broadcastChannelId && message.channelId !== message.senderId) yield [message.channelId];
    return;
  }
  // Open channels keep no offline members: whoever is away has left.
  if (!job.channel || message.channelType === ChannelType.open) return;
  if (message.toUserIds) {
    yield await membersAmong(job.appId, job.channel, others(message.toUserIds));
    return;
  }
  const membershipPk = job.channel.community?.parentId ?? job.channel.pk;
  for (let after = ""; ; ) {
    const page = await db.channelMember.findMany({ where: { channelId: membershipPk, userId: { gt: after } }, orderBy: { userId: "asc" }, take: recipientsPerPage, select: { userId: true } });
    if (page.length === 0) return;
    after = page.at(-1)!.userId;
    const userIds = others(page.map((row) => row.userId));
    yield job.channel.community?.isPrivate ? await findReaders({ appId: job.appId, channel: job.channel.community, userIds }) : userIds;
  }
}

async function membersAmong(appId: string, channel: NonNullable<PushJob["channel"]>, userIds: string[]): Promise<string[]> {
  if (channel.community) return findReaders({ appId, channel: channel.community, userIds });
  const members = await db.channelMember.findMany({ where: { channelId: channel.pk, userId: { in: userIds } }, select: { userId: true } });
  return members.map((row) => row.userId);
}

/** Of these users, those with no online session on any node. */
export async function offlineAmong(appId: string, userIds: string[]): Promise<string[]> {
  const online = await getBus().anyPresent(userIds.map((userId) => topics.presence(appId, userId)));
  return userIds.filter((_, index) => !online[index]);
}

/** A direct or system conversation is named, by its recipient, after the sender. */
function conversationId(message: MessageView): string {
  return message.channelType === ChannelType.direct || message.channelType === ChannelType.system ? message.senderId : message.channelId;
}

/**
 * Of these users, those whose notification level lets this message through: the
 * subchannel's level, else the conversation's, else the channel type's (see notification-levels.ts).
 */
async function wantingPush(job: PushJob, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const channelId = conversationId(job.message);
  const subchannelId = job.message.subchannelId ?? "";
  const rows = await db.notificationSetting.findMany({
    where: {
      appId: job.appId,
      userId: { in: userIds },
      channelType: String(job.message.channelType),
      OR: [{ channelId: "", subchannelId: "" }, { channelId, subchannelId: "" }, { channelId, subchannelId }],
    },
    select: { userId: true, channelId: true, subchannelId: true, level: true },
  });
  const precedence = (row: (typeof rows)[number]) => (row.channelId === "" ? 0 : row.subchannelId === "" ? 1 : 2);
  const levels = new Map<string, { level: number; precedence: number }>();
  for (const row of rows) {
    const current = levels.get(row.userId);
    if (!current || precedence(row) > current.precedence) levels.set(row.userId, { level: row.level, precedence: precedence(row) });
  }
  return userIds.filter((userId) => levelAllows(levels.get(userId)?.level ?? 0, mentionOf(job.mentions, userId)));
}

const mentionOf = (mentions: Mentions | null, userId: string) => ({ all: mentions?.all === true, me: mentions?.all === false && mentions.userIds.includes(userId) });

/** -1 and 0 notify of everything; 1 of mentions; 2 and 3 of mentions of the user; 4 of mentions of everyone; 5 of nothing. */
function levelAllows(level: number, mention: { all: boolean; me: boolean }): boolean {
  if (level <= 0) return true;
  if (level === 1) return mention.all || mention.me;
  if (level === 4) return mention.all;
  if (level === 5) return false;
  return mention.me;
}

async function composeNotice(job: PushJob): Promise<PushNotice> {
  const { message } = job;
  const [sender, channel] = await Promise.all([
    userCache.get(job.appId, message.senderId),
    job.channel && db.channel.findUnique({ where: { id: job.channel.community?.parentId ?? job.channel.pk }, select: { name: true } }),
  ]);
  const text = pushTitleAndBody({
    channelType: message.channelType,
    channelName: channel?.name ?? null,
    senderName: sender?.name || message.senderId,
    body: job.push?.content || defaultPushBody(message.messageType, message.content as Record<string, unknown>),
  });
  const data = {
    messageId: message.messageId,
    channelType: String(message.channelType),
    channelId: conversationId(message),
    ...(message.subchannelId !== undefined && { subchannelId: message.subchannelId }),
    senderId: message.senderId,
    ...(job.push?.data && { pushData: job.push.data }),
  };
  return { ...text, data, ...(job.push?.contentAvailable && { contentAvailable: true }) };
}

async function pushToDevices(appId: string, providers: Providers, userIds: string[], notice: PushNotice) {
  await sendToDevices(appId, providers, await findPushDevices(appId, userIds), notice);
}

/** One notification to each device through its provider, with retries; tokens a provider calls gone are forgotten. */
export async function sendToDevices(appId: string, providers: Providers, devices: { provider: string; token: string }[], notice: PushNotice) {
  await Promise.all(
    devices.map(async (device) => {
      const provider = device.provider as PushProvider;
      const send = deviceSender(providers, provider, device.token, notice);
      if (!send) return;
      const result = await withRetries(send);
      record(appId, provider, result);
      if (result.outcome === "tokenGone") await forgetPushDevice({ appId, provider, token: device.token });
    }),
  );
}

function deviceSender(providers: Providers, provider: PushProvider, token: string, notice: PushNotice): (() => Promise<PushResult>) | undefined {
  const { fcm, apns } = providers;
  if (provider === "fcm" && fcm) return () => sendFcm({ ...fcm, token, notice });
  if (provider === "apns" && apns) return () => sendApns({ credentials: apns, token, notice });
  return undefined;
}

/** The app's own push service gets one signed request per message and page of recipients. */
async function postPushWebhook(job: PushJob, url: string, userIds: string[], notice: PushNotice) {
  const app = await db.app.findUniqueOrThrow({ where: { id: job.appId }, select: { key: true, secret: true } });
  const body = JSON.stringify({ type: "message:push", id: randomUUID(), time: Date.now(), data: [{ toUserIds: userIds, title: notice.title, body: notice.body, ...notice.data }] });
  const result = await withRetries(async () => {
    const response = await fetch(signCallbackUrl(url, app), { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    if (response.ok) return { outcome: "delivered" };
    return { outcome: response.status >= 500 || response.status === 429 ? "retry" : "failed", detail: `HTTP ${response.status}` };
  });
  record(job.appId, "webhook", result);
}

async function withRetries(send: () => Promise<PushResult>): Promise<PushResult> {
  for (let attempt = 1; ; attempt++) {
    const result = await send().catch((error: unknown): PushResult => ({ outcome: "retry", detail: String(describeError(error).error) }));
    if (result.outcome !== "retry") return result;
    if (attempt === maxAttempts) return { outcome: "failed", detail: result.detail };
    await new Promise((resolve) => setTimeout(resolve, firstRetryPauseMs * 2 ** (attempt - 1)));
  }
}

function record(appId: string, provider: PushProvider | "webhook", result: PushResult) {
  countUsage(appId, `push.${provider}.${result.outcome === "retry" ? "failed" : result.outcome}`);
  if (result.outcome === "failed") log.warn("push notification failed", { appId, provider, detail: result.detail });
}
