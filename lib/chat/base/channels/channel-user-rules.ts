import { db } from "../../../db/client";
import { ChatError } from "../errors";

/** Lists a channel keeps per user (see the ChannelUserRule model). */
export type UserRuleKind = "mute" | "ban" | "allowedSender" | "prioritySender";

/** Longest timed rule: about a month, as the contract's mute and ban durations allow. */
export const maxRuleMinutes = 43_200;

export function checkDurationMinutes(durationMinutes: number): number {
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > maxRuleMinutes) {
    throw new ChatError("invalidParameter", `durationMinutes must be 1 to ${maxRuleMinutes}`);
  }
  return durationMinutes;
}

/** Puts users on a list of a channel, for `durationMinutes` or until removed; again replaces the duration. */
export async function addUserRules(input: { channelPk: string; userIds: string[]; kind: UserRuleKind; durationMinutes?: number; extra?: string }) {
  const expiresAt = input.durationMinutes === undefined ? null : new Date(Date.now() + checkDurationMinutes(input.durationMinutes) * 60_000);
  await db.$transaction(
    input.userIds.map((userId) =>
      db.channelUserRule.upsert({
        where: { channelId_kind_userId: { channelId: input.channelPk, kind: input.kind, userId } },
        create: { channelId: input.channelPk, kind: input.kind, userId, expiresAt, extra: input.extra ?? null },
        update: { expiresAt, extra: input.extra ?? null, createdAt: new Date() },
      }),
    ),
  );
}

export async function removeUserRules(input: { channelPk: string; userIds: string[]; kind: UserRuleKind }) {
  await db.channelUserRule.deleteMany({ where: { channelId: input.channelPk, kind: input.kind, userId: { in: input.userIds } } });
}

const unexpired = () => ({ OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] });

/** A channel's list of one kind, without the rules that ended, oldest first. */
export async function findUserRules(input: { channelPk: string; kind: UserRuleKind }) {
  return db.channelUserRule.findMany({ where: { channelId: input.channelPk, kind: input.kind, ...unexpired() }, orderBy: [{ createdAt: "asc" }, { userId: "asc" }] });
}

/** The lists of a channel that hold a user now. */
export async function userRuleKinds(channelPk: string, userId: string): Promise<Set<UserRuleKind>> {
  const rows = await db.channelUserRule.findMany({ where: { channelId: channelPk, userId, ...unexpired() }, select: { kind: true } });
  return new Set(rows.map((row) => row.kind as UserRuleKind));
}
