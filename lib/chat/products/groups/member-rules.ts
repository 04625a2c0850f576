import type { Tx } from "../../../db/client";
import { allowedSenderKind, favoriteKindPrefix } from "./group-rules";

/**
 * Deletes what the flags name of users' rules in a group (by its row id) when they leave
 * it or give up ownership: their allowed-sender entries and the members they follow.
 */
export async function deleteMemberRules(tx: Tx, input: { groupPk: string; userIds: string[]; allowedSenders: boolean; favorites: boolean }) {
  const kinds = [...(input.allowedSenders ? [{ kind: allowedSenderKind }] : []), ...(input.favorites ? [{ kind: { startsWith: favoriteKindPrefix } }] : [])];
  if (kinds.length === 0) return;
  await tx.channelUserRule.deleteMany({ where: { channelId: input.groupPk, userId: { in: input.userIds }, OR: kinds } });
}
