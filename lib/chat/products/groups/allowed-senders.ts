import { db } from "../../../db/client";
import { checkUserIds } from "../../base/users/user-id";
import { allowedSenderKind, checkGroupId, maxGroupUsersPerCall } from "./group-rules";
import { checkGroupMembers, getGroupOrThrow } from "./group-view";

type AllowedSendersInput = { appId: string; channelId: string; userIds: string[] };

/** Lets members send while the group is frozen or they are muted. Every user must be a member. */
export async function addAllowedSenders(input: AllowedSendersInput): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const userIds = checkUserIds(input.userIds, { max: maxGroupUsersPerCall });
  await db.$transaction(async (tx) => {
    const group = await getGroupOrThrow(tx, { appId: input.appId, channelId });
    await checkGroupMembers(tx, { appId: input.appId, groupPk: group.id, channelId, userIds });
    const known = await tx.channelUserRule.findMany({ where: { channelId: group.id, kind: allowedSenderKind, userId: { in: userIds } }, select: { userId: true } });
    const listed = new Set(known.map((rule) => rule.userId));
    await tx.channelUserRule.createMany({ data: userIds.filter((userId) => !listed.has(userId)).map((userId) => ({ channelId: group.id, kind: allowedSenderKind, userId })) });
  });
}

/** Takes users off the group's allowed senders; users not on it are ignored. */
export async function removeAllowedSenders(input: AllowedSendersInput): Promise<void> {
  const channelId = checkGroupId(input.channelId);
  const userIds = checkUserIds(input.userIds, { max: maxGroupUsersPerCall });
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId });
  await db.channelUserRule.deleteMany({ where: { channelId: group.id, kind: allowedSenderKind, userId: { in: userIds } } });
}

/** The group's allowed senders, the earliest added first. */
export async function findAllowedSenders(input: { appId: string; channelId: string }) {
  const group = await getGroupOrThrow(db, { appId: input.appId, channelId: checkGroupId(input.channelId) });
  const rules = await db.channelUserRule.findMany({ where: { channelId: group.id, kind: allowedSenderKind }, orderBy: [{ createdAt: "asc" }, { userId: "asc" }], select: { userId: true } });
  return { userIds: rules.map((rule) => rule.userId) };
}

/** Whether the user may send to the group (by its row id) while it is frozen or they are muted. */
export async function isAllowedSender(input: { groupPk: string; userId: string }): Promise<boolean> {
  return (await db.channelUserRule.count({ where: { channelId: input.groupPk, kind: allowedSenderKind, userId: input.userId } })) > 0;
}
