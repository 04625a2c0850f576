import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { missingChannelError } from "../../base/channels/removed-channels";
import { ChatError } from "../../base/errors";
import { maxProfileBytes } from "../profiles";
import { checkUserId } from "../../base/users/user-id";

/** Service channel ids follow the rule of user ids (so never hold the "/" of a subscriber's thread). */
export const checkServiceChannelId = (channelId: string, field = "channelId") => checkUserId(channelId, field);

export function checkServiceChannelName(name: string): string {
  if (name.length < 1 || name.length > 64) throw new ChatError("invalidParameter", "name must be 1 to 64 characters");
  return name;
}

/** A service channel's profile (avatar, description, ...) is free-form, bounded like a user's hosted profile. */
export function checkServiceChannelProfile(profile: Record<string, unknown>): string {
  const text = JSON.stringify(profile);
  if (Buffer.byteLength(text) > maxProfileBytes) throw new ChatError("invalidParameter", `profile exceeds ${maxProfileBytes} bytes`);
  return text;
}

/** Service channels are the type-7 rows without a parent; their subscribers' threads have one. */
export const serviceChannelWhere = (appId: string, channelId: string) => ({ appId, type: ChannelType.service, channelId, parentId: null });

export async function getServiceChannelOrThrow(input: { appId: string; channelId: string }) {
  const channelId = checkServiceChannelId(input.channelId);
  const channel = await db.channel.findFirst({ where: serviceChannelWhere(input.appId, channelId), select: { id: true, channelId: true, lastSeq: true } });
  if (!channel) throw await missingChannelError({ appId: input.appId, type: ChannelType.service, channelId });
  return channel;
}

/** The API's service channel item. */
export function toServiceChannel(row: { channelId: string; name: string | null; profile: string | null; createdAt: Date; _count: { members: number } }) {
  return {
    channelId: row.channelId,
    name: row.name ?? "",
    profile: JSON.parse(row.profile ?? "{}") as Record<string, unknown>,
    createdAt: row.createdAt.getTime(),
    subscriberCount: row._count.members,
  };
}

/** Reads a service channel's row with its subscriber count; pass to `toServiceChannel`. */
export const withSubscriberCount = { _count: { select: { members: true } } } as const;

/** Refuses the whole call when one of `userIds` is not subscribed to the channel. */
export async function checkSubscribed(input: { appId: string; channel: { id: string; channelId: string }; userIds: string[] }): Promise<void> {
  const rows = await db.channelMember.findMany({ where: { appId: input.appId, channelId: input.channel.id, userId: { in: input.userIds } }, select: { userId: true } });
  const subscribed = new Set(rows.map((row) => row.userId));
  const missing = input.userIds.find((userId) => !subscribed.has(userId));
  if (missing !== undefined) throw new ChatError("notMember", `${missing} is not subscribed to service channel ${input.channel.channelId}`);
}
