import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkUserId } from "../../base/users/user-id";
import { checkGroupId } from "./group-rules";
import { checkGroupMembers, getGroupOrThrow } from "./group-view";

/** Longest member nickname, and member extra profile. */
export const maxNicknameLength = 64;
export const maxMemberExtraLength = 1024;

/** Sets a member's nickname and extra profile in the group; a field left out stays, "" clears it. */
export async function setGroupMember(input: { appId: string; channelId: string; userId: string; nickname?: string; extra?: string }): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const userId = checkUserId(input.userId);
  if (input.nickname !== undefined && input.nickname.length > maxNicknameLength) throw new ChatError("invalidParameter", `nickname must be at most ${maxNicknameLength} characters`);
  if (input.extra !== undefined && input.extra.length > maxMemberExtraLength) throw new ChatError("invalidParameter", `extra must be at most ${maxMemberExtraLength} characters`);
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId });
  await checkGroupMembers(db, { appId: input.appId, groupPk: group.id, channelId, userIds: [userId] });
  await db.channelMember.update({
    where: { channelId_userId: { channelId: group.id, userId } },
    data: { ...(input.nickname !== undefined && { nickname: input.nickname || null }), ...(input.extra !== undefined && { extra: input.extra || null }) },
  });
}
