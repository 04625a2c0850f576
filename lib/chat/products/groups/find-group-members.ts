import { db } from "../../../db/client";
import { checkTimePage, toTimePage } from "../../base/page-token";
import { checkUserIds } from "../../base/users/user-id";
import { checkGroupId, checkRoleFilter } from "./group-rules";
import { getGroupOrThrow, toGroupMember } from "./group-view";

/** Most users of one member batch get. */
export const maxGroupMembersPerGet = 100;

/**
 * A page of a group's members with one role (`memberRole` 1 to 3) or all (0), in the order
 * they joined (`order` 0) or newest first (1); `totalCount` counts every match.
 */
export async function findGroupMembers(input: { appId: string; channelId: string; memberRole?: number; pageToken?: string; pageSize?: number; order?: number }) {
  const channelId = checkGroupId(input.channelId);
  const role = checkRoleFilter(input.memberRole, "memberRole");
  const { pageSize, direction, beyond, after } = checkTimePage(input, { defaultPageSize: 50, maxPageSize: 100 });
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId });
  const where = { appId: input.appId, channelId: group.id, ...(role && { role }) };
  const [rows, totalCount] = await Promise.all([
    db.channelMember.findMany({
      where: {
        ...where,
        ...(after && { OR: [{ joinedAt: { [beyond]: new Date(after[0]) } }, { joinedAt: new Date(after[0]), userId: { [beyond]: after[1] } }] }),
      },
      orderBy: [{ joinedAt: direction }, { userId: direction }],
      take: pageSize + 1,
    }),
    db.channelMember.count({ where }),
  ]);
  const { page, pageToken } = toTimePage(rows, pageSize, (row) => [row.joinedAt.getTime(), row.userId]);
  return { totalCount, pageToken, members: page.map(toGroupMember) };
}

/** The given users' memberships of a group, in the order asked; users who are not members are left out. */
export async function findGroupMembersByIds(input: { appId: string; channelId: string; userIds: string[] }) {
  const channelId = checkGroupId(input.channelId);
  const userIds = checkUserIds(input.userIds, { max: maxGroupMembersPerGet });
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId });
  const rows = await db.channelMember.findMany({ where: { appId: input.appId, channelId: group.id, userId: { in: userIds } } });
  const byId = new Map(rows.map((row) => [row.userId, row]));
  const members = userIds.flatMap((userId) => (byId.has(userId) ? [toGroupMember(byId.get(userId)!)] : []));
  return { pageToken: "", totalCount: members.length, members };
}

/** Every member's id, in the order they joined (a group holds at most `maxGroupMembers`). */
export async function findGroupMemberIds(input: { appId: string; channelId: string }): Promise<string[]> {
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId: checkGroupId(input.channelId) });
  const rows = await db.channelMember.findMany({ where: { appId: input.appId, channelId: group.id }, orderBy: [{ joinedAt: "asc" }, { userId: "asc" }], select: { userId: true } });
  return rows.map((row) => row.userId);
}
