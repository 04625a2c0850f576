import { randomUUID } from "node:crypto";
import { ChannelType } from "../base/channels/channel-types";
import { ChatError } from "../base/errors";
import { checkMessage } from "../base/messages/check-message";
import { generateMessageId } from "../base/messages/message-id";
import type { SendMessageInput } from "../base/messages/message-target";
import { checkUserId, checkUserIds } from "../base/users/user-id";
import type { MessageView } from "../../contract";
import { db } from "../../db/client";
import { keepTaggedUsers, type TagAudience, usersWithAnyTag } from "../products/profiles";
import { defaultPushBody, notifyDevicesOf, offlineAmong, type PushPlatform, pushPlatforms, queuePushTask, usersWithPackage } from "../products/push";
import { sendMessage } from "./send-message";

/**
 * A push the app server sends to an audience it chooses (Platform API, by tag or by app
 * package): a notification on the audience's devices of the platforms named, and the
 * message, live, to those of the audience online now (under one message id, not stored:
 * it is a campaign, not a conversation to catch up on). The call answers at once; the
 * audience is then reached a page of users at a time, paced by the push services.
 */
export type AudiencePush = {
  appId: string;
  fromUserId: string;
  platforms: string[];
  audience: { userId?: string[]; tag?: string[]; tagOr?: string[]; packageName?: string; isToAll?: boolean };
  message: { content: string; messageType: string };
  notification: { title?: string; alert?: string };
};

const usersPerPage = 500;
const maxTags = 20;

export async function sendAudiencePush(input: AudiencePush): Promise<{ id: string; messageId: string }> {
  const audience = checkAudience(input.audience);
  const platforms = checkPlatforms(input.platforms);
  checkUserId(input.fromUserId, "fromUserId");
  const content = checkMessage(input.message);
  const id = randomUUID();
  const messageId = generateMessageId();
  const notice = {
    title: input.notification.title ?? "",
    body: input.notification.alert ?? defaultPushBody(input.message.messageType, content),
    data: { pushId: id, messageId, channelType: String(ChannelType.system), senderId: input.fromUserId },
  };
  const live = (target: SendMessageInput["target"]) =>
    sendMessage({ appId: input.appId, senderId: input.fromUserId, target, messageId, ...input.message, byServer: { persist: false, echoToSender: false, verifyBlocklist: false } });
  queuePushTask({
    appId: input.appId,
    describe: { pushId: id },
    run: async () => {
      if (audience.everyone) await live({ channelType: ChannelType.system, broadcast: true });
      for await (const userIds of audiencePages(input.appId, audience)) {
        if (!audience.everyone) {
          const offline = new Set(await offlineAmong(input.appId, userIds));
          for (const userId of userIds) if (!offline.has(userId)) await live({ channelType: ChannelType.system, recipientId: userId });
        }
        await notifyDevicesOf({ appId: input.appId, userIds, platforms, packageName: audience.packageName, notice });
      }
    },
  });
  return { id, messageId };
}

type Audience = { everyone: boolean; userIds?: string[]; tags?: TagAudience; packageName?: string };

function checkAudience(audience: AudiencePush["audience"]): Audience {
  const tags = { all: [...new Set(audience.tag ?? [])], any: [...new Set(audience.tagOr ?? [])] };
  if (tags.all.length > maxTags || tags.any.length > maxTags) throw new ChatError("invalidParameter", `audience.tag and audience.tagOr hold at most ${maxTags} tags each`);
  const userIds = audience.userId && checkUserIds(audience.userId, { max: 1000, field: "audience.userId" });
  const byTags = tags.all.length > 0 || tags.any.length > 0;
  if (!audience.isToAll && !byTags && !userIds && audience.packageName === undefined) {
    throw new ChatError("invalidParameter", "audience must name its users: isToAll, tag, tagOr, userId or packageName");
  }
  return { everyone: audience.isToAll === true, userIds, ...(byTags && { tags }), packageName: audience.packageName };
}

function checkPlatforms(platforms: string[]): PushPlatform[] {
  const known = Object.keys(pushPlatforms);
  if (platforms.length === 0 || platforms.some((platform) => !known.includes(platform))) throw new ChatError("invalidParameter", `platform lists one or more of ${known.join(", ")}`);
  return [...new Set(platforms)] as PushPlatform[];
}

/**
 * The audience a page of users at a time: everyone, or the users listed, tagged or with the
 * package, each page kept to those every other criterion also takes.
 */
async function* audiencePages(appId: string, audience: Audience): AsyncGenerator<string[]> {
  const pages = audience.everyone
    ? everyUser(appId)
    : audience.userIds
      ? listed(audience.userIds)
      : audience.tags
        ? usersWithAnyTag(appId, [...audience.tags.all, ...audience.tags.any], usersPerPage)
        : usersWithPackage(appId, audience.packageName!, usersPerPage);
  for await (const page of pages) {
    const kept = audience.tags && !audience.everyone ? await keepTaggedUsers(appId, page, audience.tags) : page;
    if (kept.length > 0) yield kept;
  }
}

async function* listed(userIds: string[]): AsyncGenerator<string[]> {
  for (let start = 0; start < userIds.length; start += usersPerPage) yield userIds.slice(start, start + usersPerPage);
}

async function* everyUser(appId: string): AsyncGenerator<string[]> {
  for (let after = ""; ; ) {
    const rows = await db.user.findMany({ where: { appId, id: { gt: after }, deletedAt: null }, orderBy: { id: "asc" }, take: usersPerPage, select: { id: true } });
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    yield rows.map((row) => row.id);
  }
}

/**
 * Notifies the offline users of a broadcast to everyone, on every platform: a page of users
 * at a time through the push queue, after the message is stored (it reaches everyone's sync).
 */
export function queueBroadcastPush(input: { appId: string; message: MessageView; push?: { content?: string; data?: string; contentAvailable?: boolean } }): void {
  const { message } = input;
  const notice = {
    title: message.senderId,
    body: input.push?.content || defaultPushBody(message.messageType, message.content as Record<string, unknown>),
    data: { messageId: message.messageId, channelType: String(ChannelType.system), channelId: message.channelId, senderId: message.senderId, ...(input.push?.data && { pushData: input.push.data }) },
    ...(input.push?.contentAvailable && { contentAvailable: true }),
  };
  queuePushTask({
    appId: input.appId,
    describe: { messageId: message.messageId },
    run: async () => {
      for await (const userIds of everyUser(input.appId)) {
        await notifyDevicesOf({ appId: input.appId, userIds: await offlineAmong(input.appId, userIds), platforms: ["ios", "android"], notice });
      }
    },
  });
}
