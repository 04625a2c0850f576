import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkUserIds } from "../../base/users/user-id";
import { GroupRole, checkGroupId, maxGroupAdmins, maxGroupUsersPerCall } from "./group-rules";
import { checkGroupMembers, lockGroupOrThrow } from "./group-view";

/**
 * Makes members admins (`admin` true) or admins members again. New admins must be members;
 * a group has at most `maxGroupAdmins`. The owner keeps its role, and removing users who
 * are no admins changes nothing.
 */
export async function setGroupAdmins(input: { appId: string; channelId: string; userIds: string[]; admin: boolean }): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const userIds = checkUserIds(input.userIds, { max: maxGroupUsersPerCall });
  await db.$transaction(async (tx) => {
    const group = await lockGroupOrThrow(tx, { appId: input.appId, channelId });
    const members = { appId: input.appId, channelId: group.id };
    if (!input.admin) {
      await tx.channelMember.updateMany({ where: { ...members, userId: { in: userIds }, role: GroupRole.admin }, data: { role: GroupRole.member } });
      return;
    }
    await checkGroupMembers(tx, { appId: input.appId, groupPk: group.id, channelId, userIds });
    const admins = await tx.channelMember.findMany({ where: { ...members, role: GroupRole.admin }, select: { userId: true } });
    const promoted = await tx.channelMember.count({ where: { ...members, userId: { in: userIds }, role: GroupRole.member } });
    if (admins.length + promoted > maxGroupAdmins) {
      throw new ChatError("unprocessable", `A group has at most ${maxGroupAdmins} admins; it has ${admins.length}`);
    }
    await tx.channelMember.updateMany({ where: { ...members, userId: { in: userIds }, role: GroupRole.member }, data: { role: GroupRole.admin } });
  });
}
