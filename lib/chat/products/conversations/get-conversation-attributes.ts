import { findChannel } from "../../base/channels/find-channel";
import { checkNotTemporary } from "../temporary-channels";
import { findConversationTags } from "./conversation-tags";
import { getNotificationLevel } from "./notification-levels";

/**
 * What a user set on one of their conversations: whether it is pinned (no pin time is
 * recorded), its do-not-disturb level in force, and its tags.
 */
export async function getConversationAttributes(input: { appId: string; userId: string; channelType: number; channelId: string }) {
  checkNotTemporary(input.channelType, "attributes");
  const { member } = await findChannel(input);
  const [{ noDisturbLevel }, tags] = await Promise.all([getNotificationLevel(input), findConversationTags(input)]);
  return { channelId: input.channelId, channelType: input.channelType, pin: { isPinned: member?.pinned ?? false, ...(member?.pinnedAt && { pinnedAt: member.pinnedAt.getTime() }) }, notification: { level: noDisturbLevel }, tags };
}
