import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { ChannelType } from "../../base/channels/channel-types";
import { addUserRules } from "../../base/channels/channel-user-rules";
import { ChatError } from "../../base/errors";
import { emitChatEvent } from "../../base/events";
import { checkPage } from "../../base/pagination";
import { checkUserIds } from "../../base/users/user-id";
import { setOpenChannelMetadata } from "./open-channel-metadata";
import { removeParticipants } from "./open-channel-participants";
import { checkLifetime, checkOpenChannelId, getOpenChannelOrThrow } from "./open-channel-rules";

export type OpenChannelSettings = {
  appId: string;
  channelId: string;
  destroyType?: number;
  ttlMinutes?: number;
  shouldFreeze?: boolean;
  allowedSendersList?: string[];
  metadataOwnerId?: string;
  metadata?: Record<string, string>;
};

/** Creates an open channel; an existing id is refused (1011) unless `ifAbsent`, which leaves it as it is. */
export async function createOpenChannel(input: OpenChannelSettings & { ifAbsent?: boolean }): Promise<void> {
  const channelId = checkOpenChannelId(input.channelId);
  const lifetime = checkLifetime(input);
  const allowed = input.allowedSendersList ? checkUserIds(input.allowedSendersList, { max: 100, field: "allowedSendersList" }) : [];
  if (input.metadata && !input.metadataOwnerId) throw new ChatError("invalidParameter", "metadata needs its metadataOwnerId");
  let channel;
  try {
    channel = await db.channel.create({
      data: { appId: input.appId, type: ChannelType.open, channelId, ...lifetime, frozen: input.shouldFreeze ?? false, lastActiveAt: new Date() },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (input.ifAbsent) return;
    throw new ChatError("conflict", `Open channel ${channelId} exists`);
  }
  await emitChatEvent(input.appId, { type: "open_channel:changed", channelId, operation: "created" });
  if (allowed.length > 0) await addUserRules({ channelPk: channel.id, userIds: allowed, kind: "allowedSender" });
  if (input.metadata && input.metadataOwnerId) {
    await setOpenChannelMetadata({ appId: input.appId, channelId, metadataOwnerId: input.metadataOwnerId, metadata: input.metadata });
  }
}

/** Destroys open channels: participants are told and stop receiving; their stored messages go. Unknown ids are skipped. */
export async function destroyOpenChannels(input: { appId: string; channelIds: string[] }): Promise<void> {
  if (input.channelIds.length < 1 || input.channelIds.length > 100) throw new ChatError("invalidParameter", "channelIds must hold 1 to 100 open channel ids");
  input.channelIds.forEach((channelId) => checkOpenChannelId(channelId, "channelIds"));
  const channels = await db.channel.findMany({
    where: { appId: input.appId, type: ChannelType.open, channelId: { in: input.channelIds } },
    select: { id: true, channelId: true, participants: { select: { userId: true } } },
  });
  for (const channel of channels) await destroyOpenChannel(input.appId, channel);
}

export async function destroyOpenChannel(appId: string, channel: { id: string; channelId: string; participants: { userId: string }[] }) {
  const userIds = channel.participants.map((participant) => participant.userId);
  await removeParticipants({ appId, channelPk: channel.id, channelId: channel.channelId, userIds, reason: "destroyed" });
  await db.channel.deleteMany({ where: { id: channel.id } });
  await emitChatEvent(appId, { type: "open_channel:changed", channelId: channel.channelId, operation: "destroyed" });
}

export async function getOpenChannel(input: { appId: string; channelId: string }) {
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  return {
    channelId: channel.channelId,
    createdAt: channel.createdAt.getTime(),
    participantCount: await db.openChannelParticipant.count({ where: { channelId: channel.id } }),
    destroyType: channel.destroyType ?? 0,
    ttlMinutes: channel.ttlMinutes ?? 0,
    isFrozen: channel.frozen,
  };
}

export async function setOpenChannelLifetime(input: { appId: string; channelId: string; destroyType?: number; ttlMinutes?: number }): Promise<void> {
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  await db.channel.update({ where: { id: channel.id }, data: { ...checkLifetime(input), lastActiveAt: new Date() } });
}

/** Freezes (only allowed senders may send) or thaws an open channel. */
export async function setOpenChannelFrozen(input: { appId: string; channelId: string; frozen: boolean }): Promise<void> {
  const channel = await getOpenChannelOrThrow(input.appId, input.channelId);
  await db.channel.update({ where: { id: channel.id }, data: { frozen: input.frozen } });
}

export async function findFrozenOpenChannels(input: { appId: string; page?: number; pageSize?: number }) {
  const rows = await db.channel.findMany({
    where: { appId: input.appId, type: ChannelType.open, frozen: true },
    orderBy: { channelId: "asc" },
    ...checkPage(input),
    select: { channelId: true },
  });
  return { channelIds: rows.map((row) => row.channelId) };
}
