import { db, sqlConnectionOf } from "../../db/client";
import { channelKeysByUser } from "../base/channels/channel-keys-by-user";
import { ChannelType } from "../base/channels/channel-types";
import { findCommunityChannelKeys } from "../products/communities";
import { findOpenChannelKeys } from "../products/open-channels";

/**
 * The Channel row ids a gateway node listens to for each of these users, by user id: their
 * groups, the service channels they subscribe to (not their threads, which reach them on
 * their own topic), their communities, the private subchannels they read, and the open
 * channels they are in.
 */
export async function findListenedChannelKeys(input: { appId: string; userIds: string[] }): Promise<Map<string, string[]>> {
  const [groups, communityKeys, openChannelKeys] = await Promise.all([
    // Plain SQL through the driver: every connect reads it.
    sqlConnectionOf(db).query<{ userId: string; channelId: string }>(
      `SELECT m."userId", m."channelId" FROM "ChannelMember" m JOIN "Channel" c ON c."id" = m."channelId"
      WHERE m."appId" = ? AND m."userId" = ANY(?) AND (c."type" = ? OR (c."type" = ? AND c."parentId" IS NULL))`,
      [input.appId, input.userIds, ChannelType.group, ChannelType.service],
    ),
    findCommunityChannelKeys(input),
    findOpenChannelKeys(input),
  ]);
  const keys = channelKeysByUser(input.userIds, groups);
  for (const userId of input.userIds) keys.get(userId)!.push(...communityKeys.get(userId)!, ...openChannelKeys.get(userId)!);
  return keys;
}
