import type { SyncPage } from "../../contract";
import { db, sqlConnectionOf } from "../../db/client";
import { getAppSettings } from "../base/apps/app-settings";
import { isBroadcastChannel } from "../base/channels/channel-types";
import { visibleFromSeq } from "../base/channels/find-channel";
import { ChatError } from "../base/errors";
import { decodePageToken, encodePageToken, type Position } from "../base/page-token";
import { toMessageView } from "../base/messages/message-view";
import { findMessageMetadata, readStoredMessage } from "../base/messages/stored-message-sql";
import { takePage } from "../base/messages/page-size";
import { changedMessagesQuery } from "./sync-messages-sql";

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
  const sql = sqlConnectionOf(db);
  const changed = changedMessagesQuery(sql.provider, { appId: input.appId, userId: input.userId, after, rows: limit + 1 });
  const raw = await sql.query<SyncRow>(changed.text, changed.values);
  const rows = raw.map(({ channelPk, channelType, channelKey, ...row }) => ({ ...readStoredMessage(row), channelPk, channel: { type: channelType, channelId: channelKey } }));
  const page = takePage(rows, limit);
  const hasMore = rows.length > page.length;
  const last = page.at(-1);
  const reached: Position = last ? [last.updatedAt.getTime(), last.id] : after;
  const position: Position = hasMore ? reached : [Math.min(reached[0], Date.now() - commitGraceMs), ""];
  if (!settings.multiDeviceSync && last) {
    await db.user.update({ where: { appId_id: { appId: input.appId, id: input.userId } }, data: { deliveredUntil: last.updatedAt } });
  }
  const visible = page.filter((row) => isBroadcastChannel(row.channel) || row.seq >= visibleFromSeq({ clearedSeq: row.clearedSeq!, joinedSeq: row.joinedSeq! }, row.channel.type, settings.groupHistoryForMembersOnly));
  const metadata = await findMessageMetadata(sql, visible.map((row) => row.id));
  return { messages: visible.map((row) => toMessageView({ ...row, metadata: metadata.get(row.id) })), position: encodePageToken(position), hasMore };
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

/** A message with its channel, and the user's membership of it (none in the broadcast channel). */
type SyncRow = Parameters<typeof readStoredMessage>[0] & { channelPk: string; channelType: number; channelKey: string; clearedSeq: number | null; joinedSeq: number | null };
