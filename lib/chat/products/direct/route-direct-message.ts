import { topics } from "../../../bus";
import { ChannelType, directChannelId } from "../../base/channels/channel-types";
import { ChatError } from "../../base/errors";
import type { RouteMessage } from "../../base/messages/message-target";
import { checkUserExists } from "../../base/users/user-cache";
import { checkUserId } from "../../base/users/user-id";
import { blocklistCache } from "../blocklists";
import { friendCache } from "../friends";
import { isMutedIn } from "../moderation";

/**
 * A direct message goes to an existing user who has not put the sender on their
 * blocklist. A client's send also passes the sender's direct-message mute and, in apps
 * that keep direct messages to friends, the friendship; the app server's send checks the
 * blocklist only when it asks to.
 */
export const routeDirectMessage: RouteMessage<typeof ChannelType.direct> = async (input, settings) => {
  const recipientId = checkUserId(input.target.recipientId, "channelId");
  await checkUserExists(input.appId, recipientId);
  if (!input.byServer && (await isMutedIn({ appId: input.appId, userId: input.senderId, channelType: "PERSON" }))) {
    throw new ChatError("userMuted", "You are muted in direct messages");
  }
  if ((!input.byServer || input.byServer.verifyBlocklist) && (await blocklistCache.isBlocked({ appId: input.appId, userId: recipientId, senderId: input.senderId }))) {
    throw new ChatError("blockedByRecipient", `${recipientId} does not accept your messages (blocklist)`);
  }
  if (
    !input.byServer &&
    recipientId !== input.senderId &&
    settings.directMessagesFriendsOnly &&
    !(await friendCache.areFriends({ appId: input.appId, userId: input.senderId, otherId: recipientId }))
  ) {
    throw new ChatError("notFriends", `Direct messages go only between friends in this app, and ${recipientId} is not yours`);
  }
  return {
    address: { appId: input.appId, type: ChannelType.direct, channelId: directChannelId(input.senderId, recipientId), memberIds: [...new Set([input.senderId, recipientId])] },
    recipientTopics: [topics.user(input.appId, recipientId)],
  };
};
