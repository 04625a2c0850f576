import { getBus, topics } from "../../../bus";
import type { UserOverview } from "../../../contract";
import { db } from "../../../db/client";
import { ChannelType, channelIdSeenBy } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { parsePresenceEntry } from "../sessions";

/** Entries of each list the overview shows; the Platform API pages through the rest. */
const listLimit = 100;

/** Everything the console shows about one user: profile, state, live sessions on every node, relations and channels. */
export async function getUserOverview(input: { appId: string; userId: string }): Promise<UserOverview> {
  const { appId, userId } = input;
  const user = await db.user.findUnique({ where: { appId_id: { appId, id: userId } } });
  if (!user) throw new ChatError("notFound", `User ${userId} does not exist`);
  const [present, blocked, friends, memberships, openChannels] = await Promise.all([
    getBus().listPresence(topics.presence(appId, userId)),
    db.blocklistEntry.findMany({ where: { appId, userId }, orderBy: { createdAt: "desc" }, take: listLimit, select: { blockedUserId: true } }),
    db.friendship.findMany({ where: { appId, userId }, orderBy: { addedAt: "desc" }, take: listLimit, select: { friendId: true } }),
    db.channelMember.findMany({ where: { appId, userId }, take: listLimit * 3, select: { role: true, channel: { select: { type: true, channelId: true, name: true } } } }),
    db.openChannelParticipant.findMany({ where: { appId, userId }, take: listLimit, select: { channel: { select: { channelId: true } } } }),
  ]);
  const inChannels = (type: number) =>
    memberships.filter((row) => row.channel.type === type).map((row) => ({ channelId: channelIdSeenBy(row.channel, userId), name: row.channel.name, role: row.role }));
  return {
    userId,
    name: user.name,
    avatarUrl: user.avatarUrl,
    createdAt: user.createdAt.toISOString(),
    bannedUntil: user.bannedUntil && user.bannedUntil > new Date() ? user.bannedUntil.toISOString() : null,
    deletedAt: user.deletedAt?.toISOString() ?? null,
    tokensValidAfter: user.tokensValidAfter?.toISOString() ?? null,
    sessions: present.map(parsePresenceEntry).sort((a, b) => b.connectedAt - a.connectedAt),
    blocklist: blocked.map((row) => row.blockedUserId),
    friends: friends.map((row) => row.friendId),
    groups: inChannels(ChannelType.group),
    communities: inChannels(ChannelType.community),
    openChannels: openChannels.map((row) => row.channel.channelId),
  };
}
