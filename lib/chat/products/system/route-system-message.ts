import { topics } from "../../../bus";
import { broadcastChannelId, ChannelType } from "../../base/channels/channel-types";
import type { Route, RouteMessage } from "../../base/messages/message-target";
import { checkUserExists } from "../../base/users/user-cache";
import { checkUserId } from "../../base/users/user-id";

/** A system message goes to one user's system conversation, or (broadcast) to every user of the app. */
export const routeSystemMessage: RouteMessage<typeof ChannelType.system> = async (input) => {
  if ("broadcast" in input.target) return broadcastRoute(input.appId);
  const recipientId = checkUserId(input.target.recipientId, "toUserIds");
  await checkUserExists(input.appId, recipientId);
  return {
    // Each user has one system channel, whichever account sends to it.
    address: { appId: input.appId, type: ChannelType.system, channelId: recipientId, memberIds: [recipientId] },
    recipientTopics: [topics.user(input.appId, recipientId)],
  };
};

function broadcastRoute(appId: string): Route {
  return {
    // No members: every user's sync reads this channel, and every node delivers the app topic to all its sessions.
    address: { appId, type: ChannelType.system, channelId: broadcastChannelId, memberIds: [] },
    recipientTopics: [topics.app(appId)],
  };
}
