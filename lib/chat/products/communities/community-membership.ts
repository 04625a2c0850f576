import { db, type Tx } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { ChannelType, splitCommunityChannelId } from "../../base/channels/channel-types";
import { announceMembership } from "../../base/channels/membership-events";
import { ChatError } from "../../base/errors";
import { GroupRole } from "../groups";
import { checkPage } from "../../base/pagination";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";
import { checkCommunityId, checkCommunityName, checkJoinLimit } from "./community-rules";
import { communityMemberWhere, getCommunityOrThrow, lockCommunityOrThrow } from "./community-view";
import { findPrivateAccess } from "./subchannel-access";

/** Creates a community of its creator, who is its first member (role 3 as in groups). */
export async function createCommunity(input: { appId: string; userId: string; channelId: string; name: string }): Promise<void> {
  const channelId = checkCommunityId(input.channelId);
  const name = checkCommunityName(input.name);
  const userId = checkUserId(input.userId);
  await getUserOrThrow({ appId: input.appId, userId });
  await checkJoinable(db, input.appId, userId);
  const community = await db.channel
    .create({
      data: { appId: input.appId, type: ChannelType.community, channelId, name, creatorId: userId, members: { create: { appId: input.appId, userId, role: GroupRole.owner } } },
      select: { id: true },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? new ChatError("conflict", `Community ${channelId} exists already`) : error;
    });
  await announceMembership({ appId: input.appId, userIds: [userId], channelKeys: [community.id], joined: true });
}

/** Adds a member; joining twice changes nothing. A member's `joinedAt` bounds what they see with `communityHistoryForMembersOnly`. */
export async function joinCommunity(input: { appId: string; userId: string; channelId: string }): Promise<void> {
  const channelId = checkCommunityId(input.channelId);
  const userId = checkUserId(input.userId);
  await getUserOrThrow({ appId: input.appId, userId });
  const joined = await db.$transaction(async (tx) => {
    const community = await lockCommunityOrThrow(tx, { appId: input.appId, channelId });
    if (await tx.channelMember.findUnique({ where: { channelId_userId: { channelId: community.id, userId } } })) return null;
    await checkJoinable(tx, input.appId, userId);
    await tx.channelMember.create({ data: { channelId: community.id, appId: input.appId, userId, joinedSeq: community.lastSeq } });
    return community;
  });
  if (joined) await announceMembership({ appId: input.appId, userIds: [userId], channelKeys: [joined.id], joined: true });
}

/** Refuses a user who is in as many communities as one may join. */
async function checkJoinable(tx: Tx, appId: string, userId: string) {
  const count = await tx.channelMember.count({ where: { appId, userId, channel: { type: ChannelType.community, parentId: null } } });
  checkJoinLimit(new Map([[userId, count]]));
}

/** Removes a member with their private subchannel memberships, user group memberships and read states; a non-member is ignored. */
export async function leaveCommunity(input: { appId: string; userId: string; channelId: string }): Promise<void> {
  const channelId = checkCommunityId(input.channelId);
  const userId = checkUserId(input.userId);
  const { community, subchannelPks } = await db.$transaction(async (tx) => {
    const community = await lockCommunityOrThrow(tx, { appId: input.appId, channelId });
    const subchannels = await tx.channel.findMany({ where: { appId: input.appId, parentId: community.id }, select: { id: true } });
    const subchannelPks = subchannels.map((row) => row.id);
    await tx.channelMember.deleteMany({ where: { appId: input.appId, userId, channelId: { in: [community.id, ...subchannelPks] } } });
    await tx.communityUserGroupMember.deleteMany({ where: { userId, userGroup: { channelId: community.id } } });
    return { community, subchannelPks };
  });
  // Keys the user's nodes do not listen to are ignored there.
  await announceMembership({ appId: input.appId, userIds: [userId], channelKeys: [community.id, ...subchannelPks], joined: false });
}

/** Deletes a community with its subchannels, members, user groups and messages. */
export async function dismissCommunity(input: { appId: string; channelId: string }): Promise<void> {
  const channelId = checkCommunityId(input.channelId);
  const { keys, memberIds } = await db.$transaction(async (tx) => {
    const community = await lockCommunityOrThrow(tx, { appId: input.appId, channelId });
    const subchannels = await tx.channel.findMany({ where: { appId: input.appId, parentId: community.id }, select: { id: true } });
    const members = await tx.channelMember.findMany({ where: communityMemberWhere(input.appId, community.id), select: { userId: true } });
    await tx.channel.deleteMany({ where: { appId: input.appId, id: { in: [community.id, ...subchannels.map((row) => row.id)] } } });
    return { keys: [community.id, ...subchannels.map((row) => row.id)], memberIds: members.map((row) => row.userId) };
  });
  await announceMembership({ appId: input.appId, userIds: memberIds, channelKeys: keys, joined: false });
}

export async function updateCommunity(input: { appId: string; channelId: string; name: string }): Promise<void> {
  const community = await getCommunityOrThrow(db, { appId: input.appId, channelId: checkCommunityId(input.channelId) });
  await db.channel.update({ where: { id: community.id, appId: input.appId }, data: { name: checkCommunityName(input.name) } });
}

export async function isCommunityMember(input: { appId: string; userId: string; channelId: string }): Promise<{ isMember: boolean }> {
  const community = await getCommunityOrThrow(db, { appId: input.appId, channelId: checkCommunityId(input.channelId) });
  const member = await db.channelMember.findUnique({ where: { channelId_userId: { channelId: community.id, userId: checkUserId(input.userId) } } });
  return { isMember: member !== null };
}

/** A page of the subchannels a member reads, in the order they were created: every public one and the private ones they have access to. */
export async function findUserSubchannels(input: { appId: string; userId: string; channelId: string; page?: number; pageSize?: number }) {
  const { skip, take } = checkPage(input);
  const community = await getCommunityOrThrow(db, { appId: input.appId, channelId: checkCommunityId(input.channelId) });
  const userId = checkUserId(input.userId);
  if (!(await db.channelMember.findUnique({ where: { channelId_userId: { channelId: community.id, userId } } }))) {
    throw new ChatError("notMember", `${userId} is not a member of community ${input.channelId}`);
  }
  const readable = (await findPrivateAccess({ appId: input.appId, userIds: [userId] })).get(userId)!;
  const rows = await db.channel.findMany({
    where: { appId: input.appId, parentId: community.id, OR: [{ isPrivate: false }, { id: { in: [...readable] } }] },
    orderBy: [{ createdAt: "asc" }, { channelId: "asc" }],
    skip,
    take,
    select: { channelId: true },
  });
  return { subChannels: rows.map((row) => splitCommunityChannelId(row.channelId).subchannelId!) };
}
