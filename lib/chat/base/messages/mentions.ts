import { db } from "../../../db/client";
import { ChatError } from "../errors";
import { checkUserIds } from "../users/user-id";

/** Who a message mentions: everyone of the group, or some members. */
export type Mentions = { all: true } | { all: false; userIds: string[] };

const maxMentionedUsers = 100;

/**
 * The mentions a message's content declares, as clients put them:
 * `mentionedInfo: {type: 1}` mentions everyone, `{type: 2, userIdList: [...]}` some users.
 */
export function readMentions(content: Record<string, unknown>): Mentions | null {
  const info = content.mentionedInfo;
  if (info === undefined) return null;
  const { type, userIdList } = (info ?? {}) as { type?: unknown; userIdList?: unknown };
  if (type === 1) return { all: true };
  if (type === 2 && Array.isArray(userIdList) && userIdList.every((id) => typeof id === "string")) {
    return { all: false, userIds: checkUserIds(userIdList as string[], { max: maxMentionedUsers, field: "mentionedInfo.userIdList" }) };
  }
  throw new ChatError("invalidParameter", `mentionedInfo must be {type: 1} (everyone) or {type: 2, userIdList: [1 to ${maxMentionedUsers} user ids]}`);
}

/** Marks the mentioned members of a group as mentioned up to this message; their conversation lists show it until they read it. */
export async function recordMentions(input: { channelPk: string; senderId: string; seq: number; mentions: Mentions }) {
  await db.channelMember.updateMany({
    where: {
      channelId: input.channelPk,
      userId: input.mentions.all ? { not: input.senderId } : { in: input.mentions.userIds.filter((id) => id !== input.senderId) },
      mentionedSeq: { lt: input.seq },
    },
    data: { mentionedSeq: input.seq },
  });
}
