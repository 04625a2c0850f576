import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { checkTimePage, toTimePage } from "../../base/page-token";
import { getUserOrThrow } from "../../base/users/find-users";
import { checkUserId } from "../../base/users/user-id";
import { checkRoleFilter } from "./group-rules";
import { toGroupProfile, withMemberCount } from "./group-view";

/**
 * A page of the groups a user is a member of, with one role (`role` 1 to 3) or any (0),
 * in the order they joined (`order` 0) or newest first (1).
 */
export async function findJoinedGroups(input: { appId: string; userId: string; role?: number; pageToken?: string; pageSize?: number; order?: number }) {
  const userId = checkUserId(input.userId);
  const role = checkRoleFilter(input.role, "role");
  const { pageSize, direction, beyond, after } = checkTimePage(input, { defaultPageSize: 50, maxPageSize: 100 });
  await getUserOrThrow({ appId: input.appId, userId });
  const rows = await db.channelMember.findMany({
    where: {
      appId: input.appId,
      userId,
      channel: { type: ChannelType.group },
      ...(role && { role }),
      // The tie-breaker is the group's row id: unique per membership of one user.
      ...(after && { OR: [{ joinedAt: { [beyond]: new Date(after[0]) } }, { joinedAt: new Date(after[0]), channelId: { [beyond]: after[1] } }] }),
    },
    orderBy: [{ joinedAt: direction }, { channelId: direction }],
    take: pageSize + 1,
    include: { channel: { include: withMemberCount } },
  });
  const { page, pageToken } = toTimePage(rows, pageSize, (row) => [row.joinedAt.getTime(), row.channelId]);
  return {
    pageToken,
    groups: page.map((row) => ({ ...toGroupProfile(row.channel), role: row.role, joinedAt: row.joinedAt.getTime(), ...(row.alias !== null && { alias: row.alias }) })),
  };
}
