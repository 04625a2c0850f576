import { db } from "../../../db/client";
import { ChatError } from "../../base/errors";
import { checkPage } from "../../base/pagination";
import { checkUserIds } from "../../base/users/user-id";
import { checkCommunityId, checkSubchannelId, maxCommunityUsersPerCall } from "./community-rules";
import { getCommunityChannelOrThrow } from "./community-view";

/**
 * Per-user rules of a community (on its row: every subchannel) or of one subchannel:
 * muted users cannot send; while frozen, only allowed senders can.
 */
export const CommunityRuleKind = { mute: "mute", allowedSender: "allowedSender" } as const;
type Kind = (typeof CommunityRuleKind)[keyof typeof CommunityRuleKind];
type Target = { appId: string; channelId: string; subchannelId?: string };

function getTargetOrThrow(input: Target) {
  return getCommunityChannelOrThrow(db, {
    appId: input.appId,
    channelId: checkCommunityId(input.channelId),
    ...(input.subchannelId !== undefined && { subchannelId: checkSubchannelId(input.subchannelId) }),
  });
}

export async function addCommunityRule(input: Target & { kind: Kind; userIds: string[] }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxCommunityUsersPerCall });
  const { channel } = await getTargetOrThrow(input);
  const existing = await db.channelUserRule.findMany({ where: { channelId: channel.id, kind: input.kind, userId: { in: userIds } }, select: { userId: true } });
  const fresh = userIds.filter((userId) => !existing.some((row) => row.userId === userId));
  await db.channelUserRule.createMany({ data: fresh.map((userId) => ({ channelId: channel.id, kind: input.kind, userId })) });
}

export async function removeCommunityRule(input: Target & { kind: Kind; userIds: string[] }): Promise<void> {
  const userIds = checkUserIds(input.userIds, { max: maxCommunityUsersPerCall });
  const { channel } = await getTargetOrThrow(input);
  await db.channelUserRule.deleteMany({ where: { channelId: channel.id, kind: input.kind, userId: { in: userIds } } });
}

/** A page of the users a rule names, in the order they were added. */
export async function findCommunityRuleUsers(input: Target & { kind: Kind; page?: number; pageSize?: number }) {
  const { skip, take } = checkPage(input);
  const { channel } = await getTargetOrThrow(input);
  const rows = await db.channelUserRule.findMany({ where: { channelId: channel.id, kind: input.kind }, orderBy: [{ createdAt: "asc" }, { userId: "asc" }], skip, take });
  return rows.map((row) => ({ userId: row.userId }));
}

export async function setCommunityFrozen(input: Target & { status: boolean }): Promise<void> {
  const { channel } = await getTargetOrThrow(input);
  await db.channel.update({ where: { id: channel.id, appId: input.appId }, data: { frozen: input.status } });
}

export async function getCommunityFrozen(input: Target): Promise<{ status: boolean }> {
  const { channel } = await getTargetOrThrow(input);
  return { status: channel.frozen };
}

/**
 * Refuses a client's message from a user muted in the community or the subchannel, and
 * while either is frozen from anyone not allowed to send in one of them.
 */
export async function checkCommunitySender(input: { senderId: string; community: { id: string; channelId: string; frozen: boolean }; channel: { id: string; frozen: boolean } }) {
  const now = new Date();
  const rules = await db.channelUserRule.findMany({
    where: { channelId: { in: [input.community.id, input.channel.id] }, userId: input.senderId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { kind: true },
  });
  const kinds = new Set(rules.map((rule) => rule.kind));
  if (kinds.has(CommunityRuleKind.mute)) throw new ChatError("userMuted", `You are muted in community ${input.community.channelId}`);
  if ((input.community.frozen || input.channel.frozen) && !kinds.has(CommunityRuleKind.allowedSender)) {
    throw new ChatError("channelFrozen", `Community ${input.community.channelId} is frozen: only its allowed senders may send`);
  }
}
