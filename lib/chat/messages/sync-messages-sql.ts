import type { SqlQueries } from "../../db/sql-connection";
import { broadcastChannelId, ChannelType } from "../base/channels/channel-types";
import type { Position } from "../base/page-token";
import { storedMessageColumns } from "../base/messages/stored-message-sql";

/**
 * The messages changed after `after` in the channels a user syncs, oldest first, at most
 * `rows`: the channels they belong to and the app's broadcast channel, which has no
 * members (every user reads its one copy of each message). Communities have no offline
 * cache: members page through history when they open a subchannel. The walk starts from
 * the user's channels and takes at most `rows` from each, so its cost follows the user's
 * channels, not the app's traffic.
 */
export function changedMessagesQuery(provider: SqlQueries["provider"], input: { appId: string; userId: string; after: Position; rows: number }) {
  const changedInChannel = (columns: string) => `SELECT ${columns} FROM "Message" s
    WHERE s."channelId" = synced."channelPk" AND s."updatedAt" >= ? AND (s."updatedAt" > ? OR s."id" > ?)
    ORDER BY s."updatedAt", s."id" LIMIT ?`;
  // SQLite has no LATERAL; a correlated IN list runs once per channel on the same index.
  const changed =
    provider === "postgresql"
      ? `JOIN LATERAL (${changedInChannel(storedMessageColumns("s"))}) m ON true`
      : `JOIN "Message" m ON m."id" IN (${changedInChannel('s."id"')})`;
  const text = `WITH synced AS (
      SELECT cm."channelId" AS "channelPk", cm."clearedSeq", cm."joinedSeq"
      FROM "ChannelMember" cm JOIN "Channel" c ON c."id" = cm."channelId"
      WHERE cm."appId" = ? AND cm."userId" = ? AND c."type" <> ?
      UNION ALL
      SELECT c."id", NULL, NULL FROM "Channel" c WHERE c."appId" = ? AND c."type" = ? AND c."channelId" = ?
    )
    SELECT ${storedMessageColumns("m")}, synced."channelPk", c."type" AS "channelType", c."channelId" AS "channelKey", synced."clearedSeq", synced."joinedSeq"
    FROM synced JOIN "Channel" c ON c."id" = synced."channelPk" ${changed}
    ORDER BY m."updatedAt", m."id" LIMIT ?`;
  const [afterTime, afterId] = [new Date(input.after[0]), input.after[1]];
  const values = [
    input.appId, input.userId, ChannelType.community, input.appId, ChannelType.system, broadcastChannelId,
    afterTime, afterTime, afterId, input.rows, input.rows,
  ];
  return { text, values };
}
