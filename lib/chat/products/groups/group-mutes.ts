import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { activeMute, setChannelTypeMute } from "../moderation";
import { checkUserIds } from "../../base/users/user-id";
import { checkGroupId, maxGroupUsersPerCall } from "./group-rules";
import { checkGroupMembers, getGroupOrThrow } from "./group-view";

/** Longest mute: 30 days. */
export const maxMuteMinutes = 43_200;
/** Most users the app-wide list answers, the earliest muted first. */
export const maxListedGroupMutes = 1000;

type MuteInput = { appId: string; channelId?: string; userIds: string[] };

/**
 * Mutes users for `durationMinutes`: in one group (they must be members), or without a
 * `channelId` in every group of the app (the channel-type mute of "GROUP"). Muting again
 * replaces the end.
 */
export async function muteGroupMembers(input: MuteInput & { durationMinutes: number }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxGroupUsersPerCall });
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 1 || input.durationMinutes > maxMuteMinutes) {
    throw new ChatError("invalidParameter", `durationMinutes must be 1 to ${maxMuteMinutes}`);
  }
  const expiresAt = new Date(Date.now() + input.durationMinutes * 60_000);
  if (input.channelId === undefined) return setChannelTypeMute({ appId: input.appId, userIds, muteState: 1, channelTypes: ["GROUP"], expiresAt });
  const group = await findGroup(input.appId, input.channelId);
  await checkGroupMembers(db, { appId: input.appId, groupPk: group.id, channelId: group.channelId, userIds });
  await db.channelMember.updateMany({ where: { appId: input.appId, channelId: group.id, userId: { in: userIds } }, data: { mutedUntil: expiresAt } });
}

/** Ends users' mutes in one group, or in every group; users not muted are ignored. */
export async function unmuteGroupMembers(input: MuteInput): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxGroupUsersPerCall });
  if (input.channelId === undefined) return setChannelTypeMute({ appId: input.appId, userIds, muteState: 0, channelTypes: ["GROUP"] });
  const group = await findGroup(input.appId, input.channelId);
  await db.channelMember.updateMany({ where: { appId: input.appId, channelId: group.id, userId: { in: userIds } }, data: { mutedUntil: null } });
}

/**
 * The users muted in one group, or in every group, with when their mute ends (UTC,
 * `YYYY-MM-DD HH:MM:SS`; "" for an app-wide mute without end). Only app-wide mutes know
 * when they began (`mutedAt`).
 */
export async function findGroupMutes(input: { appId: string; channelId?: string }) {
  if (input.channelId === undefined) {
    const rows = await db.channelTypeMute.findMany({
      where: { appId: input.appId, channelType: "GROUP", ...activeMute() },
      orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
      take: maxListedGroupMutes,
    });
    return { mutedMembers: rows.map((row) => ({ userId: row.userId, mutedAt: formatTime(row.createdAt), muteExpiresAt: row.expiresAt ? formatTime(row.expiresAt) : "" })) };
  }
  const group = await findGroup(input.appId, input.channelId);
  const members = await db.channelMember.findMany({
    where: { appId: input.appId, channelId: group.id, mutedUntil: { gt: new Date() } },
    orderBy: [{ mutedUntil: "asc" }, { userId: "asc" }],
    select: { userId: true, mutedUntil: true },
  });
  return { mutedMembers: members.map((member) => ({ userId: member.userId, muteExpiresAt: formatTime(member.mutedUntil!) })) };
}

const findGroup = (appId: string, channelId: string) => getGroupOrThrow(db, { appId, channelId: checkGroupId(channelId) });

/** The contract's time format. */
const formatTime = (time: Date) => time.toISOString().slice(0, 19).replace("T", " ");
