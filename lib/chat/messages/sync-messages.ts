import type { MessageView, SyncPage } from "../../contract";
import { db } from "../../db/client";
import { getAppSettings } from "../base/apps/app-settings";
import { broadcastChannelId, ChannelType, isBroadcastChannel } from "../base/channels/channel-types";
import { visibleFromSeq } from "../base/channels/find-channel";
import { ChatError } from "../base/errors";
import { decodePageToken, encodePageToken, type Position } from "../base/page-token";
import { toMessageView } from "../base/messages/message-view";
import { takePage } from "../base/messages/page-size";

const dayMs = 24 * 60 * 60 * 1000;
/**
 * A transaction stamps its messages when it starts and commits a little later, so a
 * message can appear behind one that was already read. Positions never pass the last
 * few seconds: the next sync reads them again, and clients drop what they have.
 */
const commitGraceMs = 5000;
const maxLimit = 500;

/**
 * What changed in a user's channels and in the app's broadcast channel since `position`
 * (a value this function returned): new messages, edits, recalls and metadata changes,
 * oldest first. Without a position (a new device or a reinstall) it starts at the
 * compensation window with multi-device sync, at the offline cache without. With
 * multi-device sync off, what one device synced no other device gets again.
 */
export async function syncMessages(input: { appId: string; userId: string; position?: string; limit?: number }): Promise<SyncPage> {
  const limit = input.limit ?? 200;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw new ChatError("invalidParameter", `limit must be 1 to ${maxLimit}`);
  const settings = await getAppSettings(input.appId);
  const after = await startPosition(input, settings);
  const rows = await db.message.findMany({
    where: {
      appId: input.appId,
      // The broadcast channel has no members: every user reads its one copy of each message.
      // Communities have no offline cache: members page through history when they open a subchannel.
      channel: { OR: [{ type: { not: ChannelType.community }, members: { some: { userId: input.userId } } }, { type: ChannelType.system, channelId: broadcastChannelId }] },
      OR: [{ updatedAt: { gt: new Date(after[0]) } }, { updatedAt: new Date(after[0]), id: { gt: after[1] } }],
    },
    orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    include: { channel: { select: { type: true, channelId: true } }, metadata: true },
  });
  const page = takePage(rows, limit);
  const hasMore = rows.length > page.length;
  const last = page.at(-1);
  const reached: Position = last ? [last.updatedAt.getTime(), last.id] : after;
  const position: Position = hasMore ? reached : [Math.min(reached[0], Date.now() - commitGraceMs), ""];
  if (!settings.multiDeviceSync && last) {
    await db.user.update({ where: { appId_id: { appId: input.appId, id: input.userId } }, data: { deliveredUntil: last.updatedAt } });
  }
  const visible = await visibleRows(input, page, settings.groupHistoryForMembersOnly);
  return { messages: visible.map(toMessageView) as MessageView[], position: encodePageToken(position), hasMore };
}

async function startPosition(input: { appId: string; userId: string; position?: string }, settings: Awaited<ReturnType<typeof getAppSettings>>): Promise<Position> {
  const now = Date.now();
  const given = decodePageToken(input.position);
  let after: Position = given ?? [now - (settings.multiDeviceSync ? settings.compensationDays : settings.offlineCacheDays) * dayMs, ""];
  if (after[0] < now - settings.offlineCacheDays * dayMs) after = [now - settings.offlineCacheDays * dayMs, ""];
  if (!settings.multiDeviceSync) {
    const user = await db.user.findUnique({ where: { appId_id: { appId: input.appId, id: input.userId } }, select: { deliveredUntil: true } });
    const delivered = user?.deliveredUntil?.getTime();
    if (delivered !== undefined && delivered > after[0]) after = [delivered, "\uffff"];
  }
  return after;
}

/** Drops what the member cleared, and group history from before they joined where the app keeps it to members. */
async function visibleRows<T extends { channelId: string; seq: number; channel: { type: number; channelId: string } }>(input: { userId: string }, rows: T[], groupHistoryForMembersOnly: boolean) {
  const channelIds = [...new Set(rows.map((row) => row.channelId))];
  if (channelIds.length === 0) return rows;
  const members = await db.channelMember.findMany({
    where: { userId: input.userId, channelId: { in: channelIds } },
    select: { channelId: true, clearedSeq: true, joinedSeq: true },
  });
  const from = new Map(members.map((member) => [member.channelId, member]));
  return rows.filter((row) => {
    if (isBroadcastChannel(row.channel)) return true;
    const member = from.get(row.channelId);
    return member !== undefined && row.seq >= visibleFromSeq(member, row.channel.type, groupHistoryForMembersOnly);
  });
}
