import { db, sqlConnectionOf } from "../../../db/client";
import { getAppSettings } from "../../base/apps/app-settings";
import { channelKeysByUser } from "../../base/channels/channel-keys-by-user";
import { ChannelType } from "../../base/channels/channel-types";
import { announceMembership } from "../../base/channels/membership-events";
import { ChatError } from "../../base/errors";
import { getCommunityChannelOrThrow } from "./community-view";

/** A community channel as access and delivery need it. */
type CommunityChannel = { id: string; parentId: string | null; isPrivate: boolean };

/**
 * Member rows of a subchannel: role 1 for a private subchannel's members; role 0 holds
 * only a user's read state (created when they first read or are mentioned there).
 */
export const SubchannelRole = { readState: 0, member: 1 } as const;

/**
 * The row whose topic carries a channel's live messages: the community's for its
 * default channel and public subchannels (every online member listens to it once), the
 * subchannel's own for a private one (only users with access listen).
 */
export const communityTopicKey = (channel: { id: string; parentId?: string | null; isPrivate?: boolean }) => (channel.isPrivate ? channel.id : (channel.parentId ?? channel.id));

/**
 * Which private subchannels (rows, of `subchannelPks` or all) each user may read: as a
 * member of the subchannel, or of a user group bound to it.
 */
export async function findPrivateAccess(input: { appId: string; userIds: string[]; subchannelPks?: string[] }): Promise<Map<string, Set<string>>> {
  // Plain SQL through the driver: every connect reads it.
  const onlyNamed = input.subchannelPks ? `AND s."id" = ANY(?)` : "";
  const named = input.subchannelPks ? [input.subchannelPks] : [];
  const sql = sqlConnectionOf(db);
  const [members, groupMembers] = await Promise.all([
    sql.query<{ userId: string; channelId: string }>(
      `SELECT m."userId", m."channelId" FROM "ChannelMember" m JOIN "Channel" s ON s."id" = m."channelId"
      WHERE m."appId" = ? AND m."userId" = ANY(?) AND m."role" >= ? AND s."type" = ? AND s."isPrivate" = ? ${onlyNamed}`,
      [input.appId, input.userIds, SubchannelRole.member, ChannelType.community, true, ...named],
    ),
    sql.query<{ userId: string; channelId: string }>(
      `SELECT gm."userId", b."subchannelId" AS "channelId" FROM "CommunityUserGroupMember" gm
      JOIN "CommunityUserGroupBinding" b ON b."userGroupId" = gm."userGroupId"
      JOIN "Channel" s ON s."id" = b."subchannelId"
      WHERE gm."userId" = ANY(?) AND s."appId" = ? AND s."type" = ? AND s."isPrivate" = ? ${onlyNamed}`,
      [input.userIds, input.appId, ChannelType.community, true, ...named],
    ),
  ]);
  const access = new Map(input.userIds.map((userId) => [userId, new Set<string>()]));
  for (const row of [...members, ...groupMembers]) access.get(row.userId)?.add(row.channelId);
  return access;
}

/** Of these users, those who read the channel: members of the community, with access to it when it is private. */
export async function findReaders(input: { appId: string; channel: CommunityChannel; userIds: string[] }): Promise<string[]> {
  const members = await db.channelMember.findMany({
    where: { appId: input.appId, channelId: input.channel.parentId ?? input.channel.id, userId: { in: input.userIds } },
    select: { userId: true },
  });
  const memberIds = members.map((row) => row.userId);
  if (!input.channel.isPrivate || memberIds.length === 0) return memberIds;
  const access = await findPrivateAccess({ appId: input.appId, userIds: memberIds, subchannelPks: [input.channel.id] });
  return memberIds.filter((userId) => access.get(userId)!.has(input.channel.id));
}

/** Everyone who reads a private subchannel: its members and the members of the user groups bound to it. */
export async function findPrivateReaderIds(subchannelPk: string): Promise<string[]> {
  const [members, groupMembers] = await Promise.all([
    db.channelMember.findMany({ where: { channelId: subchannelPk, role: { gte: SubchannelRole.member } }, select: { userId: true } }),
    db.communityUserGroupMember.findMany({ where: { userGroup: { bindings: { some: { subchannelId: subchannelPk } } } }, select: { userId: true } }),
  ]);
  return [...new Set([...members, ...groupMembers].map((row) => row.userId))];
}

/**
 * The channel of a community a user reads or writes, with the community and the user's
 * membership. Refuses non-members, and members without access to a private subchannel.
 */
export async function findCommunityChannel(input: { appId: string; userId: string; channelId: string; subchannelId?: string }) {
  const { community, channel } = await getCommunityChannelOrThrow(db, input);
  const member = await db.channelMember.findUnique({ where: { channelId_userId: { channelId: community.id, userId: input.userId } } });
  if (!member) throw new ChatError("notMember", `${input.userId} is not a member of community ${input.channelId}`);
  if (channel.isPrivate && (await findReaders({ appId: input.appId, channel, userIds: [input.userId] })).length === 0) {
    throw new ChatError("notMember", `${input.userId} is not a member of private subchannel ${input.subchannelId}`);
  }
  return { community, channel, member };
}

/**
 * The oldest messages a member sees: the app keeps `communityHistoryDays` of history,
 * and with `communityHistoryForMembersOnly` nothing from before the member joined.
 */
export async function communityVisibleSince(input: { appId: string; member: { joinedAt: Date } }): Promise<Date> {
  const settings = await getAppSettings(input.appId);
  const windowStart = Date.now() - settings.communityHistoryDays * 24 * 60 * 60 * 1000;
  return new Date(settings.communityHistoryForMembersOnly ? Math.max(windowStart, input.member.joinedAt.getTime()) : windowStart);
}

/** The rows a gateway node listens to for each of these users, by user id: each community they are in, and the private subchannels they read. */
export async function findCommunityChannelKeys(input: { appId: string; userIds: string[] }): Promise<Map<string, string[]>> {
  const [communities, access] = await Promise.all([
    sqlConnectionOf(db).query<{ userId: string; channelId: string }>(
      `SELECT m."userId", m."channelId" FROM "ChannelMember" m JOIN "Channel" c ON c."id" = m."channelId"
      WHERE m."appId" = ? AND m."userId" = ANY(?) AND c."type" = ? AND c."parentId" IS NULL`,
      [input.appId, input.userIds, ChannelType.community],
    ),
    findPrivateAccess(input),
  ]);
  const keys = channelKeysByUser(input.userIds, communities);
  for (const [userId, readable] of access) keys.get(userId)!.push(...readable);
  return keys;
}

/**
 * After a change of who reads private subchannels: tells the nodes of these users to
 * listen to the subchannels they read now, and to stop for the others.
 */
export async function refreshSubchannelAccess(input: { appId: string; userIds: string[]; subchannelPks: string[] }) {
  if (input.userIds.length === 0 || input.subchannelPks.length === 0) return;
  const access = await findPrivateAccess(input);
  await Promise.all(
    [...access].flatMap(([userId, readable]) => {
      const joined = input.subchannelPks.filter((pk) => readable.has(pk));
      const left = input.subchannelPks.filter((pk) => !readable.has(pk));
      return [
        joined.length > 0 && announceMembership({ appId: input.appId, userIds: [userId], channelKeys: joined, joined: true }),
        left.length > 0 && announceMembership({ appId: input.appId, userIds: [userId], channelKeys: left, joined: false }),
      ];
    }),
  );
}
