import { topics } from "../../../bus";
import { db } from "../../../db/client";
import { ChannelType } from "../../base/channels/channel-types";
import { missingChannelError } from "../../base/channels/removed-channels";
import { ChatError } from "../../base/errors";
import type { RouteMessage, SendMessageTo } from "../../base/messages/message-target";
import { checkUserIds } from "../../base/users/user-id";
import { isMutedIn } from "../moderation";
import { isAllowedSender } from "./allowed-senders";

/**
 * A group message goes to the group's topic, which the nodes of its online members listen
 * to; a directed one (`toUserIds`) only to those of its members on their own topics.
 */
export const routeGroupMessage: RouteMessage<typeof ChannelType.group> = async (input) => {
  const { groupId, toUserIds } = input.target;
  const channel = await db.channel.findFirst({ where: { appId: input.appId, type: ChannelType.group, channelId: groupId }, select: { id: true, frozen: true } });
  if (!channel) throw await missingChannelError({ appId: input.appId, type: ChannelType.group, channelId: groupId });
  if (!input.byServer) await checkGroupSender(input, { ...channel, channelId: groupId });
  const address = { appId: input.appId, pk: channel.id };
  if (!toUserIds) return { address, recipientTopics: [], channelTopic: topics.channel(channel.id) };
  const recipients = checkUserIds(toUserIds, { max: 1000, field: "toUserIds" });
  const members = await db.channelMember.findMany({ where: { channelId: channel.id, userId: { in: recipients } }, select: { userId: true } });
  return { address, recipientTopics: members.map((row) => topics.user(input.appId, row.userId)) };
};

/**
 * A client sends to a group as a member, and not while the group is frozen or they are
 * muted (in it, or in every group) unless the group lists them as an allowed sender:
 * owner and admins included. The app server's sends are not bound by freezes and mutes,
 * so its notices reach a frozen group; its group send endpoint checks membership itself,
 * and group notices may come from a user who just left.
 */
async function checkGroupSender(input: SendMessageTo<typeof ChannelType.group>, group: { id: string; channelId: string; frozen: boolean }) {
  const member = await db.channelMember.findFirst({ where: { channelId: group.id, userId: input.senderId }, select: { mutedUntil: true } });
  if (!member) throw new ChatError("notMember", `${input.senderId} is not a member of group ${group.channelId}`);
  const muted = (member.mutedUntil && member.mutedUntil > new Date()) || (await isMutedIn({ appId: input.appId, userId: input.senderId, channelType: "GROUP" }));
  if ((!group.frozen && !muted) || (await isAllowedSender({ groupPk: group.id, userId: input.senderId }))) return;
  if (group.frozen) throw new ChatError("channelFrozen", `Group ${group.channelId} is frozen`);
  throw new ChatError("userMuted", `You are muted in group ${group.channelId}`);
}
