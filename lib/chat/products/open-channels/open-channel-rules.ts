import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { userIdPattern } from "../../base/users/user-id";

/** Destroy types: 0 after `ttlMinutes` without activity, 1 `ttlMinutes` after creation. */
export const DestroyType = { whenInactive: 0, atFixedTime: 1 } as const;
export const minTtlMinutes = 60;
export const maxTtlMinutes = 10_080;
/** A participant whose devices were all offline this long has left. */
export const participantTimeoutMs = 30 * 60_000;
/** Stored messages a client gets when it joins. */
export const maxHistoryOnJoin = 50;

export function checkOpenChannelId(channelId: string, field = "channelId"): string {
  if (!userIdPattern.test(channelId)) throw new ChatError("invalidParameter", `${field} must be 1 to 64 characters of letters, digits and _ - = + @ .`);
  return channelId;
}

export function checkLifetime(input: { destroyType?: number; ttlMinutes?: number }) {
  const destroyType = input.destroyType ?? DestroyType.whenInactive;
  if (destroyType !== DestroyType.whenInactive && destroyType !== DestroyType.atFixedTime) {
    throw new ChatError("invalidParameter", "destroyType must be 0 (when inactive) or 1 (at a fixed time)");
  }
  const ttlMinutes = input.ttlMinutes ?? minTtlMinutes;
  if (!Number.isInteger(ttlMinutes) || ttlMinutes < minTtlMinutes || ttlMinutes > maxTtlMinutes) {
    throw new ChatError("invalidParameter", `ttlMinutes must be ${minTtlMinutes} to ${maxTtlMinutes}`);
  }
  return { destroyType, ttlMinutes };
}

export const openChannelWhere = (appId: string, channelId: string) => ({ appId, type: ChannelType.open, channelId });

export async function getOpenChannelOrThrow(appId: string, channelId: string) {
  const channel = await db.channel.findFirst({ where: openChannelWhere(appId, checkOpenChannelId(channelId)) });
  if (!channel) throw new ChatError("notFound", `Open channel ${channelId} does not exist`);
  return channel;
}

/** The contract's time format for joins and expiries: "YYYY-MM-DD HH:MM:SS", UTC. */
export const formatDateTime = (date: Date) => date.toISOString().slice(0, 19).replace("T", " ");
