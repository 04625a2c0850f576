import { db } from "../../db/client";
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
    db.channelMember.findMany({
      where: { appId: input.appId, userId: { in: input.userIds }, channel: { OR: [{ type: ChannelType.group }, { type: ChannelType.service, parentId: null }] } },
      select: { userId: true, channelId: true },
    }),
    findCommunityChannelKeys(input),
    findOpenChannelKeys(input),
  ]);
  const keys = channelKeysByUser(input.userIds, groups);
  for (const userId of input.userIds) keys.get(userId)!.push(...communityKeys.get(userId)!, ...openChannelKeys.get(userId)!);
  return keys;
}
