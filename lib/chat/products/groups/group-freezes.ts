import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { checkGroupId } from "./group-rules";

/** Most groups one freeze call names. */
export const maxFreezeGroupsPerCall = 20;

function checkChannelIds(channelIds: string[]): string[] {
  if (channelIds.length < 1 || channelIds.length > maxFreezeGroupsPerCall) {
    throw new ChatError("invalidParameter", `channelIds must hold 1 to ${maxFreezeGroupsPerCall} group ids`);
  }
  return [...new Set(channelIds.map((channelId) => checkGroupId(channelId, "channelIds")))];
}

/** Freezes (only allowed senders may send) or unfreezes groups; every group must exist. */
export async function setGroupsFrozen(input: { appId: string; channelIds: string[]; frozen: boolean }): Promise<void> {
  const channelIds = checkChannelIds(input.channelIds);
  const where = { appId: input.appId, type: ChannelType.group, channelId: { in: channelIds } };
  const found = new Set((await db.channel.findMany({ where, select: { channelId: true } })).map((group) => group.channelId));
  const missing = channelIds.find((channelId) => !found.has(channelId));
  if (missing !== undefined) throw new ChatError("notFound", `Group ${missing} does not exist`);
  await db.channel.updateMany({ where, data: { frozen: input.frozen } });
}

/**
 * Whether the named groups are frozen (status 1) or not (0), unknown ids left out; without
 * names, a page (`page` from 1) of the app's frozen groups.
 */
export async function findGroupFreezes(input: { appId: string; channelIds?: string[]; page?: number; pageSize?: number }) {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 50;
  if (!Number.isInteger(page) || page < 1) throw new ChatError("invalidParameter", "page must be 1 or more");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new ChatError("invalidParameter", "pageSize must be 1 to 100");
  const named = input.channelIds?.length ? { channelId: { in: checkChannelIds(input.channelIds) } } : { frozen: true };
  const groups = await db.channel.findMany({
    where: { appId: input.appId, type: ChannelType.group, ...named },
    orderBy: [{ createdAt: "asc" }, { channelId: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { channelId: true, frozen: true },
  });
  return { freezeStatuses: groups.map((group) => ({ channelId: group.channelId, status: group.frozen ? 1 : 0 })) };
}
