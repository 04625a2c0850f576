import { getBus, topics } from "../../../bus";
import type { MessageView, OpenChannelLeaveReason } from "../../../contract";
import { db, sqlConnectionOf } from "../../../db/client";
import { describeError, log } from "../../../log";
import { getAppSettings } from "../../base/apps/app-settings";
import { announceMembership } from "../../base/channels/membership-events";
import { channelKeysByUser } from "../../base/channels/channel-keys-by-user";
import { ChatError } from "../../base/errors";
import { emitChatEvent } from "../../base/events";
import { serializePublication, toMessageView } from "../../base/messages/message-view";
import { checkUserIds } from "../../base/users/user-id";
import { userRuleKinds } from "../../base/channels/channel-user-rules";
import { formatDateTime, getOpenChannelOrThrow, maxHistoryOnJoin, participantTimeoutMs } from "./open-channel-rules";

/**
 * A user joins an open channel: their connected devices receive its messages from now
 * on, and they get its latest stored messages (up to 50), oldest first. With the app's
 * one-at-a-time rule, joining leaves the user's other open channels.
 */
export async function joinOpenChannel(input: { appId: string; userId: string; channelId: string; historyCount?: number }): Promise<{ messages: MessageView[] }> {
  const historyCount = input.historyCount ?? maxHistoryOnJoin;
  if (!Number.isInteger(historyCount) || historyCount < 0 || historyCount > maxHistoryOnJoin) {
    throw new ChatError("invalidParameter", `historyCount must be 0 to ${maxHistoryOnJoin}`);
  }
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  if ((await userRuleKinds(channel.id, input.userId)).has("ban")) throw new ChatError("forbidden", `${input.userId} is banned from open channel ${input.channelId}`);
  if ((await getAppSettings(input.appId)).openChannelOneAtATime) await leaveOtherOpenChannels(input.appId, input.userId, channel.id);
  const now = new Date();
  await db.$transaction([
    db.openChannelParticipant.upsert({
      where: { channelId_userId: { channelId: channel.id, userId: input.userId } },
      create: { channelId: channel.id, appId: input.appId, userId: input.userId, joinedAt: now, lastSeenAt: now },
      update: { lastSeenAt: now },
    }),
    db.channel.update({ where: { id: channel.id }, data: { lastActiveAt: now } }),
  ]);
  await announceMembership({ appId: input.appId, userIds: [input.userId], channelKeys: [channel.id], joined: true });
  await emitChatEvent(input.appId, { type: "open_channel:changed", channelId: channel.channelId, operation: "joined", userIds: [input.userId] });
  const rows = historyCount === 0 ? [] : await db.message.findMany({ where: { channelId: channel.id }, orderBy: { seq: "desc" }, take: historyCount, include: { metadata: true } });
  return { messages: rows.reverse().map((row) => toMessageView({ ...row, channel })) };
}

/** The user leaves an open channel (leaving one they are not in is fine). */
export async function leaveOpenChannel(input: { appId: string; userId: string; channelId: string }): Promise<void> {
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  await removeParticipants({ appId: input.appId, channelPk: channel.id, channelId: channel.channelId, userIds: [input.userId] });
}

async function leaveOtherOpenChannels(appId: string, userId: string, keepPk: string) {
  const others = await db.openChannelParticipant.findMany({
    where: { appId, userId, channelId: { not: keepPk } },
    select: { channel: { select: { id: true, channelId: true } } },
  });
  for (const { channel } of others) {
    await removeParticipants({ appId, channelPk: channel.id, channelId: channel.channelId, userIds: [userId], reason: "joinedAnother" });
  }
}

/**
 * Takes users out of an open channel: their devices stop receiving it (and, with a
 * `reason`, are told why), and the metadata they set to be removed on leaving goes.
 */
export async function removeParticipants(input: { appId: string; channelPk: string; channelId: string; userIds: string[]; reason?: OpenChannelLeaveReason }) {
  if (input.userIds.length === 0) return;
  await db.$transaction([
    db.openChannelParticipant.deleteMany({ where: { channelId: input.channelPk, userId: { in: input.userIds } } }),
    db.channelMetadata.deleteMany({ where: { channelId: input.channelPk, ownerId: { in: input.userIds }, autoDelete: true } }),
  ]);
  await announceMembership({ appId: input.appId, userIds: input.userIds, channelKeys: [input.channelPk], joined: false });
  await emitChatEvent(input.appId, { type: "open_channel:changed", channelId: input.channelId, operation: "left", userIds: input.userIds, reason: input.reason ?? "left" });
  if (input.reason) await tellLeft(input.appId, input.userIds, input.channelId, input.reason);
}

export async function tellLeft(appId: string, userIds: string[], channelId: string, reason: OpenChannelLeaveReason) {
  const data = serializePublication({ type: "openChannel.left", channelId, reason });
  const bus = getBus();
  await Promise.all(userIds.map((userId) => bus.publish(topics.user(appId, userId), { type: "publication", data }))).catch((error) =>
    log.warn("open channel notice failed", describeError(error)),
  );
}

/** The open channels each of these users is a participant of (Channel row ids), by user id. */
export async function findOpenChannelKeys(input: { appId: string; userIds: string[] }): Promise<Map<string, string[]>> {
  // Plain SQL through the driver: every connect reads it.
  const rows = await sqlConnectionOf(db).query<{ userId: string; channelId: string }>(
    `SELECT "userId", "channelId" FROM "OpenChannelParticipant" WHERE "appId" = ? AND "userId" = ANY(?) AND "lastSeenAt" > ?`,
    [input.appId, input.userIds, new Date(Date.now() - participantTimeoutMs)],
  );
  return channelKeysByUser(input.userIds, rows);
}

/** Connected users are present in their open channels: keeps them from timing out. */
export async function touchParticipants(input: { appId: string; userIds: string[] }) {
  const lastSeenAt = new Date();
  // In slices: SQLite takes a limited number of query parameters.
  for (let start = 0; start < input.userIds.length; start += 500) {
    const userIds = input.userIds.slice(start, start + 500);
    await db.openChannelParticipant.updateMany({ where: { appId: input.appId, userId: { in: userIds } }, data: { lastSeenAt } });
  }
}

const participantPageMax = 500;

/** Participants, by join time (order 1 newest first), and how many there are. */
export async function findParticipants(input: { appId: string; channelId: string; pageSize?: number; order?: number }) {
  const pageSize = input.pageSize ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > participantPageMax) throw new ChatError("invalidParameter", `pageSize must be 1 to ${participantPageMax}`);
  if (input.order !== undefined && input.order !== 0 && input.order !== 1) throw new ChatError("invalidParameter", "order must be 0 (earliest first) or 1 (latest first)");
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  const where = { channelId: channel.id };
  const [total, rows] = await Promise.all([
    db.openChannelParticipant.count({ where }),
    db.openChannelParticipant.findMany({ where, orderBy: [{ joinedAt: input.order === 1 ? "desc" : "asc" }, { userId: "asc" }], take: pageSize }),
  ]);
  return { total, participants: rows.map((row) => ({ participantId: row.userId, createdAt: formatDateTime(row.joinedAt) })) };
}

export async function checkParticipants(input: { appId: string; channelId: string; participantIds: string[] }) {
  const participantIds = checkUserIds(input.participantIds, { max: 1000, field: "participantIds" });
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  const rows = await db.openChannelParticipant.findMany({ where: { channelId: channel.id, userId: { in: participantIds } }, select: { userId: true } });
  const present = new Set(rows.map((row) => row.userId));
  return { participants: participantIds.map((participantId) => ({ participantId, isInOpenChannel: present.has(participantId) ? 1 : 0 })) };
}


