import { db, type Prisma, sqlConnectionOf } from "../../../db/client";
import { readDate } from "../../../db/sql-connection";
import { ChatError } from "../errors";
import { ChannelType, communityChannelId, directChannelId, serviceThreadId } from "./channel-types";
import { missingChannelError } from "./removed-channels";

export type ChannelRef = { id: string; type: number; channelId: string; lastSeq: number; parentId: string | null; isPrivate: boolean };

/**
 * The stored channel of a conversation as one of its users names it: a direct
 * conversation by the other user's id, a group by its id, a system conversation by its
 * recipient's id. Refuses users who are not members.
 */
export async function findMemberChannel(input: ChannelLookup) {
  const { channel, member } = await findChannel(input);
  if (!member) {
    if (input.channelType === ChannelType.group) throw new ChatError("notMember", `${input.userId} is not a member of group ${input.channelId}`);
    if (input.channelType === ChannelType.temporary) throw new ChatError("notMember", `${input.userId} is not a member of temporary conversation ${input.channelId}`);
    if (input.channelType === ChannelType.service && !input.private) throw new ChatError("notMember", `${input.userId} is not subscribed to service channel ${input.channelId}`);
    throw new ChatError("notFound", `${input.userId} has no conversation with ${input.channelId}`);
  }
  return { channel, member };
}

/**
 * `subchannelId`: communities only; without it, the community's default channel.
 * `private`: service channels only, the user's thread with it rather than its broadcasts.
 */
export type ChannelLookup = { appId: string; userId: string; channelType: number; channelId: string; subchannelId?: string; private?: boolean };

/** The same channel, and the user's membership if any: the app server acts on channels its accounts are not members of (system channels). */
export async function findChannel(input: ChannelLookup): Promise<{ channel: ChannelRef; member: ChannelMember | null }> {
  // Plain SQL through the driver: on the hot paths (sends, history) Prisma's engine costs more than the read.
  const [row] = await sqlConnectionOf(db).query<ChannelRow>(
    `SELECT c."id", c."type", c."channelId", c."lastSeq", c."parentId", c."isPrivate",
      m."userId" AS "memberUserId", m."readSeq", m."joinedSeq", m."role", m."mutedUntil", m."mentionedSeq", m."nickname",
      m."extra", m."alias", m."pinned", m."pinnedAt", m."hiddenSeq", m."clearedSeq", m."joinedAt"
    FROM "Channel" c LEFT JOIN "ChannelMember" m ON m."channelId" = c."id" AND m."userId" = ?
    WHERE c."appId" = ? AND c."type" = ? AND c."channelId" = ? AND (c."expiresAt" IS NULL OR c."expiresAt" > ?)`,
    [input.userId, input.appId, input.channelType, storedChannelId(input), new Date()],
  );
  if (!row) {
    if (input.channelType === ChannelType.group) throw await missingChannelError({ appId: input.appId, type: ChannelType.group, channelId: input.channelId });
    if (input.channelType === ChannelType.community) throw new ChatError("notFound", `Community channel ${storedChannelId(input)} does not exist`);
    if (input.channelType === ChannelType.temporary) throw new ChatError("notFound", `Temporary conversation ${input.channelId} does not exist: it ended, expired or never was`);
    if (input.channelType === ChannelType.service && !input.private) throw await missingChannelError({ appId: input.appId, type: ChannelType.service, channelId: input.channelId });
    throw new ChatError("notFound", `${input.userId} has no conversation with ${input.channelId}`);
  }
  const { id, type, channelId, lastSeq, parentId, isPrivate, memberUserId, mutedUntil, pinned, pinnedAt, joinedAt, ...member } = row;
  const channel = { id, type, channelId, lastSeq, parentId, isPrivate: Boolean(isPrivate) };
  if (memberUserId === null) return { channel, member: null };
  const typed = { mutedUntil: mutedUntil === null ? null : readDate(mutedUntil), pinned: Boolean(pinned), pinnedAt: pinnedAt === null ? null : readDate(pinnedAt), joinedAt: readDate(joinedAt!) };
  return { channel, member: { ...(member as MemberColumns), ...typed, channelId: id, appId: input.appId, userId: memberUserId } };
}

type ChannelMember = Prisma.ChannelMemberGetPayload<object>;
type MemberColumns = Omit<ChannelMember, "channelId" | "appId" | "userId" | "mutedUntil" | "pinned" | "pinnedAt" | "joinedAt">;
/** A channel and, when the user is a member (`memberUserId` not null), their membership; dates and flags as the driver reads them. */
type ChannelRow = Omit<ChannelRef, "isPrivate"> & { isPrivate: boolean | number; memberUserId: string | null; mutedUntil: string | Date | null; pinned: boolean | number | null; pinnedAt: string | Date | null; joinedAt: string | Date | null } & {
  [column in keyof MemberColumns]: MemberColumns[column] | null;
};

function storedChannelId(input: Omit<ChannelLookup, "appId">): string {
  if (input.channelType === ChannelType.direct) return directChannelId(input.userId, input.channelId);
  if (input.channelType === ChannelType.group || input.channelType === ChannelType.system || input.channelType === ChannelType.temporary) return input.channelId;
  if (input.channelType === ChannelType.community) return communityChannelId(input.channelId, input.subchannelId);
  if (input.channelType === ChannelType.service) return input.private ? serviceThreadId(input.channelId, input.userId) : input.channelId;
  throw new ChatError("invalidParameter", "channelType must be 1 (direct), 3 (group), 5 (temporary), 6 (system), 7 (service) or 10 (community)");
}

/**
 * The first sequence a member may see: after what they cleared, and in apps that keep
 * group history to members, after what was sent before they joined. A service channel's
 * subscribers see its broadcasts from their subscription on (a thread's member joined at 0).
 */
export function visibleFromSeq(member: { clearedSeq: number; joinedSeq: number }, channelType: number, groupHistoryForMembersOnly: boolean): number {
  const joined = (channelType === ChannelType.group && groupHistoryForMembersOnly) || channelType === ChannelType.service ? member.joinedSeq : 0;
  return Math.max(member.clearedSeq, joined) + 1;
}
