import { topics } from "../../../bus";
import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { ChannelType, serviceThreadId } from "../../base/channels/channel-types";
import { missingChannelError } from "../../base/channels/removed-channels";
import { ChatError } from "../../base/errors";
import type { RouteMessage } from "../../base/messages/message-target";
import { checkUserId } from "../../base/users/user-id";
import { checkServiceChannelId, getServiceChannelOrThrow } from "./service-channel-rules";

/**
 * Where a service channel message goes. The app server's message to every subscriber is
 * the channel's own, published once on its topic. What a subscriber sends (a client), and
 * what the app sends to one subscriber (`toUserId`), go to that subscriber's thread:
 * only they and the app see it. Only subscribers send and are sent to.
 */
export const routeServiceMessage: RouteMessage<typeof ChannelType.service> = async (input) => {
  const { target } = input;
  if (input.byServer && target.toUserId === undefined) {
    const channel = await getServiceChannelOrThrow({ appId: input.appId, channelId: target.channelId });
    return { address: { appId: input.appId, pk: channel.id }, recipientTopics: [], channelTopic: topics.channel(channel.id) };
  }
  const userId = input.byServer ? checkUserId(target.toUserId!, "toUserIds") : input.senderId;
  const threadPk = await findSubscriberThread({ appId: input.appId, serviceId: checkServiceChannelId(target.channelId), userId });
  return { address: { appId: input.appId, pk: threadPk }, recipientTopics: [topics.user(input.appId, userId)] };
};

/**
 * The row of a subscriber's thread, created with the subscriber as its one member on first
 * use (hidden from their conversation list until its first message: the first may still be
 * refused after this); one read when it exists.
 */
async function findSubscriberThread(input: { appId: string; serviceId: string; userId: string }): Promise<string> {
  const threadId = serviceThreadId(input.serviceId, input.userId);
  // One raw statement: this runs for every message a subscriber sends.
  const [row] = await db.$queryRaw<{ id: string; subscriber: string | null; threadPk: string | null }[]>`
    SELECT s."id", m."userId" AS "subscriber", t."id" AS "threadPk"
    FROM "Channel" s
    LEFT JOIN "ChannelMember" m ON m."channelId" = s."id" AND m."userId" = ${input.userId}
    LEFT JOIN "Channel" t ON t."appId" = s."appId" AND t."type" = s."type" AND t."channelId" = ${threadId}
    WHERE s."appId" = ${input.appId} AND s."type" = ${ChannelType.service} AND s."channelId" = ${input.serviceId} AND s."parentId" IS NULL`;
  if (!row) throw await missingChannelError({ appId: input.appId, type: ChannelType.service, channelId: input.serviceId });
  if (!row.subscriber) throw new ChatError("notMember", `${input.userId} is not subscribed to service channel ${input.serviceId}`);
  return row.threadPk ?? createSubscriberThread({ ...input, threadId, servicePk: row.id });
}

async function createSubscriberThread(input: { appId: string; userId: string; threadId: string; servicePk: string }): Promise<string> {
  const where = { appId: input.appId, type: ChannelType.service, channelId: input.threadId };
  try {
    const thread = await db.channel.create({ data: { ...where, parentId: input.servicePk, members: { create: [{ appId: input.appId, userId: input.userId, hiddenSeq: 1 }] } }, select: { id: true } });
    return thread.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (await db.channel.findFirstOrThrow({ where, select: { id: true } })).id;
  }
}
