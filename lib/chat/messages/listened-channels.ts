import { db } from "../../db/client";
import { ChannelType } from "../base/channels/channel-types";
import { findCommunityChannelKeys } from "../products/communities";

/**
 * The Channel row ids a gateway node listens to for a user: their groups, the service
 * channels they subscribe to (not their threads, which reach them on their own topic),
 * their communities, and the private subchannels they read.
 */
export async function findListenedChannelKeys(input: { appId: string; userId: string }): Promise<string[]> {
  const [groups, communityKeys] = await Promise.all([
    db.channelMember.findMany({
      where: { appId: input.appId, userId: input.userId, channel: { OR: [{ type: ChannelType.group }, { type: ChannelType.service, parentId: null }] } },
      select: { channelId: true },
    }),
    findCommunityChannelKeys(input),
  ]);
  return [...groups.map((row) => row.channelId), ...communityKeys];
}
