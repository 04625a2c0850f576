import { db } from "../../../db/client";
import { splitCommunityChannelId } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import { checkPage } from "../../base/pagination";
import { checkUserId, checkUserIds } from "../../base/users/user-id";
import { checkCommunityId, checkSubchannelId, checkUserGroupId, maxCommunityUsersPerCall } from "./community-rules";
import { communityMemberWhere, getCommunityOrThrow, getSubchannelOrThrow } from "./community-view";
import { refreshSubchannelAccess } from "./subchannel-access";

/** User groups one call names at most. */
const maxUserGroupsPerCall = 100;

type CommunityRef = { appId: string; channelId: string };
type Page = { page?: number; pageSize?: number };

const getCommunity = (input: CommunityRef) => getCommunityOrThrow(db, { appId: input.appId, channelId: checkCommunityId(input.channelId) });

function checkUserGroupIds(userGroupIds: string[]): string[] {
  if (userGroupIds.length < 1 || userGroupIds.length > maxUserGroupsPerCall) throw new ChatError("invalidParameter", `userGroupIds must hold 1 to ${maxUserGroupsPerCall} ids`);
  return [...new Set(userGroupIds.map((id) => checkUserGroupId(id, "userGroupIds")))];
}

/** The user groups of a community by id, every one of them or the first missing is refused. */
async function findUserGroupsOrThrow(communityPk: string, userGroupIds: string[]) {
  const groups = await db.communityUserGroup.findMany({ where: { channelId: communityPk, userGroupId: { in: userGroupIds } } });
  const missing = userGroupIds.find((id) => !groups.some((group) => group.userGroupId === id));
  if (missing) throw new ChatError("notFound", `User group ${missing} does not exist`);
  return groups;
}

/** The private subchannels bound to these user groups and the groups' members: whose access a change of the groups affects. */
async function findAffected(userGroupPks: string[]) {
  const [bindings, members] = await Promise.all([
    db.communityUserGroupBinding.findMany({ where: { userGroupId: { in: userGroupPks }, subchannel: { isPrivate: true } }, select: { subchannelId: true } }),
    db.communityUserGroupMember.findMany({ where: { userGroupId: { in: userGroupPks } }, select: { userId: true } }),
  ]);
  return { subchannelPks: [...new Set(bindings.map((row) => row.subchannelId))], userIds: [...new Set(members.map((row) => row.userId))] };
}

/** Adds user groups to a community; ones it has already stay as they are. */
export async function addUserGroups(input: CommunityRef & { userGroups: { userGroupId: string }[] }): Promise<void> {
  const userGroupIds = checkUserGroupIds(input.userGroups.map((group) => group.userGroupId));
  const community = await getCommunity(input);
  const existing = await db.communityUserGroup.findMany({ where: { channelId: community.id, userGroupId: { in: userGroupIds } }, select: { userGroupId: true } });
  const fresh = userGroupIds.filter((id) => !existing.some((row) => row.userGroupId === id));
  await db.communityUserGroup.createMany({ data: fresh.map((userGroupId) => ({ channelId: community.id, userGroupId })) });
}

/** Deletes user groups with their members and bindings; unknown ids are ignored. */
export async function removeUserGroups(input: CommunityRef & { userGroupIds: string[] }): Promise<void> {
  const userGroupIds = checkUserGroupIds(input.userGroupIds);
  const community = await getCommunity(input);
  const groups = await db.communityUserGroup.findMany({ where: { channelId: community.id, userGroupId: { in: userGroupIds } }, select: { id: true } });
  const affected = await findAffected(groups.map((group) => group.id));
  await db.communityUserGroup.deleteMany({ where: { id: { in: groups.map((group) => group.id) } } });
  await refreshSubchannelAccess({ appId: input.appId, ...affected });
}

export async function findUserGroups(input: CommunityRef & Page & { order?: number }) {
  const { skip, take } = checkPage(input);
  if (input.order !== undefined && input.order !== 0 && input.order !== 1) throw new ChatError("invalidParameter", "order must be 0 (oldest first) or 1 (newest first)");
  const direction = input.order === 1 ? "desc" : "asc";
  const community = await getCommunity(input);
  const rows = await db.communityUserGroup.findMany({ where: { channelId: community.id }, orderBy: [{ createdAt: direction }, { userGroupId: direction }], skip, take });
  return { userGroups: rows.map((row) => ({ userGroupId: row.userGroupId })) };
}

type Binding = CommunityRef & { subchannelId: string; userGroupIds: string[] };

/** Lets the members of user groups read (and send to) a private subchannel; a public one's binding changes nothing until it turns private. */
export async function bindUserGroups(input: Binding): Promise<void> {
  const { subchannel, groups } = await findBinding(input);
  const existing = await db.communityUserGroupBinding.findMany({ where: { subchannelId: subchannel.id, userGroupId: { in: groups.map((group) => group.id) } } });
  const fresh = groups.filter((group) => !existing.some((row) => row.userGroupId === group.id));
  await db.communityUserGroupBinding.createMany({ data: fresh.map((group) => ({ userGroupId: group.id, subchannelId: subchannel.id })) });
  const { userIds } = await findAffected(groups.map((group) => group.id));
  await refreshSubchannelAccess({ appId: input.appId, userIds, subchannelPks: [subchannel.id] });
}

export async function unbindUserGroups(input: Binding): Promise<void> {
  const { subchannel, groups } = await findBinding(input);
  await db.communityUserGroupBinding.deleteMany({ where: { subchannelId: subchannel.id, userGroupId: { in: groups.map((group) => group.id) } } });
  const { userIds } = await findAffected(groups.map((group) => group.id));
  await refreshSubchannelAccess({ appId: input.appId, userIds, subchannelPks: [subchannel.id] });
}

async function findBinding(input: Binding) {
  const userGroupIds = checkUserGroupIds(input.userGroupIds);
  const community = await getCommunity(input);
  const subchannel = await getSubchannelOrThrow(db, { appId: input.appId, channelId: input.channelId, subchannelId: checkSubchannelId(input.subchannelId) });
  return { subchannel, groups: await findUserGroupsOrThrow(community.id, userGroupIds) };
}

/** A page of the user groups bound to a subchannel. */
export async function findBoundUserGroups(input: CommunityRef & Page & { subchannelId: string }) {
  const { skip, take } = checkPage(input);
  const subchannel = await getSubchannelOrThrow(db, { appId: input.appId, channelId: checkCommunityId(input.channelId), subchannelId: checkSubchannelId(input.subchannelId) });
  const rows = await db.communityUserGroupBinding.findMany({
    where: { subchannelId: subchannel.id },
    orderBy: [{ createdAt: "asc" }, { userGroupId: "asc" }],
    skip,
    take,
    select: { userGroup: { select: { userGroupId: true } } },
  });
  return { userGroupIds: rows.map((row) => row.userGroup.userGroupId) };
}

/** A page of the subchannels a user group is bound to. */
export async function findUserGroupSubchannels(input: CommunityRef & Page & { userGroupId: string }) {
  const { skip, take } = checkPage(input);
  const community = await getCommunity(input);
  const [group] = await findUserGroupsOrThrow(community.id, [checkUserGroupId(input.userGroupId)]);
  const rows = await db.communityUserGroupBinding.findMany({
    where: { userGroupId: group!.id },
    orderBy: [{ createdAt: "asc" }, { subchannelId: "asc" }],
    skip,
    take,
    select: { subchannel: { select: { channelId: true } } },
  });
  return { subchannelIds: rows.map((row) => splitCommunityChannelId(row.subchannel.channelId).subchannelId!) };
}

type GroupUsers = CommunityRef & { userGroupId: string; userIds: string[] };

/** Adds community members to a user group; they read the private subchannels it is bound to. */
export async function addUserGroupUsers(input: GroupUsers): Promise<void> {
  const { community, group, userIds } = await findGroupUsers(input);
  const members = await db.channelMember.findMany({ where: { ...communityMemberWhere(input.appId, community.id), userId: { in: userIds } }, select: { userId: true } });
  const outsider = userIds.find((userId) => !members.some((member) => member.userId === userId));
  if (outsider) throw new ChatError("notMember", `${outsider} is not a member of community ${input.channelId}`);
  const existing = await db.communityUserGroupMember.findMany({ where: { userGroupId: group.id, userId: { in: userIds } }, select: { userId: true } });
  const fresh = userIds.filter((userId) => !existing.some((row) => row.userId === userId));
  await db.communityUserGroupMember.createMany({ data: fresh.map((userId) => ({ userGroupId: group.id, userId })) });
  await refreshSubchannelAccess({ appId: input.appId, userIds, subchannelPks: (await findAffected([group.id])).subchannelPks });
}

export async function removeUserGroupUsers(input: GroupUsers): Promise<void> {
  const { group, userIds } = await findGroupUsers(input);
  await db.communityUserGroupMember.deleteMany({ where: { userGroupId: group.id, userId: { in: userIds } } });
  await refreshSubchannelAccess({ appId: input.appId, userIds, subchannelPks: (await findAffected([group.id])).subchannelPks });
}

async function findGroupUsers(input: GroupUsers) {
  const userIds = checkUserIds(input.userIds, { max: maxCommunityUsersPerCall });
  const community = await getCommunity(input);
  const [group] = await findUserGroupsOrThrow(community.id, [checkUserGroupId(input.userGroupId)]);
  return { community, group: group!, userIds };
}

/** A page of the user groups of a community a user is in. */
export async function findUserUserGroups(input: CommunityRef & Page & { userId: string }) {
  const { skip, take } = checkPage(input);
  const community = await getCommunity(input);
  const rows = await db.communityUserGroupMember.findMany({
    where: { userId: checkUserId(input.userId), userGroup: { channelId: community.id } },
    orderBy: [{ createdAt: "asc" }, { userGroupId: "asc" }],
    skip,
    take,
    select: { userGroup: { select: { userGroupId: true } } },
  });
  return { userGroupIds: rows.map((row) => row.userGroup.userGroupId) };
}
