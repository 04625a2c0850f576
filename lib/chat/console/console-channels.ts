import { z } from "zod";
import type { ChannelKind, ChannelOverview, ChannelPage } from "../../contract";
import { db } from "../../db/client";
import { dismissCommunity } from "../products/communities";
import { ChatError, parseInput } from "../base/errors";
import { dismissGroup } from "../products/groups";
import { destroyOpenChannels } from "../products/open-channels";
import { ChannelType } from "../base/channels/channel-types";

/** The channel kinds the console manages, by the name its pages use. */
const kinds = { groups: ChannelType.group, "open-channels": ChannelType.open, communities: ChannelType.community } as const;
export const channelKindSchema = z.enum(["groups", "open-channels", "communities"] satisfies ChannelKind[], { error: "the kind is groups, open-channels or communities" });

const pageSize = 25;

const channelNotFound = (kind: ChannelKind, channelId: string) => new ChatError("notFound", `No ${kind.replace(/s$/, "").replace("-", " ")} ${channelId} in this app`);
const memberLimit = 200;

/** Channels of a kind whose id starts with `query` or whose name contains it, by id, a page after the cursor (the last id before). */
export async function searchChannels(input: { appId: string; kind: unknown; query?: string; after?: string }): Promise<ChannelPage> {
  const kind = parseInput(channelKindSchema, input.kind);
  const query = input.query?.trim();
  const rows = await db.channel.findMany({
    where: {
      appId: input.appId,
      type: kinds[kind],
      // A community's subchannels are listed on its page.
      parentId: null,
      ...(query && { OR: [{ channelId: { startsWith: query } }, { name: { contains: query } }] }),
      ...(input.after && { channelId: { gt: input.after } }),
    },
    orderBy: { channelId: "asc" },
    take: pageSize + 1,
    select: { channelId: true, name: true, frozen: true, lastSeq: true, createdAt: true, _count: { select: { members: true, participants: true } } },
  });
  const page = rows.slice(0, pageSize);
  return {
    channels: page.map(({ _count, createdAt, ...channel }) => ({ ...channel, createdAt: createdAt.toISOString(), memberCount: kind === "open-channels" ? _count.participants : _count.members })),
    nextCursor: rows.length > pageSize ? page.at(-1)!.channelId : null,
  };
}

/** One channel with its state, members (or participants), mutes and bans, allowed senders, and a community's subchannels. */
export async function getChannelOverview(input: { appId: string; kind: unknown; channelId: string }): Promise<ChannelOverview> {
  const kind = parseInput(channelKindSchema, input.kind);
  const channel = await db.channel.findFirst({
    where: { appId: input.appId, type: kinds[kind], channelId: input.channelId, parentId: null },
    include: {
      members: { orderBy: [{ role: "desc" }, { userId: "asc" }], take: memberLimit, select: { userId: true, role: true, mutedUntil: true } },
      participants: { orderBy: { joinedAt: "asc" }, take: memberLimit, select: { userId: true, joinedAt: true } },
      userRules: { select: { userId: true, kind: true, expiresAt: true } },
      subchannels: { orderBy: { channelId: "asc" }, select: { channelId: true, isPrivate: true, lastSeq: true } },
      _count: { select: { members: true, participants: true } },
    },
  });
  if (!channel) throw channelNotFound(kind, input.channelId);
  const now = new Date();
  return {
    channelId: channel.channelId,
    name: channel.name,
    ownerId: channel.ownerId ?? channel.creatorId,
    frozen: channel.frozen,
    lastSeq: channel.lastSeq,
    createdAt: channel.createdAt.toISOString(),
    memberCount: kind === "open-channels" ? channel._count.participants : channel._count.members,
    members:
      kind === "open-channels"
        ? channel.participants.map((participant) => ({ userId: participant.userId, role: 0, mutedUntil: null, since: participant.joinedAt.toISOString() }))
        : channel.members.map((member) => ({ ...member, mutedUntil: member.mutedUntil && member.mutedUntil > now ? member.mutedUntil.toISOString() : null, since: null })),
    userRules: channel.userRules
      .filter((rule) => !rule.expiresAt || rule.expiresAt > now)
      .map((rule) => ({ userId: rule.userId, kind: rule.kind, expiresAt: rule.expiresAt?.toISOString() ?? null })),
    subchannels: channel.subchannels.map((subchannel) => ({ ...subchannel, subchannelId: subchannel.channelId.split("/")[1]! })),
  };
}

/** Ends a channel as its Platform API would: a group dismissed, an open channel destroyed, a community dismissed. */
export async function endChannel(input: { appId: string; kind: unknown; channelId: string }): Promise<void> {
  const kind = parseInput(channelKindSchema, input.kind);
  // The open-channel destroy skips unknown ids silently; the console says so instead.
  const exists = await db.channel.count({ where: { appId: input.appId, type: kinds[kind], channelId: input.channelId, parentId: null } });
  if (!exists) throw channelNotFound(kind, input.channelId);
  if (kind === "groups") await dismissGroup({ appId: input.appId, channelId: input.channelId });
  else if (kind === "open-channels") await destroyOpenChannels({ appId: input.appId, channelIds: [input.channelId] });
  else await dismissCommunity({ appId: input.appId, channelId: input.channelId });
}
