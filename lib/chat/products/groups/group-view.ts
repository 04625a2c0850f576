import type { Tx } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { missingChannelError } from "../../base/channels/removed-channels";
import { ChatError } from "../../base/errors";

type GroupRow = {
  channelId: string;
  name: string | null;
  ownerId: string | null;
  profile: string | null;
  extProfile: string | null;
  permissions: string | null;
  createdAt: Date;
  _count: { members: number };
};

/** Reads a group's row with its member count; pass to `toGroupProfile`. */
export const withMemberCount = { _count: { select: { members: true } } } as const;

export const parseObject = <T>(json: string | null) => JSON.parse(json ?? "{}") as Record<string, T>;

/** The contract's group profile item. A group whose owner left has owner "". */
export function toGroupProfile(group: GroupRow) {
  return {
    channelId: group.channelId,
    name: group.name ?? "",
    groupProfile: parseObject<unknown>(group.profile),
    groupExtProfile: parseObject<string>(group.extProfile),
    permissions: parseObject<unknown>(group.permissions),
    owner: group.ownerId ?? "",
    createdAt: group.createdAt.getTime(),
    memberCount: group._count.members,
  };
}

/** The contract's group member item. */
export function toGroupMember(member: { userId: string; role: number; nickname: string | null; extra: string | null; joinedAt: Date }) {
  return { userId: member.userId, role: member.role, nickname: member.nickname ?? "", extra: member.extra ?? "", joinedAt: member.joinedAt.getTime() };
}

export const groupWhere = (appId: string, channelId: string) => ({ appId, type: ChannelType.group, channelId });

export async function getGroupOrThrow(tx: Tx, input: { appId: string; channelId: string }) {
  const group = await tx.channel.findFirst({ where: groupWhere(input.appId, input.channelId) });
  if (!group) throw await missingChannelError({ appId: input.appId, type: ChannelType.group, channelId: input.channelId });
  return group;
}

/**
 * The group's row, locked until the transaction ends: membership changes of one group
 * take turns, and no message is sequenced between reading `lastSeq` and the change.
 */
export async function lockGroupOrThrow(tx: Tx, input: { appId: string; channelId: string }) {
  await tx.channel.updateMany({ where: groupWhere(input.appId, input.channelId), data: { updatedAt: new Date() } });
  return getGroupOrThrow(tx, input);
}

/** Refuses when any of the users is not a member of the group (by its row id). */
export async function checkGroupMembers(tx: Tx, input: { appId: string; groupPk: string; channelId: string; userIds: string[] }) {
  const rows = await tx.channelMember.findMany({ where: { appId: input.appId, channelId: input.groupPk, userId: { in: input.userIds } }, select: { userId: true } });
  const members = new Set(rows.map((row) => row.userId));
  const outsider = input.userIds.find((userId) => !members.has(userId));
  if (outsider !== undefined) throw new ChatError("notMember", `${outsider} is not a member of group ${input.channelId}`);
}
