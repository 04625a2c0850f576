import { db } from "../../db/client";
import { ChatError } from "../errors";
import { ChannelType, directChannelId } from "./channel-types";

export type ChannelRef = { id: string; type: number; channelId: string; lastSeq: number };

/**
 * The stored channel of a conversation as one of its users names it: a direct
 * conversation by the other user's id, a group by its id, a system conversation by its
 * recipient's id. Refuses users who are not members.
 */
export async function findMemberChannel(input: ChannelLookup) {
  const { channel, member } = await findChannel(input);
  if (!member) {
    if (input.channelType === ChannelType.group) throw new ChatError("notMember", `${input.userId} is not a member of group ${input.channelId}`);
    throw new ChatError("notFound", `${input.userId} has no conversation with ${input.channelId}`);
  }
  return { channel, member };
}

type ChannelLookup = { appId: string; userId: string; channelType: number; channelId: string };

/** The same channel, and the user's membership if any: the app server acts on channels its accounts are not members of (system channels). */
export async function findChannel(input: ChannelLookup) {
  const channel = await db.channel.findFirst({
    where: { appId: input.appId, type: input.channelType, channelId: storedChannelId(input) },
    select: { id: true, type: true, channelId: true, lastSeq: true, members: { where: { userId: input.userId } } },
  });
  if (!channel) {
    if (input.channelType === ChannelType.group) throw new ChatError("notFound", `Group ${input.channelId} does not exist`);
    throw new ChatError("notFound", `${input.userId} has no conversation with ${input.channelId}`);
  }
  const { members, ...ref } = channel;
  return { channel: ref as ChannelRef, member: members[0] ?? null };
}

function storedChannelId(input: { userId: string; channelType: number; channelId: string }): string {
  if (input.channelType === ChannelType.direct) return directChannelId(input.userId, input.channelId);
  if (input.channelType === ChannelType.group || input.channelType === ChannelType.system) return input.channelId;
  throw new ChatError("invalidParameter", "channelType must be 1 (direct), 3 (group) or 6 (system)");
}

/**
 * The first sequence a member may see: after what they cleared, and in apps that keep
 * group history to members, after what was sent before they joined.
 */
export function visibleFromSeq(member: { clearedSeq: number; joinedSeq: number }, channelType: number, groupHistoryForMembersOnly: boolean): number {
  const joined = channelType === ChannelType.group && groupHistoryForMembersOnly ? member.joinedSeq : 0;
  return Math.max(member.clearedSeq, joined) + 1;
}

/** The Channel row ids of the groups a user belongs to: what a gateway node listens to for them. */
export async function findGroupChannelKeys(input: { appId: string; userId: string }): Promise<string[]> {
  const rows = await db.channelMember.findMany({
    where: { appId: input.appId, userId: input.userId, channel: { type: ChannelType.group } },
    select: { channelId: true },
  });
  return rows.map((row) => row.channelId);
}
