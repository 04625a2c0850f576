import { db } from "../../../db/client";
import { ChannelType, serviceThreadId } from "../../base/channels/channel-types";
import { checkHistoryWindow, findMessagesInWindow, type HistoryWindow } from "../../base/messages/history-window";
import { checkUserId } from "../../base/users/user-id";
import { getServiceChannelOrThrow } from "./service-channel-rules";

/**
 * The app's view of a service channel's stored messages, newest first, sent between
 * `endAt` (exclusive) and `startAt` (inclusive when `includeStart`): its broadcasts, or
 * with `userId` that subscriber's thread (what they sent, and what the app sent them alone).
 */
export async function findServiceChannelHistory(input: HistoryWindow & { appId: string; channelId: string; userId?: string }) {
  checkHistoryWindow(input);
  const service = await getServiceChannelOrThrow(input);
  const channelPk = input.userId === undefined ? service.id : await findThreadPk({ appId: input.appId, serviceId: service.channelId, userId: checkUserId(input.userId) });
  if (channelPk === null) return { messages: [] };
  return { messages: await findMessagesInWindow({ channelPk, window: input, channel: { channelId: service.channelId } }) };
}

/** A subscriber's thread; none when they never wrote and were never written to. */
async function findThreadPk(input: { appId: string; serviceId: string; userId: string }): Promise<string | null> {
  const thread = await db.channel.findFirst({ where: { appId: input.appId, type: ChannelType.service, channelId: serviceThreadId(input.serviceId, input.userId) }, select: { id: true } });
  return thread?.id ?? null;
}
