import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkUserId } from "../../base/users/user-id";
import { checkGroupId } from "./group-rules";
import { checkGroupMembers, getGroupOrThrow } from "./group-view";

/** Longest alias a member gives a group. */
export const maxAliasLength = 64;

type AliasInput = { appId: string; channelId: string; userId: string };

/** The membership the alias belongs to; refuses users who are not members. */
async function findMembership(input: AliasInput) {
  const channelId = checkGroupId(input.channelId);
  const userId = checkUserId(input.userId);
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId });
  await checkGroupMembers(db, { appId: input.appId, groupPk: group.id, channelId, userIds: [userId] });
  return { channelId_userId: { channelId: group.id, userId } };
}

/** The name a member gives the group for themself; null deletes it. */
async function writeAlias(input: AliasInput, alias: string | null) {
  await db.channelMember.update({ where: await findMembership(input), data: { alias } });
}

export async function setGroupAlias(input: AliasInput & { alias: string }): Promise<void> {
  if (input.alias.length < 1 || input.alias.length > maxAliasLength) throw new ChatError("invalidParameter", `alias must be 1 to ${maxAliasLength} characters`);
  await writeAlias(input, input.alias);
}

export const deleteGroupAlias = (input: AliasInput) => writeAlias(input, null);

/** The member's alias of the group, "" when none. */
export async function getGroupAlias(input: AliasInput): Promise<{ alias: string }> {
  const member = await db.channelMember.findUniqueOrThrow({ where: await findMembership(input), select: { alias: true } });
  return { alias: member.alias ?? "" };
}
