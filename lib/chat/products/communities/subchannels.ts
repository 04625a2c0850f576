import { db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { ChannelType, communityChannelId, splitCommunityChannelId } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { checkPage } from "../../base/pagination";
import { checkUserIds } from "../../base/users/user-id";
import { checkCommunityId, checkSubchannelId, checkSubchannelLimit, checkVisibility, maxCommunityUsersPerCall, SubchannelVisibility } from "./community-rules";
import { communityMemberWhere, getCommunityOrThrow, getSubchannelOrThrow, lockCommunityOrThrow } from "./community-view";
import { findPrivateReaderIds, refreshSubchannelAccess, SubchannelRole } from "./subchannel-access";

type SubchannelRef = { appId: string; channelId: string; subchannelId: string };

const checkSubchannelRef = (input: SubchannelRef): SubchannelRef => ({
  appId: input.appId,
  channelId: checkCommunityId(input.channelId),
  subchannelId: checkSubchannelId(input.subchannelId),
});

/** Adds a public (channelVisibility 0, the default) or private (1) subchannel, up to the community's limit. */
export async function createSubchannel(input: SubchannelRef & { channelVisibility?: number }): Promise<void> {
  const { appId, channelId, subchannelId } = checkSubchannelRef(input);
  const isPrivate = checkVisibility(input.channelVisibility);
  await db.$transaction(async (tx) => {
    const community = await lockCommunityOrThrow(tx, { appId, channelId });
    checkSubchannelLimit(await tx.channel.count({ where: { appId, parentId: community.id } }));
    await tx.channel
      .create({ data: { appId, type: ChannelType.community, channelId: communityChannelId(channelId, subchannelId), parentId: community.id, isPrivate } })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new ChatError("conflict", `Subchannel ${subchannelId} of community ${channelId} exists already`) : error;
      });
  });
}

/** Deletes a subchannel with its messages; its readers' nodes stop listening to it. */
export async function deleteSubchannel(input: SubchannelRef): Promise<void> {
  const ref = checkSubchannelRef(input);
  const subchannel = await getSubchannelOrThrow(db, ref);
  const readerIds = subchannel.isPrivate ? await findPrivateReaderIds(subchannel.id) : [];
  await db.channel.delete({ where: { id: subchannel.id, appId: ref.appId } });
  await refreshSubchannelAccess({ appId: ref.appId, userIds: readerIds, subchannelPks: [subchannel.id] });
}

/** A page of a community's subchannels by creation, oldest first (`order` 0) or newest first (1). */
export async function findSubchannels(input: { appId: string; channelId: string; page?: number; pageSize?: number; order?: number }) {
  const { skip, take } = checkPage(input);
  if (input.order !== undefined && input.order !== 0 && input.order !== 1) throw new ChatError("invalidParameter", "order must be 0 (oldest first) or 1 (newest first)");
  const direction = input.order === 1 ? "desc" : "asc";
  const community = await getCommunityOrThrow(db, { appId: input.appId, channelId: checkCommunityId(input.channelId) });
  const rows = await db.channel.findMany({ where: { appId: input.appId, parentId: community.id }, orderBy: [{ createdAt: direction }, { channelId: direction }], skip, take });
  return {
    subchannels: rows.map((row) => ({
      subchannelId: splitCommunityChannelId(row.channelId).subchannelId!,
      createdAt: String(row.createdAt.getTime()),
      channelVisibility: row.isPrivate ? SubchannelVisibility.private : SubchannelVisibility.public,
    })),
  };
}

/**
 * Makes a subchannel public or private. Its live messages move between the community's
 * topic and its own, so the readers of the private form are told to listen or stop.
 */
export async function setSubchannelVisibility(input: SubchannelRef & { channelVisibility?: number }): Promise<void> {
  const ref = checkSubchannelRef(input);
  const isPrivate = checkVisibility(input.channelVisibility);
  const subchannel = await getSubchannelOrThrow(db, ref);
  if (subchannel.isPrivate === isPrivate) return;
  await db.channel.update({ where: { id: subchannel.id, appId: ref.appId }, data: { isPrivate } });
  await refreshSubchannelAccess({ appId: ref.appId, userIds: await findPrivateReaderIds(subchannel.id), subchannelPks: [subchannel.id] });
}

/** Gives community members access to a private subchannel. */
export async function addPrivateMembers(input: SubchannelRef & { userIds: string[] }): Promise<void> {
  const { subchannel, userIds } = await findPrivateSubchannel(input);
  const members = await db.channelMember.findMany({ where: { ...communityMemberWhere(input.appId, subchannel.parentId!), userId: { in: userIds } }, select: { userId: true } });
  const outsider = userIds.find((userId) => !members.some((member) => member.userId === userId));
  if (outsider) throw new ChatError("notMember", `${outsider} is not a member of community ${input.channelId}`);
  await db.$transaction(async (tx) => {
    // A user who read the subchannel before has a row already: it keeps its read state.
    const existing = await tx.channelMember.findMany({ where: { channelId: subchannel.id, userId: { in: userIds } }, select: { userId: true } });
    await tx.channelMember.updateMany({ where: { channelId: subchannel.id, userId: { in: userIds } }, data: { role: SubchannelRole.member } });
    const fresh = userIds.filter((userId) => !existing.some((row) => row.userId === userId));
    await tx.channelMember.createMany({ data: fresh.map((userId) => ({ channelId: subchannel.id, appId: input.appId, userId, role: SubchannelRole.member })) });
  });
  await refreshSubchannelAccess({ appId: input.appId, userIds, subchannelPks: [subchannel.id] });
}

/** Takes access away (users in a bound user group keep theirs); read states stay. */
export async function removePrivateMembers(input: SubchannelRef & { userIds: string[] }): Promise<void> {
  const { subchannel, userIds } = await findPrivateSubchannel(input);
  await db.channelMember.updateMany({ where: { channelId: subchannel.id, userId: { in: userIds } }, data: { role: SubchannelRole.readState } });
  await refreshSubchannelAccess({ appId: input.appId, userIds, subchannelPks: [subchannel.id] });
}

/** A page of a private subchannel's members (not those of its user groups), in the order they were added. */
export async function findPrivateMembers(input: SubchannelRef & { page?: number; pageSize?: number }) {
  const { skip, take } = checkPage(input);
  const subchannel = await getSubchannelOrThrow(db, checkSubchannelRef(input));
  const rows = await db.channelMember.findMany({
    where: { channelId: subchannel.id, role: { gte: SubchannelRole.member } },
    orderBy: [{ joinedAt: "asc" }, { userId: "asc" }],
    skip,
    take,
    select: { userId: true },
  });
  return { members: rows.map((row) => row.userId) };
}

async function findPrivateSubchannel(input: SubchannelRef & { userIds: string[] }) {
  const userIds = checkUserIds(input.userIds, { max: maxCommunityUsersPerCall });
  const subchannel = await getSubchannelOrThrow(db, checkSubchannelRef(input));
  if (!subchannel.isPrivate) throw new ChatError("unprocessable", `Subchannel ${input.subchannelId} is public: every member of the community reads it`);
  return { subchannel, userIds };
}
